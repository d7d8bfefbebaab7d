// Traffic: cache keys a visitor cannot multiply, single flight, admission (503/429) that
// keeps cached pages and /healthz answering, the connection cap under a low descriptor
// limit, and media streamed from disk. The real binary on loopback throughout.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { readFileSync, writeFileSync, mkdirSync, truncateSync, openSync, closeSync, statSync } from "node:fs";
import { join } from "node:path";
import { Portico } from "../lib/portico.mjs";

const UA = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 test" };
let p;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\nwork_queue = 200\n" });
});
after(() => p.cleanup());

const json = async (path) => (await (await p.fetch(path)).json()).data;
// Categories with their own list of articles (not a link to a section or another site).
const lists = async () => (await json("/api/v1/categories")).filter((c) => !c.link);
const get = (path, headers = {}) => p.fetch(path, { headers: { ...UA, ...headers } });
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) * 1024;

test("unknown and repeated parameters hit the entry of the page the route draws", async () => {
  const article = "/bai-viet/" + (await json("/api/v1/articles"))[0].slug;
  const first = await get(article);
  assert.equal(first.status, 200);
  assert.match(first.headers.get("x-cache"), /^(MISS|HIT)$/);
  for (const noise of ["?utm_source=zalo&fbclid=x1", "?trang=7", "?a=1&a=2&b", "?page=3"]) {
    const r = await get(article + noise);
    assert.equal(r.status, 200, noise);
    assert.equal(r.headers.get("x-cache"), "HIT", noise);
    assert.equal(r.headers.get("etag"), first.headers.get("etag"), noise);
    const html = await r.text();
    assert.ok(!html.includes("utm_source") && !html.includes("fbclid"), "nothing the route does not read reaches the page");
  }
  // A category reads its page number: page 1 and none are one page, the first of two wins.
  // The section with most articles under it: several pages.
  const pages = async (c) => (await (await p.fetch(`/api/v1/articles?category=${c.slug}`)).json()).meta.total_pages;
  const counted = await Promise.all((await lists()).map(async (c) => [await pages(c), c.slug]));
  const cat = "/chuyen-muc/" + counted.sort((a, b) => b[0] - a[0])[0][1];
  const plain = await get(cat);
  for (const same of ["?trang=1", "?trang=1&x=y", "?danh-gia=cam-on"]) {
    const r = await get(cat + same);
    assert.equal(r.headers.get("x-cache"), "HIT", same);
    assert.equal(r.headers.get("etag"), plain.headers.get("etag"), same);
  }
  const two = await get(cat + "?trang=2");
  const twoAgain = await get(cat + "?trang=2&trang=9&utm=1");
  assert.equal(twoAgain.headers.get("x-cache"), "HIT");
  assert.equal(twoAgain.headers.get("etag"), two.headers.get("etag"));
  assert.notEqual(two.headers.get("etag"), plain.headers.get("etag"));
  // Refused page numbers are refused alike and never kept.
  for (const bad of ["?trang=abc", "?trang=-1", "?trang=99999999999"]) assert.equal((await get(cat + bad)).status, 400, bad);
  // The display cookie still makes its own variant.
  const large = await get(cat, { cookie: "hien-thi=s2c1" });
  assert.notEqual(large.headers.get("etag"), plain.headers.get("etag"));
  // The thank-you after a rating bypasses the cache on the article route only.
  const thanks = await get(article + "?danh-gia=cam-on");
  assert.equal(thanks.headers.get("x-cache"), null);
  // The API reads page and category; anything else shares the entry.
  const api = await get("/api/v1/articles?page=1");
  const apiNoise = await get("/api/v1/articles?callback=x&page=1");
  assert.equal(apiNoise.headers.get("etag"), api.headers.get("etag"));
});

test("fifty concurrent misses for one page render it once", async () => {
  const cat = "/chuyen-muc/" + (await lists()).at(-1).slug;
  await new Promise((r) => setTimeout(r, 1100));  // past the live pages' second: a fresh miss
  const answers = await Promise.all(Array.from({ length: 50 }, () => get(cat)));
  const caches = answers.map((r) => r.headers.get("x-cache"));
  assert.deepEqual(answers.map((r) => r.status), Array(50).fill(200));
  assert.equal(caches.filter((c) => c === "MISS").length, 1, caches.join(","));
  assert.equal(new Set(answers.map((r) => r.headers.get("etag"))).size, 1);
});

test("a page's first draw is coded fast; drawn again after it was read again, it is coded for its reuse", async () => {
  const article = "/bai-viet/" + (await json("/api/v1/articles"))[2].slug;
  const br = { "accept-encoding": "br" };
  const first = await get(article, br);
  assert.equal(first.headers.get("x-cache"), "MISS");
  assert.match(first.headers.get("etag"), /-br"$/);
  await first.arrayBuffer();
  const read = await get(article, br);  // read again within its second
  assert.equal(read.headers.get("x-cache"), "HIT");
  assert.equal(read.headers.get("etag"), first.headers.get("etag"));
  await read.arrayBuffer();
  await new Promise((r) => setTimeout(r, 1100));  // past the live page's second: redrawn
  const again = await get(article, br);
  assert.equal(again.headers.get("x-cache"), "MISS");
  assert.match(again.headers.get("etag"), /-brr"$/, "its own validator: a body may be coded at either level");
  assert.ok(Number(again.headers.get("content-length")) < Number(first.headers.get("content-length")),
    `${again.headers.get("content-length")} < ${first.headers.get("content-length")}`);
  assert.match(await again.text(), /<\/html>\s*$/);
  assert.equal((await get(article, { ...br, "if-none-match": again.headers.get("etag") })).status, 304);
});

test("a flood of uncached work gets 503 and 429 while cached pages and /healthz answer", async () => {
  const q = await Portico.start({
    config: "weather_interval_s = 0\nwork_threads = 1\nwork_queue = 4\nexpensive_requests_per_minute = 40\n" });
  try {
    await q.fetch("/", { headers: UA });  // cached from now on, for a second at a time
    let stop = false;
    const statuses = [];
    const flood = Array.from({ length: 48 }, async (_, i) => {
      for (let k = 0; !stop && k < 60; ++k) {
        const r = await q.fetch(`/tim-kiem?q=ph%C6%B0%E1%BB%9Dng+${i}x${k}`, { headers: UA });
        statuses.push(r.status);
        if (r.status === 429 || r.status === 503) {
          assert.ok(Number(r.headers.get("retry-after")) >= 1);
          assert.match(await r.text(), /Vui lòng thử lại/);
        } else {
          await r.arrayBuffer();
        }
      }
    });
    const steady = [];
    for (let k = 0; k < 40; ++k) {
      steady.push((await q.fetch("/healthz")).status);
      const home = await q.fetch("/", { headers: UA });
      steady.push(home.status);
      await home.arrayBuffer();
    }
    stop = true;
    await Promise.all(flood);
    assert.deepEqual([...new Set(steady)], [200], "cached pages and /healthz never wait behind the flood");
    assert.ok(statuses.includes(429), "the address went past its budget of expensive work");
    assert.ok(statuses.filter((s) => s === 503 || s === 429).length > statuses.length / 2, statuses.length);
    // Under /api the refusals are JSON.
    const api = await q.fetch("/api/v1/search?q=dang");
    assert.equal(api.status, 429);
    const body = await api.json();
    assert.equal(body.error.code, "too_many_requests");
    assert.match(body.error.message, /thử lại/);
    // Unknown pages (error pages) count too; the server stays up and serves pages.
    assert.equal((await q.fetch("/khong-co-trang-nay")).status, 429);
    assert.equal((await q.fetch("/", { headers: UA })).status, 200);
  } finally {
    await q.cleanup();
  }
});

test("while work queues, a live page past its second is served stale; when the queue is empty it is redrawn", async () => {
  const q = await Portico.start({
    config: "weather_interval_s = 0\nwork_threads = 1\nwork_queue = 64\nexpensive_requests_per_minute = 100000\n" });
  try {
    const first = await q.fetch("/", { headers: UA });
    await first.arrayBuffer();
    await new Promise((r) => setTimeout(r, 1100));  // its second has run out
    let stop = false;
    const flood = Array.from({ length: 24 }, async (_, i) => {
      for (let k = 0; !stop && k < 400; ++k) await (await q.fetch(`/tim-kiem?q=x%C3%A3+${i}y${k}`, { headers: UA })).arrayBuffer();
    });
    const seen = [];
    for (let k = 0; k < 200 && !seen.includes("STALE"); ++k) {
      const home = await q.fetch("/", { headers: UA });
      assert.equal(home.status, 200);
      seen.push(home.headers.get("x-cache"));
      await home.arrayBuffer();
    }
    stop = true;
    await Promise.all(flood);
    assert.ok(seen.includes("STALE"), seen.join(","));
    // Nothing waits now: the page is drawn again, never older than its second.
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await q.fetch("/", { headers: UA })).headers.get("x-cache"), "MISS");
  } finally {
    await q.cleanup();
  }
});

// Opens n sockets that send nothing; resolves when they are connected (or refused).
function idleSockets(port, n) {
  return Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.on("connect", () => resolve(s));
    s.on("error", () => resolve(s));
  })));
}

for (const [name, config] of [
  ["the connection cap", "weather_interval_s = 0\n"],
  ["running out of descriptors", "weather_interval_s = 0\nmax_connections = 100000\n"],
]) {
  test(`${name} under ulimit -n 256: idle sockets are closed, the log stays short, pages answer`, async () => {
    const q = await Portico.start({ config, openFiles: 256 });
    try {
      const sockets = await idleSockets(q.port, 400);
      await new Promise((r) => setTimeout(r, 2500));
      const closed = sockets.filter((s) => s.destroyed || s.readyState !== "open").length;
      assert.ok(closed >= 400 - 256, `${closed} of 400 idle sockets closed`);
      const r = await q.fetch("/healthz");
      assert.equal(r.status, 200);
      const page = await q.fetch("/", { headers: UA });
      assert.equal(page.status, 200);
      for (const s of sockets) s.destroy();
      const log = readFileSync(join(q.dataDir, "log/error.log"), "utf8").split("\n").filter(Boolean);
      assert.ok(log.length < 20, `${log.length} lines in error.log:\n${log.slice(0, 5).join("\n")}`);
      assert.ok(log.some((l) => /giới hạn tệp mở/.test(l)), "the open-file limit is logged at start");
    } finally {
      await q.cleanup();
    }
  });
}

test("a large body sent again goes out from its sealed in-memory file, byte for byte", async () => {
  // The article page (identity, ~40 KB) and the stylesheet (~32 KB) are sent with sendfile
  // from a memfd from their third send on; what arrives must not change from the first
  // sends (copied from memory).
  const article = "/bai-viet/" + (await json("/api/v1/articles"))[0].slug;
  for (const path of [article, "/static/css/site.css"]) {
    let first = null;
    for (let i = 0; i < 4; i++) {
      const r = await get(path, { "accept-encoding": "identity" });
      assert.equal(r.status, 200);
      const body = Buffer.from(await r.arrayBuffer());
      assert.equal(body.length, Number(r.headers.get("content-length")), path);
      assert.ok(body.length >= 16 * 1024, path + " is large enough to be sent from a file");
      first ??= body;
      assert.ok(body.equals(first), `${path}, send ${i + 1}`);
    }
    // A HEAD and a range of it still come whole and right.
    const head = await p.fetch(path, { method: "HEAD", headers: { ...UA, "accept-encoding": "identity" } });
    assert.equal(Number(head.headers.get("content-length")), first.length);
  }
  const { readdirSync, readlinkSync } = await import("node:fs");
  const files = readdirSync(`/proc/${p.child.pid}/fd`).map((fd) => {
    try { return readlinkSync(`/proc/${p.child.pid}/fd/${fd}`); } catch { return ""; }
  });
  assert.ok(files.filter((f) => f.startsWith("/memfd:portico-body")).length >= 2, files.join(" "));
});

test("a 50 MB media file is streamed: ranges, HEAD and a bad range read nothing whole", async () => {
  const file = join(p.dataDir, "media", "big-video.mp4");
  const size = 50 * 1024 * 1024;
  closeSync(openSync(file, "w"));
  truncateSync(file, size);  // sparse: 50 MB of zeros
  writeFileSync(file, Buffer.from("....ftypisom"), { flag: "r+" });
  const pid = p.child.pid;
  const before = rss(pid);
  const head = await p.fetch("/media/big-video.mp4", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get("content-length")), size);
  assert.equal(head.headers.get("accept-ranges"), "bytes");
  const part = await p.fetch("/media/big-video.mp4", { headers: { range: "bytes=4-11" } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get("content-range"), `bytes 4-11/${size}`);
  assert.equal(Buffer.from(await part.arrayBuffer()).toString(), "ftypisom");
  const tail = await p.fetch("/media/big-video.mp4", { headers: { range: "bytes=-100" } });
  assert.equal((await tail.arrayBuffer()).byteLength, 100);
  const bad = await p.fetch("/media/big-video.mp4", { headers: { range: `bytes=${size + 10}-` } });
  assert.equal(bad.status, 416);
  assert.equal(bad.headers.get("content-range"), `bytes */${size}`);
  // The whole file, read slowly by the client: the server holds a chunk, not the file.
  const whole = await p.fetch("/media/big-video.mp4");
  let got = 0;
  let peak = 0;
  for await (const chunk of whole.body) {
    got += chunk.length;
    if (got % (8 << 20) < chunk.length) peak = Math.max(peak, rss(pid));
  }
  assert.equal(got, size);
  peak = Math.max(peak, rss(pid));
  assert.ok(peak - before < 20 * 1024 * 1024, `RSS grew by ${((peak - before) / 1048576).toFixed(1)} MB`);
  // If-None-Match on the file's validator: 304 without a body.
  const etag = head.headers.get("etag");
  assert.equal((await p.fetch("/media/big-video.mp4", { headers: { "if-none-match": etag } })).status, 304);
  assert.ok(statSync(file).size === size);
});
