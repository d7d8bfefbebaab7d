// Start-up, CLI, configuration, taken-down articles, graceful shutdown, restart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Portico, apiToken, bin, sqliteOnly } from "../lib/portico.mjs";

test("--version and --help", () => {
  assert.match(execFileSync(bin, ["--version"]).toString(), /^portico \d+\.\d+\.\d+/);
  const help = execFileSync(bin, ["serve", "--help"]).toString();
  for (const flag of ["--data", "--database", "--listen", "--config", "--no-demo"]) assert.ok(help.includes(flag), flag);
});

test("a bad configuration is refused with a message", () => {
  const r = spawnSync(bin, ["serve", "--listen", "not-an-address"]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr.toString(), /HOST:PORT/);
});

test("the database is chosen by URL, apart from the data directory, and a bad one is named", { skip: sqliteOnly }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "portico-db-"));
  try {
    const db = join(dir, "elsewhere", "portal.db");
    execFileSync("mkdir", ["-p", join(dir, "elsewhere")]);
    // Every command takes --database: the site made here is the one the server shows.
    execFileSync(bin, ["site", "add", "--data", join(dir, "data"), "--database", "sqlite:" + db,
      "--name", "Xã Thử", "--host", "127.0.0.1"]);
    assert.ok(existsSync(db));
    assert.ok(!existsSync(join(dir, "data", "portico.db")), "the data directory keeps media and logs only");
    const list = execFileSync(bin, ["site", "list", "--data", join(dir, "data"), "--database", "sqlite:" + db]).toString();
    assert.match(list, /Xã Thử/);
    // The config file's `database` key does the same for serve.
    writeFileSync(join(dir, "portico.toml"), `database = "sqlite:${db}"\n`);
    const p = await Portico.start({ dataDir: join(dir, "data"), args: ["--config", join(dir, "portico.toml"), "--no-demo"] });
    try {
      const home = await (await fetch(p.base + "/")).text();
      assert.match(home, /Xã Thử/);
    } finally {
      await p.stop();
    }
    // A URL that names no backend this build has is refused at start, saying which, and
    // a password in it is never printed.
    for (const [url, said] of [["postgresql://portico:secret@db.example/portico", /PostgreSQL/], ["mysql://x", /không hiểu được/],
                               ["sqlite:", /thiếu đường dẫn/]]) {
      const r = spawnSync(bin, ["serve", "--data", join(dir, "data"), "--database", url, "--listen", "127.0.0.1:0"]);
      assert.notEqual(r.status, 0, url);
      const err = r.stderr.toString();
      assert.match(err, said, url);
      assert.ok(!err.includes("secret"), err);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--no-demo on an empty data directory refuses to start", async () => {
  await assert.rejects(Portico.start({ args: ["--no-demo"] }), /trống/);
});

test("taken-down articles answer 410, on pages and in the API", async () => {
  let p = await Portico.start();
  const dataDir = p.dataDir;
  const id = JSON.parse((await (await p.fetch("/api/v1/articles?category=xay-dung-dang")).text()))
    .data.find((a) => a.slug === "go-kho-phat-trien-dang-vien").id;
  // An approver takes it down through the newsroom API; the state must survive a restart.
  const auth = { authorization: `Bearer ${apiToken(dataDir, "duyet", "approver")}`, "content-type": "application/json" };
  const { version } = (await (await p.fetch(`/api/v1/newsroom/articles/${id}`, { headers: auth })).json()).data;
  const down = await p.fetch(`/api/v1/newsroom/articles/${id}/take-down`, { method: "POST", headers: auth,
    body: JSON.stringify({ version, reason: "Thông tin chưa được kiểm chứng" }) });
  assert.equal(down.status, 200);
  assert.equal((await p.stop()).code, 0);
  p = await Portico.start({ dataDir });
  try {
    const page = await p.fetch("/bai-viet/go-kho-phat-trien-dang-vien");
    assert.equal(page.status, 410);
    assert.match(await page.text(), /Bài viết đã được gỡ bỏ/);
    const api = await p.fetch("/api/v1/articles/" + id);
    assert.equal(api.status, 410);
    assert.equal((await api.json()).error.code, "gone");
    // and it is no longer listed or related
    const list = await (await p.fetch("/api/v1/articles?category=xay-dung-dang")).json();
    assert.ok(!list.data.some((a) => a.id === id));
  } finally {
    await p.stop();
    (await import("node:fs")).rmSync(dataDir, { recursive: true, force: true });
  }
});

test("SIGTERM with an open idle connection exits 0 promptly; data survives restart", async () => {
  const p = await Portico.start();
  const s = net.connect(p.port, "127.0.0.1");
  await new Promise((r) => s.on("connect", r));
  s.on("error", () => {});
  const t0 = Date.now();
  const r = await p.stop();
  assert.equal(r.code, 0);
  assert.ok(Date.now() - t0 < 5000);
  s.destroy();
  const again = await Portico.start({ dataDir: p.dataDir });
  try {
    assert.equal((await again.fetch("/bai-viet/go-kho-phat-trien-dang-vien")).status, 200);
    const body = await (await again.fetch("/api/v1/articles")).json();
    assert.equal(body.meta.total, 38, "demo installed once, not twice");
  } finally {
    await again.cleanup();
  }
});

test("SIGTERM lets an in-flight request finish", async () => {
  const p = await Portico.start();
  const s = net.connect(p.port, "127.0.0.1");
  await new Promise((r) => s.on("connect", r));
  const chunks = [];
  s.on("data", (d) => chunks.push(d));
  const closed = new Promise((r) => s.on("close", r));
  // headers sent, body still coming when the signal arrives
  s.write("POST /hien-thi HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\nco-chu");
  await new Promise((r) => setTimeout(r, 200));
  p.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 200));
  s.write("=tang");
  await closed;
  const text = Buffer.concat(chunks).toString();
  assert.match(text, /^HTTP\/1\.1 303/);
  assert.match(text, /Connection: close/);
  assert.equal((await p.exited).code, 0);
  await p.cleanup();
});

test("/readyz: ready when the database answers at this build's schema and the disk has room; otherwise 503 with the reason", async () => {
  const p = await Portico.start({ config: "weather_interval_s = 0\n" });
  try {
    const r = await p.fetch("/readyz");
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("cache-control"), "no-store");
    const body = await r.json();
    assert.equal(body.status, "ready");
    assert.equal(body.checks.database, true);
    assert.ok(body.checks.schema > 0);
    assert.equal(body.checks.schema, body.checks.known_schema);
    assert.ok(body.checks.free_disk_mb > 0);
  } finally {
    await p.cleanup();
  }
  const full = await Portico.start({ config: "weather_interval_s = 0\nmin_free_disk_mb = 1000000000\n" });
  try {
    const r = await full.fetch("/readyz");
    assert.equal(r.status, 503);
    assert.ok(Number(r.headers.get("retry-after")) > 0);
    const e = (await r.json()).error;
    assert.equal(e.code, "not_ready");
    assert.match(e.message, /^Máy chủ này chưa sẵn sàng: thư mục dữ liệu chỉ còn \d+ MB trống \(cần ít nhất 1000000000 MB\)\.$/);
    assert.equal((await full.fetch("/healthz")).status, 200, "alive all the same");
    assert.equal((await full.fetch("/")).status, 200, "and serving: readiness is for the load balancer to act on");
  } finally {
    await full.cleanup();
  }
});

test("/readyz: a database that a newer build migrated further is not this node's to serve", { skip: sqliteOnly }, async () => {
  const p = await Portico.start({ config: "weather_interval_s = 0\n" });
  try {
    assert.equal((await p.fetch("/readyz")).status, 200);
    execFileSync("python3", ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); " +
      "c.execute('INSERT INTO schema_version VALUES ((SELECT MAX(version) + 1 FROM schema_version), 0)'); c.commit()",
      join(p.dataDir, "portico.db")]);
    await new Promise((r) => setTimeout(r, 1100));  // the answer is kept for a second
    const r = await p.fetch("/readyz");
    assert.equal(r.status, 503);
    const body = await r.json();
    assert.equal(body.checks.schema, body.checks.known_schema + 1);
    assert.match(body.error.message, /mới hơn phiên bản \d+ mà bản Portico này biết: cần nâng cấp máy chủ này/);
  } finally {
    await p.cleanup();
  }
});
