// Hostile input, tried as an attacker would: each attack gets its exact answer, the server
// keeps serving, and nothing is stored that should not be.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Portico, Visitor, bin, signedIn, sqliteOnly, statusOf } from "../lib/portico.mjs";

let p, token, editor;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\ndb_busy_timeout_ms = 1000\n" });
  execFileSync(bin, ["user", "add", "bientap", "--role", "editor", "--password-stdin", "--data", p.dataDir],
    { input: "mat-khau-bientap\n" });
  token = execFileSync(bin, ["token", "create", "bientap", "--data", p.dataDir], { encoding: "utf8" }).trim().split("\n").at(-1);
  editor = new Visitor(p);
  await editor.signIn("bientap", "mat-khau-bientap");
});
after(async () => { await p.cleanup(); });

async function stillServing() {
  const r = await p.fetch("/healthz");
  assert.equal(r.status, 200);
}

const nested = (tag, levels) => `<${tag}>`.repeat(levels) + "chữ" + `</${tag}>`.repeat(levels);
// The site's drafts, as the newsroom's API lists them (every article made here is one).
const articles = async () => (await (await p.fetch("/api/v1/newsroom/articles",
  { headers: { authorization: `Bearer ${token}` } })).json()).data.length;
const responses = (raw) => (raw.match(/^HTTP\/1\.1 \d{3}/gm) ?? []).length;

async function createArticle(body_html) {
  return p.fetch("/api/v1/newsroom/articles", {
    method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Bài thử", lead: "Sapo", body_html, category_id: await p.categoryId("kinh-te") }),
  });
}

test("deeply nested bodies are refused with a reason, never a crash, and nothing is stored", async () => {
  const before = await articles();
  for (const [levels, words] of [[60000, /60\.000 thẻ HTML/], [20000, /lồng nhau quá 100 cấp/], [150, /lồng nhau/]]) {
    const r = await createArticle(nested("div", levels));
    assert.equal(r.status, 422, String(levels));
    const e = (await r.json()).error;
    assert.match(e.message, words);
    await stillServing();
  }
  // A million levels do not fit in the body limit: refused before they are read.
  const big = JSON.stringify({ title: "x", body_html: "<b>".repeat(1000000) });
  const raw = await p.raw(`POST /api/v1/newsroom/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(big)}\r\n\r\n${big}`);
  assert.equal(statusOf(raw), 413);
  assert.match(raw, /"code":"payload_too_large"/);
  // The editor's form says the same in the page.
  const form = await (await editor.fetch("/quan-tri/bai-viet/moi")).text();
  const r = await editor.post("/quan-tri/bai-viet/moi", { csrf: Visitor.csrfOf(form), "tieu-de": "Bài thử", sapo: "",
    "noi-dung": nested("span", 500), "chuyen-muc": String(await p.categoryId("kinh-te")) });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /lồng nhau quá 100 cấp/);
  assert.equal(await articles(), before);
  // Real markup nested a dozen deep is fine.
  assert.equal((await createArticle(nested("span", 12) + "<ul><li><p><strong>a</strong></p></li></ul>")).status, 201);
  await stillServing();
});

test("the display form only returns to a path on this site", async () => {
  const back = async (ve) => {
    const r = await p.fetch("/hien-thi", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "co-chu=tang&ve=" + ve });
    assert.equal(r.status, 303, ve);
    return r.headers.get("location");
  };
  for (const ve of ["/%09/x.vn", "/%5Cx.vn", "//x.vn", "/%252F%252Fx.vn".replace("%25", "%"), "/%2F%2Fx.vn",
                    "https://x.vn", "javascript:alert(1)", "/%0D%0ASet-Cookie:a=b", "%2F%2Fx.vn"])
    assert.equal(await back(encodeURIComponent(decodeURIComponent(ve))), "/", ve);
  assert.equal(await back(encodeURIComponent("/bai-viet/a?trang=2")), "/bai-viet/a?trang=2");
});

test("Transfer-Encoding that does not end in chunked is 400, other codings 501: nothing is smuggled", async () => {
  const smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  for (const [te, status] of [["identity", 400], ["gzip", 400], ["chunked, gzip", 400], ["gzip, chunked", 501]]) {
    const raw = await p.raw(`POST /hien-thi HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${te}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\n\r\n${smuggled}`);
    assert.equal(statusOf(raw), status, te);
    assert.match(raw, /Connection: close/i, te);
    assert.equal(responses(raw), 1, `${te}: the body was read as a second request`);
  }
  // Beside Content-Length, and a second chunked: refused too.
  let raw = await p.raw(`POST /hien-thi HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`);
  assert.equal(statusOf(raw), 400);
  assert.equal(responses(raw), 1);
  raw = await p.raw(`POST /api/v1/questions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n`);
  assert.equal(statusOf(raw), 400);
  assert.match(raw, /"error":\{"code":"bad_request"/);
  await stillServing();
});

// Writes a chunked body of `total` bytes in 64 KiB chunks, as fast as the server reads it;
// resolves with the answer, how many bytes had been written when it came, and what ended
// the exchange (for the message when no answer came).
function chunkedUpload(head, total) {
  return new Promise((resolve) => {
    const s = net.connect(p.port, "127.0.0.1");
    let answer = "", written = 0, settled = false;
    const chunk = Buffer.alloc(65536, "a");
    const started = Date.now();
    const finish = (why) => {
      if (settled) return;
      settled = true;
      s.destroy();
      resolve({ answer, written, ended: `${why} after ${Date.now() - started} ms, ${written} bytes written` });
    };
    s.on("data", (d) => { answer += d; if (/\r\n\r\n/.test(answer)) setTimeout(() => finish("answer"), 200); });
    s.on("error", (e) => finish(`error ${e.code}`));
    s.on("close", () => finish("close"));
    s.write(head);
    // A chunk at a time, the next after the system took the last and the answer, if one
    // came, was read: a loop of writes that the system all takes at once never looks, and
    // wrote 17 MB before the server, done lingering, closed (EPIPE, the 413 unread: 2 in
    // 30 tries against an idle server).
    const pump = () => {
      if (settled || answer !== "") return;
      if (written >= total) return void s.write("0\r\n\r\n");
      written += chunk.length;
      s.write(`10000\r\n`);
      s.write(chunk);
      s.write("\r\n", () => setImmediate(pump));
    };
    s.once("connect", pump);
    setTimeout(() => finish("timeout"), 20000);
  });
}

test("a 20 MB chunked body to a public route is cut off at the limit", async () => {
  const { answer, written, ended } = await chunkedUpload(
    "POST /hien-thi HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
    20 * 1024 * 1024);
  assert.equal(statusOf(answer), 413, ended);
  assert.ok(written < 8 * 1024 * 1024, `the server read on to ${written} bytes`);
  await stillServing();
});

test("the upload limit holds on the exact upload routes, and only for a session with its token", async () => {
  const five = 5 * 1024 * 1024;
  const head = (path, extra = "") => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n` +
    `Content-Length: ${five}\r\nExpect: 100-continue\r\n${extra}\r\n`;
  // Not an upload route, an upload route without a session, and with a session but no token:
  // 413 at once, without 100 Continue.
  const cookie = `Cookie: ${[...editor.cookies].map(([k, v]) => `${k}=${v}`).join("; ")}\r\n`;
  for (const [path, extra] of [["/quan-tri/tepX", ""], ["/quan-tri/tep-x/van-ban", ""], ["/quan-tri/tep", ""],
                               ["/quan-tri/tep", cookie], ["/quan-tri/tep?csrf=sai", cookie]]) {
    const raw = await p.raw(head(path, extra), 1500);
    assert.equal(statusOf(raw), 413, path);
    assert.doesNotMatch(raw, /100 Continue/, path);
  }
  // With the session and its token, the server asks for the body.
  const csrf = Visitor.csrfOf(await (await editor.fetch("/quan-tri/tep")).text());
  const raw = await p.raw(head(`/quan-tri/tep?csrf=${csrf}`, cookie), 1500);
  assert.match(raw, /^HTTP\/1\.1 100 Continue/);
  await stillServing();
});

test("errors the server makes under /api are JSON", async () => {
  const json = (raw, status, code) => {
    assert.equal(statusOf(raw), status, raw.slice(0, 200));
    assert.match(raw, /Content-Type: application\/json/i);
    assert.match(raw, new RegExp(`"code":"${code}"`));
  };
  const get = (target, extra = "") => p.raw(`GET ${target} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`);
  json(await get("/api/v1/articles?page=%ZZ"), 400, "bad_request");
  json(await get("/api/v1/khong-co"), 404, "not_found");
  json(await p.raw("DELETE /api/v1/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405, "method_not_allowed");
  json(await get("/api/v1/articles?q=" + "a".repeat(70000)), 414, "uri_too_long");
  json(await get("/api/v1/articles", "X-Fill: " + "a".repeat(70000) + "\r\n"), 431, "headers_too_large");
  const big = "x".repeat(1100000);
  json(await p.raw(`POST /api/v1/questions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n${big}`),
    413, "payload_too_large");
  // The same outside /api is the Vietnamese page.
  const page = await get("/?q=" + "a".repeat(70000));
  assert.equal(statusOf(page), 414);
  assert.match(page, /quá dài/);
  await stillServing();
});

test("a 900 KB sign-in name is cut, and repeated failures are counted, not written row by row", async () => {
  // The audit log as an administrator reads it, newest first: the rows above the newest one before.
  const admin = await signedIn(p, "quantri", "admin");
  const rows = async () => (await (await admin.fetch("/quan-tri/nhat-ky")).text()).match(/<tr><td>[\s\S]*?<\/tr>/g) ?? [];
  const [newest] = await rows();
  const v = new Visitor(p);
  const name = "a".repeat(900000);  // 900 KB, under the 1 MiB body limit once form-encoded
  const statuses = [];
  for (let i = 0; i < 30; ++i) {
    const form = await (await v.fetch("/quan-tri/dang-nhap")).text();
    const r = await v.post("/quan-tri/dang-nhap", { csrf: Visitor.csrfOf(form), ten: name, "mat-khau": "sai-mat-khau" });
    statuses.push(r.status);
    assert.ok((await r.text()).length < 200000, "the name is not echoed whole");
  }
  assert.deepEqual([...new Set(statuses)], [401, 429]);
  const all = await rows();
  const added = all.slice(0, all.indexOf(newest));
  const actions = added.map((row) => /<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/.exec(row)[1]);
  assert.deepEqual(actions, ["Tạm chặn đăng nhập (sai quá nhiều lần)", ...Array(5).fill("Đăng nhập không thành công")]);
  for (const row of added) assert.ok(row.length < 1024, `an entry of ${row.length} bytes: the name is cut`);
  await stillServing();
});

test("tracking codes cannot be tried without limit, and stay out of the access log", async () => {
  const statuses = [];
  for (let i = 0; i < 100; ++i) {
    const r = await p.fetch(`/hoi-dap/tra-cuu?ma=HD-ABCD-${String(1000 + i)}`);
    statuses.push(r.status);
    if (r.status === 429) {
      assert.ok(Number(r.headers.get("retry-after")) > 0);
      assert.match(await r.text(), /tra cứu quá nhiều lần/);
      break;
    }
    await r.arrayBuffer();
  }
  assert.equal(statuses.at(-1), 429);
  assert.ok(statuses.length < 100 && statuses.slice(0, -1).every((s) => s === 404), statuses.join(","));
  await stillServing();
  await new Promise((r) => setTimeout(r, 1500));  // the access log is flushed every second
  const log = readFileSync(join(p.dataDir, "log/access.log"), "utf8");
  assert.match(log, /"GET \/hoi-dap\/tra-cuu" 404/);
  assert.doesNotMatch(log, /HD-ABCD/);
});

test("the access log cuts long targets, and keeps log_retention_days of files", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "portico-logs-"));
  mkdirSync(join(dataDir, "log"));
  const hanoiDay = (daysAgo) => new Date(Date.now() + 7 * 3600e3 - daysAgo * 86400e3).toISOString().slice(0, 10);
  for (const d of [40, 31, 30, 29, 1]) writeFileSync(join(dataDir, `log/access-${hanoiDay(d)}.log`), "old\n");
  writeFileSync(join(dataDir, "log/other.txt"), "not a log\n");
  const q = await Portico.start({ dataDir, config: "weather_interval_s = 0\nlog_retention_days = 30\n" });
  try {
    const files = readdirSync(join(dataDir, "log")).filter((f) => f.startsWith("access-")).sort();
    assert.deepEqual(files, [29, 1, 0].map((d) => `access-${hanoiDay(d)}.log`));
    assert.ok(existsSync(join(dataDir, "log/other.txt")));
    const r = await q.fetch("/tim-kiem?q=" + "x".repeat(20000));
    await r.arrayBuffer();
    await new Promise((r) => setTimeout(r, 1500));
    const line = readFileSync(join(dataDir, "log/access.log"), "utf8").split("\n").find((l) => l.includes("/tim-kiem"));
    assert.ok(line && line.length < 900 && line.includes("…"), line?.slice(0, 100));
  } finally {
    await q.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a database locked by another process is a 503 with Retry-After, and nothing half-written", { skip: sqliteOnly }, async () => {
  const before = await articles();
  const form = await (await editor.fetch("/quan-tri/bai-viet/moi")).text();
  // Another process takes the write lock and holds it past the busy timeout (1 s here).
  const holder = spawn("python3", ["-c",
    "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE');" +
    " print('locked', flush=True); time.sleep(4); c.execute('ROLLBACK')", join(p.dataDir, "portico.db")]);
  await new Promise((resolve, reject) => {
    holder.stdout.once("data", resolve);
    holder.once("exit", (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  const gone = new Promise((resolve) => holder.once("exit", resolve));
  // Readers are not held up by a writer (WAL).
  assert.equal((await p.fetch("/healthz")).status, 200);
  const r = await createArticle("<p>Viết trong lúc bị khoá</p>");
  assert.equal(r.status, 503);
  assert.ok(Number(r.headers.get("retry-after")) > 0);
  assert.match(r.headers.get("content-type"), /application\/json/);
  const body = await r.json();
  assert.equal(body.error.code, "database_busy");
  assert.match(body.error.message, /chưa được thực hiện/);
  // The editor's form gets the page, in Vietnamese.
  const page = await editor.post("/quan-tri/bai-viet/moi", { csrf: Visitor.csrfOf(form),
    "tieu-de": "Bài trong lúc khoá", sapo: "Sapo", "noi-dung": "<p>Chữ</p>", "chuyen-muc": String(await p.categoryId("kinh-te")),
  });
  assert.equal(page.status, 503);
  assert.match(await page.text(), /Cơ sở dữ liệu đang bận/);
  await gone;
  assert.equal(await articles(), before);
  const again = await createArticle("<p>Viết sau khi mở khoá</p>");
  assert.equal(again.status, 201);
  assert.equal(await articles(), before + 1);
  await stillServing();
});
