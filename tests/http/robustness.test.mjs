// Bad input, limits, timeouts, shutdown: every case gets a clear 4xx and the server keeps serving.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { Portico, statusOf } from "../lib/portico.mjs";

let p;
before(async () => {
  p = await Portico.start({ config: "read_timeout_ms = 1500\nidle_timeout_ms = 3000\nbody_limit = 65536\n" });
});
after(async () => {
  const r = await p.stop();
  assert.equal(r.code, 0, "exit status after SIGTERM");
  await p.cleanup();
});

const get = (target, extra = "") => p.raw(`GET ${target} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`);

async function stillServing() {
  const r = await p.fetch("/healthz");
  assert.equal(r.status, 200);
}

test("malformed percent-encoding and invalid UTF-8 in path or query are 400", async () => {
  for (const t of ["/%zz", "/bai-viet/%e", "/%ff%fe", "/chuyen-muc/kinh-te?trang=%C3", "/?q=%", "/a%00b", "/%C0%AF"]) {
    const r = await get(t);
    assert.equal(statusOf(r), 400, t);
    assert.match(r, /Yêu cầu không hợp lệ/, t);
  }
  const api = await get("/api/v1/articles?page=%ZZ");
  assert.equal(statusOf(api), 400);
  assert.match(api, /"error":\{"code":"bad_request","message":"/);
  await stillServing();
});

test("raw invalid UTF-8 bytes in the target are 400", async () => {
  const r = await p.raw(Buffer.concat([Buffer.from("GET /bai-viet/"), Buffer.from([0xff, 0xc3]),
    Buffer.from(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")]));
  assert.ok([400].includes(statusOf(r)), r.slice(0, 40));
  await stillServing();
});

test("traversal in static paths, plain or encoded, is refused", async () => {
  for (const t of ["/static/../portico.db", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/css/..%2f..%2fportico.db",
    "/static/..\\..\\etc\\passwd", "/media/%2e%2e%2fportico.db", "/static/./css/site.css"]) {
    const s = statusOf(await get(t));
    assert.ok(s === 400 || s === 404, `${t}: ${s}`);
  }
  await stillServing();
});

test("oversize headers are 431, oversize bodies 413", async () => {
  const big = "X-Fill: " + "a".repeat(70000) + "\r\n";
  assert.equal(statusOf(await get("/", big)), 431);
  const body = "co-chu=tang&x=" + "a".repeat(70000);
  const r = await p.raw(`POST /hien-thi HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${body.length}\r\n\r\n${body}`);
  assert.equal(statusOf(r), 413);
  assert.match(r, /quá lớn/);
  // announced too big: refused before the body is sent
  const early = await p.raw(`POST /hien-thi HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\nExpect: 100-continue\r\n\r\n`);
  assert.equal(statusOf(early), 413);
  await stillServing();
});

test("unknown methods are 405 with Allow", async () => {
  for (const m of ["DELETE", "PUT", "BREW", "PATCH"]) {
    const r = await p.raw(`${m} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(r), 405, m);
    assert.match(r, /\r\nAllow: GET, HEAD\r\n/);
  }
  const post = await p.raw("GET /hien-thi HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  assert.equal(statusOf(post), 405);
  assert.match(post, /\r\nAllow: POST\r\n/);
  await stillServing();
});

test("garbage and malformed request lines are 400", async () => {
  for (const g of ["HELLO\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
    "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "\x00\x01\x02\r\n\r\n"]) {
    const s = statusOf(await p.raw(g, 2000));
    assert.ok(s === 400 || s === 0, JSON.stringify(g) + " → " + s);
  }
  await stillServing();
});

test("a slow client is cut off and does not delay others", async () => {
  const slow = net.connect(p.port, "127.0.0.1");
  const received = [];
  slow.on("data", (d) => received.push(d));
  const closed = new Promise((r) => slow.on("close", r));
  slow.on("error", () => {});
  slow.write("GET / HTTP/1.1\r\nHost: x\r\n");  // never finishes its headers
  const drip = setInterval(() => { if (!slow.destroyed) slow.write("X-A: b\r\n"); }, 200);
  // others are served meanwhile
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    await stillServing();
    assert.ok(Date.now() - t0 < 1000);
  }
  const t0 = Date.now();
  await closed;  // cut at read_timeout_ms (1.5 s from its first byte), whatever it keeps sending
  clearInterval(drip);
  assert.ok(Date.now() - t0 < 2500);
  assert.equal(Buffer.concat(received).length, 0);
  await stillServing();
});

test("a body that stops coming is answered 408 in the request's form, and the server keeps serving", async () => {
  const head = (path) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nten bytes.`;
  const [api, page] = await Promise.all([p.raw(head("/api/v1/questions"), 5000), p.raw(head("/hoi-dap"), 5000)]);
  assert.equal(statusOf(api), 408, api.slice(0, 200));
  const json = JSON.parse(api.slice(api.indexOf("\r\n\r\n") + 4));
  assert.equal(json.error.code, "request_timeout");
  assert.match(json.error.message, /quá chậm/);
  assert.equal(statusOf(page), 408, page.slice(0, 200));
  assert.match(page, /Content-Type: text\/html/i);
  assert.match(page, /Hết thời gian chờ/);
  await stillServing();
});

test("an idle keep-alive connection is closed without a response", async () => {
  const s = net.connect(p.port, "127.0.0.1");
  const chunks = [];
  s.on("data", (d) => chunks.push(d));
  const closed = new Promise((r) => s.on("close", r));
  await closed;
  assert.equal(Buffer.concat(chunks).length, 0);
});

test("many concurrent connections are all answered", async () => {
  const all = await Promise.all(Array.from({ length: 100 }, () => p.fetch("/bai-viet/go-kho-phat-trien-dang-vien")));
  assert.deepEqual(all.map((r) => r.status).filter((s) => s !== 200), []);
});
