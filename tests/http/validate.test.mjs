// Every public page passes the W3C Nu HTML checker (npm vnu-jar on the machine's JDK) with zero errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Portico, sourceDir } from "../lib/portico.mjs";

let p;
before(async () => { p = await Portico.start(); });
after(async () => { await p.cleanup(); });

test("home, category, article and error pages have no HTML errors", async () => {
  const dir = mkdtempSync(join(tmpdir(), "portico-vnu-"));
  const pages = {
    home: "/", category: "/chuyen-muc/tin-tuc-su-kien", article: "/bai-viet/go-kho-phat-trien-dang-vien",
    plain_article: "/bai-viet/khanh-thanh-cau-treo-ban-khuon-he-nguoi-dan-di-lai-thuan-tien",
    not_found: "/khong-co", bad_request: "/chuyen-muc/kinh-te?trang=0",
  };
  const files = [];
  for (const [name, path] of Object.entries(pages)) {
    const r = await p.fetch(path, { headers: { cookie: name === "home" ? "hien-thi=s4c1" : "" } });
    const file = join(dir, name + ".html");
    writeFileSync(file, await r.text());
    files.push(file);
  }
  const jar = join(sourceDir, "node_modules/vnu-jar/build/dist/vnu.jar");
  const r = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8" });
  const out = JSON.parse(r.stderr || r.stdout || '{"messages":[]}');
  const errors = out.messages.filter((m) => m.type === "error");
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(errors.map((m) => `${m.url.split("/").pop()}:${m.lastLine}: ${m.message}`), []);
});
