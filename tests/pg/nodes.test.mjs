// Two Portico nodes on one PostgreSQL database and one data directory (as on a shared
// mount), each with its own logs: what one changes the other serves within a second,
// counters add up across them, an account locks on both, one of them leads the jobs.
// Run by tests/pg/http.sh under with_server.sh; the nodes get the schema that
// tests/pg/on_postgresql.sh gives the data directory, so the CLI reaches the same database.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, execSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Portico, Visitor, apiToken, bin, signedIn, sourceDir } from "../lib/portico.mjs";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const schemaOf = (dir) => "t" + createHash("md5").update(realpathSync(dir)).digest("hex").slice(0, 16);
const psql = (sql) => execSync(`psql "${process.env.PORTICO_PG_URL}" -qAt -v ON_ERROR_STOP=1`, { input: `SET client_min_messages = warning; ${sql}`, encoding: "utf8" }).trim();

let dataDir, url, a, b;
const tokens = {};

// A node: the shared data directory and database, its own log directory.
const node = (name, port = 0) => Portico.start({ dataDir, args: ["--database", url], listen: `127.0.0.1:${port}`,
  config: `weather_interval_s = 0\ntrust_proxy = ["127.0.0.1"]\nvotes_per_address = 1000000\n` +
          `log_dir = "${join(dataDir, "log-" + name)}"\n` });

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "portico-nodes-"));
  const schema = schemaOf(dataDir);
  psql(`CREATE SCHEMA ${schema}`);
  url = `${process.env.PORTICO_PG_URL}&options=-csearch_path%3D${schema}`;
  a = await node("a");  // makes the demo
  b = await node("b");
  tokens.bientap = apiToken(dataDir, "bientap", "editor");
  tokens.duyet = apiToken(dataDir, "duyet", "approver");
});
after(async () => {
  for (const p of [a, b]) if (p) await p.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (p, who, method, path, body) => p.fetch("/api/v1/newsroom" + path, {
  method, headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const text = async (p, path, init) => (await p.fetch(path, init)).text();

// Polls `check` until it holds, for at most `ms`; the time it took.
async function within(ms, check, what) {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > ms) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("an article published on A is on B's pages within a second; taken down on B, A answers 410", async (t) => {
  const title = "Hai máy chủ, một cổng thông tin";
  // B has the home page and the (missing) article in its cache.
  assert.doesNotMatch(await text(b, "/"), new RegExp(title));
  assert.equal((await b.fetch("/bai-viet/hai-may-chu-mot-cong-thong-tin")).status, 404);
  let r = await api(a, "bientap", "POST", "/articles", { title, lead: "Sapo", body_html: "<p>Nội dung</p>",
    category_id: await a.categoryId("kinh-te") });
  assert.equal(r.status, 201);
  let article = (await r.json()).data;
  r = await api(a, "bientap", "POST", `/articles/${article.id}/submit`, { version: article.version });
  article = (await r.json()).data;
  r = await api(a, "duyet", "POST", `/articles/${article.id}/publish`, { version: article.version });
  assert.equal(r.status, 200);
  article = (await r.json()).data;
  const page = await within(1000, async () => (await b.fetch("/bai-viet/hai-may-chu-mot-cong-thong-tin")).status === 200, "the article on B");
  const home = await within(1000, async () => (await text(b, "/")).includes(title), "B's home page");
  t.diagnostic(`published on A: on B's article page after ${page} ms, its home page after ${home} ms`);
  assert.equal((await a.fetch("/bai-viet/hai-may-chu-mot-cong-thong-tin")).status, 200);
  r = await api(b, "duyet", "POST", `/articles/${article.id}/take-down`, { version: article.version, reason: "Thử gỡ" });
  assert.equal(r.status, 200);
  const gone = await within(1000, async () => (await a.fetch("/bai-viet/hai-may-chu-mot-cong-thong-tin")).status === 410, "410 on A");
  t.diagnostic(`taken down on B: 410 on A after ${gone} ms`);
});

test("a category renamed and a sub-portal made on A: B's menu and B's host routing follow within a second", async (t) => {
  const admin = await signedIn(a, "quantri", "admin", { platform: true });
  const id = await a.categoryId("kinh-te");
  assert.match(await text(b, "/"), />Kinh tế</);
  const csrf = Visitor.csrfOf(await (await admin.fetch("/quan-tri/chuyen-muc")).text());
  let r = await admin.post(`/quan-tri/chuyen-muc/${id}`, { csrf, ten: "Kinh tế – Hợp tác", cha: String(await a.categoryId("tin-tuc-su-kien")) });
  assert.equal(r.status, 303);
  const menu = await within(1000, async () => (await text(b, "/")).includes(">Kinh tế – Hợp tác<"), "B's menu");
  t.diagnostic(`category renamed on A: in B's menu after ${menu} ms`);

  const host = (p) => p.fetch("/", { host: "kimbinh.localhost" });
  await host(b);  // B answers the unknown host once before
  const form = await (await admin.fetch("/quan-tri/cong-thanh-phan")).text();
  r = await admin.post("/quan-tri/cong-thanh-phan", { csrf: Visitor.csrfOf(form), ten: "Xã Kim Bình", loai: "Xã",
    "ten-mien": "kimbinh.localhost", mau: "#1f5f8b", "co-quan": "UBND xã Kim Bình" });
  assert.equal(r.status, 303, await r.text());
  const routed = await within(1000, async () => (await (await host(b)).text()).includes("<title>Trang chủ | Cổng thông tin điện tử Xã Kim Bình</title>"),
    "B serving the new sub-portal's host");
  t.diagnostic(`sub-portal made on A: B serves its host after ${routed} ms`);
});

test("1,000 ratings spread over both nodes: exactly 1,000 on both", async () => {
  const before = (await (await a.fetch("/api/v1/articles/2")).json()).data.rating;
  let sent = 0;
  const statuses = {};
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (sent < 1000) {
      const n = sent++;
      const p = n % 2 ? a : b;
      const r = await p.fetch("/api/v1/articles/2/ratings", { method: "POST",
        headers: { "content-type": "application/json", origin: p.base, "x-forwarded-for": `10.7.${n >> 8}.${n & 255}` },
        body: JSON.stringify({ stars: 1 + (n % 5) }) });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
  }));
  assert.deepEqual(statuses, { 201: 1000 });
  let points = 0;
  for (let n = 0; n < 1000; ++n) points += 1 + (n % 5);
  for (const p of [a, b]) {
    await within(1500, async () => (await (await p.fetch("/api/v1/articles/2")).json()).data.rating.count === before.count + 1000, "the count");
    assert.deepEqual((await (await p.fetch("/api/v1/articles/2")).json()).data.rating,
      { points: before.points + points, count: before.count + 1000 });
  }
});

test("page views on both nodes add up; a visitor seen by either is online on both", async () => {
  const stats = async (p) => (await (await p.fetch("/api/v1/stats/visits")).json()).data;
  // The earlier tests' views: written by both nodes' next flush (once a second), read by both.
  await new Promise((r) => setTimeout(r, 2100));
  const start = await stats(a);
  assert.equal((await stats(b)).total, start.total);
  const view = (p, who) => p.fetch("/", { headers: { "user-agent": BROWSER, cookie: `khach=${who}` } });
  for (let i = 0; i < 7; ++i) await view(a, "khach-mot");
  for (let i = 0; i < 5; ++i) await view(b, "khach-hai");
  await view(b, "khach-mot");  // the same visitor on the other node
  for (const p of [a, b]) {
    await within(3000, async () => (await stats(p)).today === start.today + 13, "13 more views");
    const s = await stats(p);
    assert.equal(s.total, start.total + 13);
    await within(3000, async () => (await stats(p)).online === start.online + 2, "two more visitors online");
  }
});

test("five failed sign-ins through A lock the account on B", async () => {
  await signedIn(a, "khoa-thu", "editor");  // made, with the password mat-khau-khoa-thu
  for (let i = 0; i < 5; ++i) {
    const r = await new Visitor(a).signIn("khoa-thu", "sai-mat-khau");
    assert.equal(r.status, 401, "a wrong password: the form again");
  }
  const r = await new Visitor(b).signIn("khoa-thu", "mat-khau-khoa-thu");
  assert.equal(r.status, 429);
  assert.match(await r.text(), /Đăng nhập sai quá nhiều lần/);
  assert.ok(Number(r.headers.get("retry-after")) > 0);
});

// nginx (Debian's) with deploy/nginx-portico.conf, the nodes' ports and a free one of its own.
async function startNginx() {
  const port = await new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  });
  const dir = join(dataDir, "nginx");
  mkdirSync(join(dir, "logs"), { recursive: true });
  chmodSync(dir, 0o777);
  const site = readFileSync(join(sourceDir, "deploy/nginx-portico.conf"), "utf8")
    .replace("127.0.0.1:8081", `127.0.0.1:${a.port}`).replace("127.0.0.1:8082", `127.0.0.1:${b.port}`)
    .replace("listen 80;", `listen 127.0.0.1:${port};`);
  writeFileSync(join(dir, "nginx.conf"), `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log;\n` +
    `events { worker_connections 1024; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n` +
    `  proxy_temp_path ${dir}/proxy;\n  proxy_max_temp_file_size 0;\n${site}\n}\n`);
  const child = spawn("/usr/sbin/nginx", ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "logs/error.log"), "-g", "daemon off;"],
    { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  await within(5000, async () => { try { return (await fetch(base + "/healthz")).ok; } catch { return false; } }, "nginx listening");
  return { base, stop: () => { child.kill("SIGTERM"); return new Promise((r) => child.on("exit", r)); } };
}

test("behind nginx: kill -9 node A during a rating load; every acknowledged rating counts, B takes the traffic, A rejoins", async (t) => {
  const proxy = await startNginx();
  try {
    const rating = async () => (await (await b.fetch("/api/v1/articles/3")).json()).data.rating;
    const start = await rating();
    const acknowledged = [];
    const statuses = {};
    let sent = 0, killedAt = -1;
    const rate = async () => {
      const r = await fetch(proxy.base + "/api/v1/articles/3/ratings", { method: "POST",
        headers: { "content-type": "application/json", origin: proxy.base }, body: JSON.stringify({ stars: 4 }) });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 201) acknowledged.push({ cookie: /khach=([^;]+)/.exec(r.headers.get("set-cookie"))[1], after: killedAt >= 0 });
    };
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (sent < 1500) {
        sent++;
        if (acknowledged.length >= 300 && killedAt < 0) {
          killedAt = sent;
          a.child.kill("SIGKILL");
        }
        await rate();
      }
    }));
    await a.exited;
    t.diagnostic(`through nginx: ${JSON.stringify(statuses)}; node A killed after ${killedAt} requests`);
    assert.ok(acknowledged.filter((x) => x.after).length >= 1000, "B answered the rest");
    const end = await rating();
    // What was acknowledged is there; a request cut off with A may have been written or not.
    assert.ok(end.count - start.count >= acknowledged.length, `${end.count - start.count} >= ${acknowledged.length}`);
    assert.ok(end.count - start.count <= sent);
    for (const { cookie } of acknowledged.slice(0, 400)) {
      const again = await b.fetch("/api/v1/articles/3/ratings", { method: "POST",
        headers: { "content-type": "application/json", origin: b.base, cookie: `khach=${cookie}` }, body: JSON.stringify({ stars: 1 }) });
      assert.equal(again.status, 409, "this visitor's rating is stored");
    }
    // A comes back; with B gone, nginx sends everything to A.
    a = await node("a", a.port);  // where nginx looks for it
    await b.stop();
    const served = await within(15000, async () => (await fetch(proxy.base + "/")).status === 200, "nginx through A");
    t.diagnostic(`A restarted, B stopped: nginx served through A after ${served} ms`);
    b = await node("b");
  } finally {
    await proxy.stop();
  }
});

test("a disabled account and a revoked token are refused by every node at once", async () => {
  const editor = await signedIn(a, "tam-khoa", "editor");  // a session made on A
  const on = (p) => Object.assign(new Visitor(p), { cookies: new Map(editor.cookies) });
  for (const p of [a, b]) assert.equal((await on(p).fetch("/quan-tri")).status, 200, "one session, every node");
  execFileSync(bin, ["user", "disable", "tam-khoa", "--data", dataDir]);
  for (const p of [a, b]) assert.equal((await on(p).fetch("/quan-tri")).status, 303, "to the sign-in form");
  const token = apiToken(dataDir, "thu-hoi", "editor");
  const list = (p) => p.fetch("/api/v1/newsroom/articles", { headers: { authorization: `Bearer ${token}` } });
  for (const p of [a, b]) assert.equal((await list(p)).status, 200);
  execFileSync(bin, ["token", "revoke", "thu-hoi", "--data", dataDir]);
  for (const p of [a, b]) assert.equal((await list(p)).status, 401);
});

test("PostgreSQL restarted under load: pages keep answering, writes get 503 with Retry-After, both nodes recover, nothing acknowledged is lost", async () => {
  const pages = ["/", "/api/v1/articles"];
  for (const p of [a, b]) for (const path of pages) assert.equal((await p.fetch(path)).status, 200);
  const rate = (p, who) => p.fetch("/api/v1/articles/4/ratings", { method: "POST",
    headers: { "content-type": "application/json", origin: p.base, "x-forwarded-for": who }, body: JSON.stringify({ stars: 5 }) });
  let running = true;
  const acknowledged = [];
  const load = Promise.all(Array.from({ length: 8 }, async (_, w) => {
    for (let n = 0; running; ++n) {
      const p = w % 2 ? a : b;
      const r = await rate(p, `10.8.${w}.${n & 255}`);
      if (r.status === 201) acknowledged.push({ p, cookie: /khach=([^;]+)/.exec(r.headers.get("set-cookie"))[1] });
      else {
        assert.equal(r.status, 503, "nothing but 201 or 503");
        assert.ok(Number(r.headers.get("retry-after")) > 0);
        await new Promise((res) => setTimeout(res, 20));
      }
    }
  }));
  await new Promise((res) => setTimeout(res, 300));
  execSync(process.env.PORTICO_PG_STOP, { stdio: "ignore" });
  try {
    await new Promise((res) => setTimeout(res, 1200));  // past their second: each must be drawn again, and cannot be
    for (const p of [a, b])
      for (const path of pages)
        for (let i = 0; i < 3; ++i) assert.equal((await p.fetch(path)).status, 200, `${path} while the database is away`);
    const w = await rate(a, "10.9.9.9");
    assert.equal(w.status, 503);
    assert.ok(Number(w.headers.get("retry-after")) > 0);
  } finally {
    execSync(process.env.PORTICO_PG_START, { stdio: "ignore" });
  }
  for (const p of [a, b]) await within(10000, async () => (await rate(p, "10.9.9." + (p === a ? 1 : 2))).status === 201, "a rating written again");
  running = false;
  await load;
  for (const { p, cookie } of acknowledged) {
    const again = await p.fetch("/api/v1/articles/4/ratings", { method: "POST",
      headers: { "content-type": "application/json", origin: p.base, cookie: `khach=${cookie}` }, body: JSON.stringify({ stars: 1 }) });
    assert.equal(again.status, 409, "an acknowledged rating is stored");
  }
});

test("the weather is fetched and scheduled backups are made by exactly one node, and by the other once the first is killed", async (t) => {
  const asked = [];
  const provider = http.createServer((req, res) => {
    asked.push(req.url);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ current: { time: "2026-12-07T08:00", temperature_2m: 19.5, relative_humidity_2m: 70,
      weather_code: 1, wind_speed_10m: 3 } }));
  });
  await new Promise((res) => provider.listen(0, "127.0.0.1", res));
  // An installation of its own (its schema, so the lock is not the other tests' nodes'), two
  // nodes fetching once an hour (each fetch is one request per place) and backing up every
  // 1.8 s into the backup directory they share.
  const dir = mkdtempSync(join(tmpdir(), "portico-weather-"));
  psql(`CREATE SCHEMA ${schemaOf(dir)}`);
  const database = `${process.env.PORTICO_PG_URL}&options=-csearch_path%3D${schemaOf(dir)}`;
  const start = (name) => Portico.start({ dataDir: dir, args: ["--database", database],
    config: `weather_url = "http://127.0.0.1:${provider.address().port}"\nweather_interval_s = 3600\nlog_dir = "${join(dir, "log-" + name)}"\n` +
            "backup_interval_h = 0.0005\nbackup_keep = 100\n" });
  const backups = (p) => (p.stderr.match(/đã sao lưu vào/g) ?? []).length;
  const nodes = [await start("c"), await start("d")];
  try {
    const places = Number(psql(`SELECT count(*) FROM ${schemaOf(dir)}.places WHERE weather <> 0`));
    assert.ok(places > 0);
    await within(5000, async () => asked.length >= places, "the first fetch");
    await new Promise((r) => setTimeout(r, 2500));  // both nodes' links have asked for the lead by now
    assert.equal(asked.length, places, "one node fetched, once");
    const leads = (p) => /máy chủ này chạy các việc chung/.test(p.stderr);
    assert.deepEqual(nodes.map(leads).sort(), [false, true]);
    const [leader, other] = leads(nodes[0]) ? nodes : [nodes[1], nodes[0]];
    // Three of the leader's backups: time for two looks of the other node's, which would
    // each have found the newest backup older than the interval.
    await within(8000, async () => backups(leader) >= 3, "the leader's backups");
    assert.equal(backups(other), 0, "only the node that leads backs up");
    leader.child.kill("SIGKILL");
    await leader.exited;
    const took = await within(10000, async () => asked.length >= 2 * places, "the other node's fetch");
    t.diagnostic(`leader killed: the other node fetched after ${took} ms`);
    assert.ok(leads(other));
    await within(10000, async () => backups(other) >= 1, "the other node's backup");
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(asked.length, 2 * places);
    // Every backup either node made is whole (the one the leader may have been making when it
    // was killed is left as a .partial directory, never listed as a backup).
    const made = readdirSync(join(dir, "backups")).filter((d) => !d.startsWith("."));
    assert.ok(made.length >= 3, made.join(" "));
    for (const d of made) execFileSync(bin, ["backup", "--verify", join(dir, "backups", d)]);
  } finally {
    for (const p of nodes) await p.stop();
    rmSync(dir, { recursive: true, force: true });
    provider.closeAllConnections();
    provider.close();
  }
});
