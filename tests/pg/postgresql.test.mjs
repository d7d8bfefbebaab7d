// What only PostgreSQL has to show, against the real binary and the private server of
// tests/pg/with_server.sh (run by tests/pg/http.sh, after the HTTP suites on PostgreSQL):
// a server that cannot be reached at start, a server that goes away while the portal
// serves, and kill -9 while ratings are being written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Portico, Visitor, backupMadeIn } from "../lib/portico.mjs";

const realBin = process.env.PORTICO_REAL_BIN;
// The schema tests/pg/on_postgresql.sh gives a data directory.
const schemaOf = (dir) => "t" + createHash("md5").update(realpathSync(dir)).digest("hex").slice(0, 16);
const psql = (sql) => execSync(`psql "${process.env.PORTICO_PG_URL}" -qAt -v ON_ERROR_STOP=1`, { input: `SET client_min_messages = warning; ${sql}`, encoding: "utf8" }).trim();

test("a server that cannot be reached at start is an error that names it, without its password", () => {
  const r = spawnSync(realBin, ["serve", "--data", "/tmp/portico-nowhere", "--listen", "127.0.0.1:0",
    "--database", "postgresql://portico:mat-khau@/portal?host=/tmp/portico-no-such-socket"], { encoding: "utf8", timeout: 20000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /không kết nối được PostgreSQL postgresql:\/\/portico:\*\*\*@\/portal/);
  assert.doesNotMatch(r.stderr, /mat-khau/);
});

test("while PostgreSQL is away, what needs it answers 503; the portal reconnects without a restart", async () => {
  const p = await Portico.start();
  try {
    assert.equal((await p.fetch("/")).status, 200);
    execSync(process.env.PORTICO_PG_STOP, { stdio: "ignore" });
    let down;
    try {
      // A search nobody made before: no cache can answer it.
      down = await p.fetch("/tim-kiem?q=h%E1%BB%99i+ngh%E1%BB%8B+m%E1%BB%9Bi");
      const ready = await p.fetch("/readyz");
      assert.equal(ready.status, 503, "not ready for the load balancer");
      assert.match((await ready.json()).error.message, /không kết nối được cơ sở dữ liệu/);
      const api = await p.fetch("/api/v1/search?q=k%E1%BA%BF+ho%E1%BA%A1ch");
      assert.equal(api.status, 503);
      const e = (await api.json()).error;
      assert.ok(e.code && /[àáảãạâăđêôơư]/i.test(e.message), e.message);
      assert.ok(api.headers.get("retry-after"));
    } finally {
      execSync(process.env.PORTICO_PG_START, { stdio: "ignore" });
    }
    assert.equal(down.status, 503);
    assert.match(await down.text(), /<html[^>]*lang="vi"/);
    // The same process, the connections made again.
    let again = 0;
    for (let i = 0; i < 20 && again !== 200; ++i) {
      again = (await p.fetch("/tim-kiem?q=h%E1%BB%99i+ngh%E1%BB%8B+m%E1%BB%9Bi")).status;
      if (again !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(again, 200);
    assert.equal(p.child.exitCode, null);
  } finally {
    await p.cleanup();
  }
});

test("kill -9 while ratings are written: every acknowledged rating is there, and the totals are exact", async () => {
  const config = 'trust_proxy = ["127.0.0.1"]\nweather_interval_s = 0\nwork_queue = 4000\n';
  const p = await Portico.start({ config });
  const acknowledged = [];
  let sent = 0;
  // 16 readers at a time, each a new visitor, until the server is gone.
  const rate = async (n) => {
    const v = new Visitor(p);
    const r = await v.fetch("/api/v1/articles/2/ratings", { method: "POST",
      headers: { "content-type": "application/json", origin: p.base, "x-forwarded-for": `10.9.${n >> 8}.${n & 255}` },
      body: JSON.stringify({ stars: 1 + (n % 5) }) });
    if (r.status === 201) acknowledged.push({ n, cookie: v.cookies.get("khach") });
  };
  const workers = Array.from({ length: 16 }, async () => {
    while (sent < 3000) {
      const n = sent++;
      try { await rate(n); } catch { return; }  // the server was killed under this request
    }
  });
  while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
  p.child.kill("SIGKILL");
  await p.exited;
  await Promise.all(workers);
  const schema = schemaOf(p.dataDir);
  const [count, points] = psql(`SELECT count(*), COALESCE(sum(stars), 0) FROM ${schema}.article_ratings WHERE article_id = 2`).split("|").map(Number);
  const totals = psql(`SELECT rating_count, rating_points FROM ${schema}.articles WHERE id = 2`).split("|").map(Number);
  assert.ok(count >= acknowledged.length, `${count} ratings stored, ${acknowledged.length} acknowledged`);
  assert.deepEqual(totals, [count, points]);
  const again = await Portico.start({ dataDir: p.dataDir, config });
  try {
    assert.deepEqual((await (await again.fetch("/api/v1/articles/2")).json()).data.rating, { points, count });
    // Each acknowledged visitor is known: a second rating is refused.
    for (const { n, cookie } of acknowledged.slice(0, 50)) {
      const r = await again.fetch("/api/v1/articles/2/ratings", { method: "POST",
        headers: { "content-type": "application/json", origin: again.base, cookie: `khach=${cookie}`,
          "x-forwarded-for": `10.9.${n >> 8}.${n & 255}` }, body: JSON.stringify({ stars: 5 }) });
      assert.equal(r.status, 409);
    }
  } finally {
    await again.cleanup();
  }
});

// Pages of an installation, to compare one engine's with the other's after a move.
const pages = ["/", "/bai-viet/go-kho-phat-trien-dang-vien", "/van-ban", "/hoi-dap", "/tim-kiem?q=n%C3%B4ng+th%C3%B4n&sap-xep=moi-nhat",
  "/api/v1/articles", "/api/v1/search?q=d%E1%BA%A3ng+vi%C3%AAn", "/api/v1/documents", "/gioi-thieu", "/sitemap.xml"];
// Relevance is each engine's own arithmetic (the same rules, not the same scores): the
// API's ranked results are compared as a set; the search page is read newest first.
const read = async (p) => Promise.all(pages.map(async (path) => {
  const r = await p.fetch(path);
  if (path.startsWith("/api/v1/search")) {
    const j = await r.json();
    j.data.sort((a, b) => a.id - b.id);
    return `${path} ${r.status}\n` + JSON.stringify(j).replaceAll(`:${p.port}`, ":PORT");
  }
  // The port differs (in links, plain and encoded), and so do the visit counts: the reads
  // before the move were counted.
  return `${path} ${r.status}\n` + (await r.text()).replaceAll(`:${p.port}`, ":PORT").replaceAll(`%3A${p.port}`, ":PORT")
    .replace(/(<dt>[^<]*<\/dt> <dd>)[\d.]+(<\/dd>)/g, "$1…$2");
}));
const samePages = (got, expected, what) => {
  for (let i = 0; i < pages.length; ++i) assert.equal(got[i], expected[i], `${pages[i]} ${what}`);
};
// A demo SQLite installation with a rating, and its pages.
async function demoWithRating(dataDir) {
  const p = await Portico.start({ dataDir, args: ["--database", `sqlite:${dataDir}/portico.db`] });
  try {
    const v = new Visitor(p);
    assert.equal((await v.fetch("/api/v1/articles/3/ratings", { method: "POST",
      headers: { "content-type": "application/json", origin: p.base }, body: JSON.stringify({ stars: 4 }) })).status, 201);
    return await read(p);
  } finally {
    await p.stop();
  }
}
async function pagesOf(dataDir, database) {
  const p = await Portico.start({ dataDir, args: ["--database", database] });
  try {
    return await read(p);
  } finally {
    await p.stop();
  }
}
const cli = (args) => {
  const r = spawnSync(realBin, args, { encoding: "utf8" });
  assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};

test("copy-db moves a demo SQLite installation to PostgreSQL and back; the pages are the same", async () => {
  const schema = `copy_${process.pid}`;
  psql(`CREATE SCHEMA ${schema}`);
  const pgUrl = `${process.env.PORTICO_PG_URL}&options=-csearch_path%3D${schema}`;
  // The SQLite installation: the demo and a rating.
  const dataDir = mkdtempSync(join(tmpdir(), "portico-copy-"));
  const sqliteUrl = `sqlite:${dataDir}/portico.db`;
  const expected = await demoWithRating(dataDir);
  try {
    let r = spawnSync(realBin, ["copy-db", "--from", sqliteUrl, "--to", pgUrl], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^articles\s+\d+\s+[0-9a-f]{16}$/m);
    assert.match(r.stdout, /^audit_log\s+\d+/m);
    assert.match(r.stdout, /^article_ratings\s+1\s/m);
    // Every table listed, and the summary counts them all.
    const listed = r.stdout.split("\n").filter((l) => /^\w+\s+\d+\s+[0-9a-f]{16}$/.test(l)).length;
    assert.ok(listed >= 30, r.stdout);
    assert.match(r.stdout, new RegExp(`Đã chép ${listed} bảng`));
    // A target that holds anything is refused, and keeps what it has.
    r = spawnSync(realBin, ["copy-db", "--from", sqliteUrl, "--to", pgUrl], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /đã có dữ liệu \(bảng sites có \d+ dòng\)/);
    // The same installation, served from PostgreSQL: the same pages, byte for byte.
    const after = await Portico.start({ dataDir, args: ["--database", pgUrl] });
    try {
      samePages(await read(after), expected, "on PostgreSQL");
      // New rows continue after the copied ids.
      const v = new Visitor(after);
      assert.equal((await v.fetch("/api/v1/articles/4/ratings", { method: "POST",
        headers: { "content-type": "application/json", origin: after.base }, body: JSON.stringify({ stars: 5 }) })).status, 201);
    } finally {
      await after.stop();
    }
    // And back to a new SQLite file: every table's checksum as on PostgreSQL.
    r = spawnSync(realBin, ["copy-db", "--from", pgUrl, "--to", `sqlite:${dataDir}/back.db`], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^article_ratings\s+2\s/m);
  } finally {
    psql(`DROP SCHEMA ${schema} CASCADE`);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a backup of either engine restores into the other: SQLite to PostgreSQL and back, the same pages", async () => {
  const schema = `restore_${process.pid}`;
  psql(`CREATE SCHEMA ${schema}`);
  const pgUrl = `${process.env.PORTICO_PG_URL}&options=-csearch_path%3D${schema}`;
  const work = mkdtempSync(join(tmpdir(), "portico-restore-"));
  try {
    const original = join(work, "sqlite");
    mkdirSync(original);
    const expected = await demoWithRating(original);
    // SQLite's backup into PostgreSQL.
    const fromSqlite = backupMadeIn(cli(["backup", "--data", original, "--to", join(work, "sao-luu-1")]));
    const onPg = join(work, "postgresql");
    cli(["restore", fromSqlite, "--data", onPg, "--database", pgUrl]);
    samePages(await pagesOf(onPg, pgUrl), expected, "restored from SQLite into PostgreSQL");
    // PostgreSQL's backup (a snapshot read into a SQLite file) into SQLite.
    const fromPg = backupMadeIn(cli(["backup", "--data", onPg, "--database", pgUrl, "--to", join(work, "sao-luu-2")]));
    cli(["backup", "--verify", fromPg]);
    const back = join(work, "sqlite-lai");
    cli(["restore", fromPg, "--data", back]);
    samePages(await pagesOf(back, `sqlite:${back}/portico.db`), expected, "restored from PostgreSQL into SQLite");
    // The content as the first backup held it, row for row: its manifest against the last
    // one's (serving the pages in between counted visits, so those tables are left out).
    const content = ["sites", "users", "categories", "articles", "article_revisions", "article_ratings", "documents",
      "questions", "media", "audit_log"];
    const tables = (dir) => Object.fromEntries(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).tables
      .filter((t) => content.includes(t.name)).map((t) => [t.name, [t.rows, t.checksum]]));
    assert.equal(Object.keys(tables(fromSqlite)).length, content.length);
    assert.deepEqual(tables(fromPg), tables(fromSqlite));
  } finally {
    psql(`DROP SCHEMA ${schema} CASCADE`);
    rmSync(work, { recursive: true, force: true });
  }
});
