// Backups of a serving portal (portico backup / restore, app/backup.h): one made under a
// rating and publishing load holds exactly what was acknowledged before it began and
// nothing half-written; a restored installation has every table, the audit log included,
// row for row, and serves the same pages and files byte for byte; scheduled backups keep
// the newest. On PostgreSQL too (tests/pg/http.sh runs this file again).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Portico, apiToken, backupMadeIn, bin } from "../lib/portico.mjs";

const run = promisify(execFile);
const config = 'weather_interval_s = 0\ntrust_proxy = ["127.0.0.1"]\nvotes_per_address = 1000000\n';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const manifest = (dir) => JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
const rows = (dir) => Object.fromEntries(manifest(dir).tables.map((t) => [t.name, t.rows]));
const backup = async (dataDir, to) => backupMadeIn((await run(bin, ["backup", "--data", dataDir, "--to", to])).stdout);

test("a backup under a rating and publishing load restores whole, and the copy serves the same pages", async (t) => {
  const work = mkdtempSync(join(tmpdir(), "portico-backup-"));
  const a = await Portico.start({ config });
  let restored;
  try {
    const token = apiToken(a.dataDir, "quantri", "admin");
    const kinhTe = await a.categoryId("kinh-te");
    const rated = [2, 3, 4, 5];
    const ratingOf = async (p, id) => (await (await p.fetch(`/api/v1/articles/${id}`)).json()).data.rating.count;
    let initial = 0;
    for (const id of rated) initial += await ratingOf(a, id);
    const before = await backup(a.dataDir, join(work, "truoc"));

    // The load: four raters (each rating from an address of its own) and one newsroom
    // creating and publishing articles; each acknowledgement with when it was asked and answered.
    let running = true;
    const acked = { ratings: [], articles: [] };
    const statuses = {};
    const raters = Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; running; ++n) {
        const asked = performance.now();
        const r = await a.fetch(`/api/v1/articles/${rated[n % 4]}/ratings`, { method: "POST",
          headers: { "content-type": "application/json", origin: a.base, "x-forwarded-for": `10.${30 + w}.${n >> 8}.${n & 255}` },
          body: JSON.stringify({ stars: 1 + (n % 5) }) });
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 201) acked.ratings.push([asked, performance.now()]);
      }
    });
    const newsroom = (async () => {
      for (let n = 0; running; ++n) {
        const asked = performance.now();
        const r = await a.fetch("/api/v1/newsroom/articles", { method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ title: `Tin sao lưu số ${n}`, lead: "Sapo", body_html: "<p>Nội dung</p>", category_id: kinhTe }) });
        assert.equal(r.status, 201);
        acked.articles.push([asked, performance.now()]);
        const x = (await r.json()).data;
        const p = await a.fetch(`/api/v1/newsroom/articles/${x.id}/publish`, { method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ version: x.version }) });
        assert.equal(p.status, 200);
      }
    })();
    await sleep(500);
    const started = performance.now();
    const during = await backup(a.dataDir, join(work, "trong-khi-chay"));
    const ended = performance.now();
    await sleep(300);
    running = false;
    await Promise.all([...raters, newsroom]);
    assert.deepEqual(Object.keys(statuses), ["201"], JSON.stringify(statuses));

    // What was acknowledged before the backup began is in it; nothing asked after it ended is.
    const count = (list, f) => list.filter(f).length;
    const base = rows(before), got = rows(during);
    const ratings = got.article_ratings - base.article_ratings;
    const articles = got.articles - base.articles;
    t.diagnostic(`during the load: ${ratings} of ${acked.ratings.length} ratings and ${articles} of ${acked.articles.length} ` +
      `articles are in the backup (made in ${Math.round(ended - started)} ms)`);
    assert.ok(ratings >= count(acked.ratings, ([, done]) => done < started), "every rating acknowledged before");
    assert.ok(ratings <= count(acked.ratings, ([asked]) => asked < ended), "no rating asked after");
    assert.ok(articles >= count(acked.articles, ([, done]) => done < started));
    assert.ok(articles <= count(acked.articles, ([asked]) => asked < ended));
    assert.ok(got.audit_log >= base.audit_log + count(acked.articles, ([, done]) => done < started));

    // Restored and served: each article's rating total (kept apart from the ratings) agrees
    // with the ratings the snapshot holds: no rating is half in it.
    const copy = join(work, "ban-phuc-hoi");
    const said = execFileSync(bin, ["restore", during, "--data", copy], { encoding: "utf8" });
    assert.match(said, /bảng đúng số dòng và tổng kiểm tra/);
    restored = await Portico.start({ config, dataDir: copy });
    let total = 0;
    for (const id of rated) total += await ratingOf(restored, id);
    assert.equal(total, initial + ratings);
    await restored.cleanup();
    restored = undefined;

    // After the load: the restored installation's every table, row for row (the audit log
    // too), as the backup holds it; then the same pages and files byte for byte, from the
    // same address.
    await sleep(1100);  // the last second of page views written
    const pages = ["/", "/bai-viet/go-kho-phat-trien-dang-vien", "/chuyen-muc/kinh-te", "/van-ban", "/hoi-dap",
      "/lich-cong-tac", "/lay-y-kien", "/thong-tin-tong-hop", "/sitemap.xml", "/rss/kinh-te.xml",
      "/api/v1/articles?category=kinh-te", `/api/v1/articles/${rated[0]}`, "/api/v1/documents", "/api/v1/drafts",
      "/media/minh-hoa-1.svg"];
    // Read as a crawler: the pages' visit counters are not moved by reading them here.
    const served = async (p) => Promise.all(pages.map(async (path) => {
      const r = await p.fetch(path, { headers: { "user-agent": "kiem-thu-bot/1.0" } });
      return [path, r.status, Buffer.from(await r.arrayBuffer())];
    }));
    const original = await served(a);
    assert.ok(original.every(([, status]) => status === 200), JSON.stringify(original.map(([p, s]) => [p, s])));
    const after = await backup(a.dataDir, join(work, "sau"));
    const listen = `127.0.0.1:${a.port}`;
    await a.stop();
    const whole = join(work, "ban-phuc-hoi-2");
    execFileSync(bin, ["restore", after, "--data", whole]);
    const again = await backup(whole, join(work, "lai"));
    assert.deepEqual(manifest(again).tables, manifest(after).tables, "every table, row for row");
    assert.ok(manifest(after).tables.find((x) => x.name === "audit_log").rows > base.audit_log);
    restored = await Portico.start({ config, dataDir: whole, listen });
    const copied = await served(restored);
    for (let i = 0; i < pages.length; ++i) {
      const [path, status, bytes] = copied[i];
      assert.equal(status, original[i][1], path);
      const at = [...bytes].findIndex((b, j) => b !== original[i][2][j]);
      const around = (b) => b.subarray(Math.max(0, at - 80), at + 80).toString();
      assert.ok(at < 0 && bytes.length === original[i][2].length,
        `${path} differs at byte ${at}: "${around(original[i][2])}" became "${around(bytes)}"`);
    }
  } finally {
    await restored?.cleanup();
    await a.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
});

test("restore refuses a changed backup and a target that is not empty; backup --verify says which file", async () => {
  const work = mkdtempSync(join(tmpdir(), "portico-backup-"));
  const a = await Portico.start({ config });
  try {
    const made = await backup(a.dataDir, work);
    execFileSync(bin, ["backup", "--verify", made]);
    const refused = (args) => {
      try {
        execFileSync(bin, args, { stdio: "pipe" });
      } catch (e) {
        return e.stderr.toString();
      }
      assert.fail(`${args.join(" ")} was accepted`);
    };
    assert.match(refused(["restore", made, "--data", a.dataDir]), /không trống/);
    const media = join(made, "files", "media");
    const file = join(media, readdirSync(media)[0]);
    execFileSync("bash", ["-c", `printf x >> "${file}"`]);
    assert.match(refused(["backup", "--verify", made]), /files\/media\/.+ của bản sao lưu đã khác/);
    const target = join(work, "moi");
    assert.match(refused(["restore", made, "--data", target]), /đã khác/);
    assert.deepEqual(readdirSync(work).filter((n) => n === "moi"), [], "nothing restored");
  } finally {
    await a.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
});

test("scheduled backups: made by the running portal, the newest backup_keep kept, counted in /metrics", async () => {
  const a = await Portico.start({ config: config + "backup_interval_h = 0.0005\nbackup_keep = 2\n" });  // every 1.8 s
  try {
    const runs = async () => Number(/portico_job_runs_total\{job="backup"\} (\d+)/.exec(await (await a.fetch("/metrics")).text())[1]);
    const deadline = Date.now() + 20000;
    while ((await runs()) < 3 && Date.now() < deadline) await sleep(200);
    assert.ok((await runs()) >= 3);
    const failures = /portico_job_failures_total\{job="backup"\} (\d+)/.exec(await (await a.fetch("/metrics")).text())[1];
    assert.equal(failures, "0");
    await a.stop();  // a backup under way is finished, and pruned after, before it stops
    const root = join(a.dataDir, "backups");
    const kept = readdirSync(root);
    assert.equal(kept.filter((n) => n.startsWith("portico-")).length, 2, kept.join(", "));
    for (const name of kept) execFileSync(bin, ["backup", "--verify", join(root, name)]);
    assert.match(a.stderr, /đã sao lưu vào/);
  } finally {
    await a.cleanup();
  }
});
