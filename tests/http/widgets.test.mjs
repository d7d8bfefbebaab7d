// The reader's sidebar over HTTP against the real binary: ratings, polls, visit statistics,
// links, video with byte ranges, weather from a local fake provider, the saved article,
// widget administration, and what survives kill -9.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, apiToken, bin, htmlErrors } from "../lib/portico.mjs";

const ARTICLE = "/bai-viet/go-kho-phat-trien-dang-vien";
const BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";

// A browser-like reader: keeps the visitor cookie and sends its own origin.
function reader(p, extra = {}) {
  const v = new Visitor(p);
  v.json = (path, body, headers = {}) =>
    v.fetch(path, { method: "POST", headers: { "content-type": "application/json", origin: p.base, ...extra, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body) });
  return v;
}

async function signedInAdmin(p) {
  execFileSync(bin, ["user", "add", "quantri", "--role", "admin", "--password-stdin", "--data", p.dataDir], { input: "mat-khau-quantri\n" });
  const admin = new Visitor(p);
  await admin.signIn("quantri", "mat-khau-quantri");
  admin.csrf = Visitor.csrfOf(await (await admin.fetch("/quan-tri/tien-ich")).text());
  return admin;
}

let p, admin;
before(async () => {
  // 2,000 ratings arrive at once below: a queue for all of them (admission is tested apart).
  p = await Portico.start({ config: 'trust_proxy = ["127.0.0.1"]\nweather_interval_s = 0\nwork_queue = 4000\n' });
  admin = await signedInAdmin(p);
});
after(async () => { await p.cleanup(); });

const totals = async () => (await (await p.fetch("/api/v1/articles/1")).json()).data.rating;

test("rating over the API: 201 with totals, 409 on a repeat, 400 on bad stars, 404 on unknown articles", async () => {
  const a = reader(p, { "x-forwarded-for": "10.1.0.1" });
  let r = await a.json("/api/v1/articles/1/ratings", { stars: 4 });
  assert.equal(r.status, 201);
  const t = (await r.json()).data;
  assert.ok(t.count >= 1 && t.points >= 4);
  assert.match(r.headers.get("set-cookie"), /^khach=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
  r = await a.json("/api/v1/articles/1/ratings", { stars: 5 });
  assert.equal(r.status, 409);
  assert.equal((await r.json()).error.code, "already_rated");
  for (const bad of [{ stars: 0 }, { stars: 6 }, { stars: "3" }, { stars: 2.5 }, {}, [], "{", "null"]) {
    r = await reader(p, { "x-forwarded-for": "10.1.0.2" }).json("/api/v1/articles/1/ratings", bad);
    assert.equal(r.status, 400, JSON.stringify(bad));
    const e = (await r.json()).error;
    assert.ok(e.code && /[àáảãạâăđêôơư]/i.test(e.message), e.message);
  }
  assert.equal((await reader(p).json("/api/v1/articles/999999/ratings", { stars: 3 })).status, 404);
  assert.equal((await reader(p).json("/api/v1/articles/abc/ratings", { stars: 3 })).status, 400);
  // An unpublished article cannot be rated: a draft made through the newsroom's API.
  const draft = await p.fetch("/api/v1/newsroom/articles", { method: "POST",
    headers: { authorization: `Bearer ${apiToken(p.dataDir, "phongvien", "editor")}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Bản nháp chưa đăng", lead: "Sapo", body_html: "<p>Nội dung</p>", category_id: await p.categoryId("kinh-te") }) });
  assert.equal(draft.status, 201);
  const id = (await draft.json()).data.id;
  assert.equal((await reader(p).json(`/api/v1/articles/${id}/ratings`, { stars: 3 })).status, 404);
  assert.deepEqual(await totals(), t, "refused ratings changed nothing");
});

test("another origin is refused with 403, by Origin, Referer or Sec-Fetch-Site", async () => {
  const before = await totals();
  for (const headers of [{ origin: "https://evil.example" }, { origin: "null" },
                         { origin: "", referer: "https://evil.example/trang" }, { origin: "", "sec-fetch-site": "cross-site" }]) {
    const h = Object.fromEntries(Object.entries(headers).filter(([, v]) => v));
    const r = await p.fetch("/api/v1/articles/1/ratings", { method: "POST", body: '{"stars":5}',
      headers: { "content-type": "application/json", ...h } });
    assert.equal(r.status, 403, JSON.stringify(headers));
    assert.equal((await r.json()).error.code, "cross_origin");
  }
  const form = await p.fetch(`${ARTICLE}/danh-gia`, { method: "POST", body: "sao=5",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" } });
  assert.equal(form.status, 403);
  assert.match(await form.text(), /Yêu cầu gửi từ trang khác bị từ chối/);
  assert.deepEqual(await totals(), before);
});

test("the rating form works without JavaScript and the page shows the new totals", async () => {
  const v = reader(p, { "x-forwarded-for": "10.1.0.3" });
  const before = await totals();
  let r = await v.fetch(`${ARTICLE}/danh-gia`, { method: "POST", body: "sao=3",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: p.base } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), `${ARTICLE}?danh-gia=cam-on#danh-gia`);
  const html = await (await v.fetch(`${ARTICLE}?danh-gia=cam-on`)).text();
  assert.match(html, /Cảm ơn bạn đã đánh giá bài viết/);
  assert.match(html, new RegExp(`Tổng số điểm của bài viết là: <strong data-rating-points>${before.points + 3}</strong> trong <strong data-rating-count>${before.count + 1}</strong> đánh giá`));
  r = await v.fetch(`${ARTICLE}/danh-gia`, { method: "POST", body: "sao=5",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: p.base } });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Bạn đã đánh giá bài viết này rồi/);
  for (const body of ["", "sao=0", "sao=9", "sao=abc", "sao=%FF"]) {
    r = await reader(p, { "x-forwarded-for": "10.1.0.4" }).fetch(`${ARTICLE}/danh-gia`, { method: "POST", body,
      headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(r.status, 400, body);
  }
  assert.equal((await p.fetch("/bai-viet/khong-co/danh-gia", { method: "POST", body: "sao=3" })).status, 404);
});

test("editing an article keeps its rating totals", async () => {
  const before = await totals();
  // An editor changes its title through the newsroom API.
  const auth = { authorization: `Bearer ${apiToken(p.dataDir, "suabai", "admin")}`, "content-type": "application/json" };
  const a = (await (await p.fetch("/api/v1/newsroom/articles/1", { headers: auth })).json()).data;
  const put = await p.fetch("/api/v1/newsroom/articles/1", { method: "PUT", headers: auth,
    body: JSON.stringify({ ...a, title: a.title + " (sửa)" }) });
  assert.equal(put.status, 200);
  assert.deepEqual(await totals(), before);
});

test("2,000 concurrent ratings from distinct visitors give exact totals", async () => {
  const stars = Array.from({ length: 2000 }, (_, i) => (i % 5) + 1);
  const results = await Promise.all(stars.map((s, i) =>
    p.fetch("/api/v1/articles/2/ratings", { method: "POST", body: JSON.stringify({ stars: s }),
      headers: { "content-type": "application/json", "x-forwarded-for": `10.2.${i >> 8}.${i & 255}` } })
      .then((r) => r.status)));
  assert.deepEqual([...new Set(results)], [201]);
  const t = (await (await p.fetch("/api/v1/articles/2")).json()).data.rating;
  assert.deepEqual(t, { points: stars.reduce((a, b) => a + b, 0), count: 2000 });
});

test("each address has a budget of ratings and votes; X-Forwarded-For counts only from a trusted proxy", async () => {
  const q = await Portico.start({ config: "votes_per_address = 3\nweather_interval_s = 0\n" });
  try {
    const statuses = [];
    for (let i = 1; i <= 4; ++i) {
      // A new visitor each time, and a forged X-Forwarded-For: neither helps.
      const r = await q.fetch(`/api/v1/articles/${i}/ratings`, { method: "POST", body: '{"stars":5}',
        headers: { "content-type": "application/json", "x-forwarded-for": `10.9.9.${i}` } });
      statuses.push(r.status);
      if (r.status === 429) {
        assert.ok(Number(r.headers.get("retry-after")) > 0);
        assert.equal((await r.json()).error.code, "too_many_requests");
      }
    }
    assert.deepEqual(statuses, [201, 201, 201, 429]);
  } finally {
    await q.cleanup();
  }
});

test("polls: list, vote once, results; wrong option 400, closed 409, unknown 404", async () => {
  const list = await (await p.fetch("/api/v1/polls")).json();
  const poll = list.data[0];
  assert.equal(poll.multiple, false);
  assert.ok(poll.options.length >= 2);
  const v = reader(p, { "x-forwarded-for": "10.3.0.1" });
  let r = await v.json(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[1].id] });
  assert.equal(r.status, 201);
  const after = (await r.json()).data;
  assert.equal(after.options[1].votes, poll.options[1].votes + 1);
  assert.equal(after.voters, poll.voters + 1);
  r = await v.json(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[0].id] });
  assert.equal(r.status, 409);
  assert.equal((await r.json()).error.code, "already_voted");
  const w = reader(p, { "x-forwarded-for": "10.3.0.2" });
  for (const [body, code] of [[{ options: [999999] }, "unknown_option"], [{ options: [] }, "no_option"],
                              [{ options: [poll.options[0].id, poll.options[1].id] }, "single_choice"],
                              [{ options: "1" }, "invalid_options"], [{ options: [-1] }, "invalid_options"], ["[", "invalid_json"]]) {
    r = await w.json(`/api/v1/polls/${poll.id}/votes`, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal((await r.json()).error.code, code);
  }
  assert.equal((await w.json("/api/v1/polls/424242/votes", { options: [1] })).status, 404);
  // Closed by an administrator ("close now"): 409, and it leaves the open list.
  const form = (fields) => admin.post(`/quan-tri/binh-chon/${poll.id}`, { csrf: admin.csrf, "cau-hoi": poll.question,
    nhieu: poll.multiple ? "1" : "0", "bat-dau": "2026-01-01T00:00", "ket-thuc": "2099-01-01T00:00", "chuyen-muc": "0",
    "phuong-an": poll.options.map((o) => o.label).join("\n"), ...fields });
  assert.equal((await form({ "dong-ngay": "1" })).status, 303);
  r = await w.json(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[0].id] });
  assert.equal(r.status, 409);
  assert.equal((await r.json()).error.code, "poll_closed");
  assert.equal((await (await p.fetch("/api/v1/polls")).json()).data.length, 0);
  await new Promise((res) => setTimeout(res, 1100));  // pages carry live numbers for a second at most
  assert.match(await (await p.fetch("/")).text(), /id="w-binh-chon">Bình chọn<\/h2>[\s\S]*?Không có dữ liệu/);
  assert.equal((await form({})).status, 303);  // open again until 2099
  assert.equal((await (await p.fetch("/api/v1/polls")).json()).data.length, 1);
});

test("the poll form works without JavaScript: vote, then the results page thanks and counts", async () => {
  const poll = (await (await p.fetch("/api/v1/polls")).json()).data[0];
  const v = reader(p, { "x-forwarded-for": "10.3.0.3" });
  let r = await v.fetch(`/binh-chon/${poll.id}`, { method: "POST", body: `lua-chon=${poll.options[2].id}`,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: p.base } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), `/binh-chon/${poll.id}?da-binh-chon=1`);
  const html = await (await v.fetch(r.headers.get("location"))).text();
  assert.match(html, /Cảm ơn bạn đã tham gia bình chọn/);
  assert.match(html, new RegExp(`${poll.options[2].label}</span>\\s*<progress max="100" value="\\d+"`));
  assert.match(html, new RegExp(`${poll.options[2].votes + 1} phiếu`));
  r = await v.fetch(`/binh-chon/${poll.id}`, { method: "POST", body: `lua-chon=${poll.options[0].id}`,
    headers: { "content-type": "application/x-www-form-urlencoded" } });
  assert.equal(r.status, 409);
  assert.equal((await p.fetch(`/binh-chon/${poll.id}`, { method: "POST", body: "lua-chon=abc" })).status, 400);
  assert.equal((await p.fetch("/binh-chon/999999")).status, 404);
});

test("links: a form GET redirects only to a configured link, never elsewhere", async () => {
  let r = await p.fetch("/lien-ket?id=2");
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), "https://dichvucong.gov.vn");
  assert.equal((await p.fetch("/lien-ket/1")).headers.get("location"), "https://chinhphu.vn");
  for (const bad of ["/lien-ket?id=https://evil.example", "/lien-ket?id=0", "/lien-ket", "/lien-ket/999", "/lien-ket/%2F%2Fevil.example"]) {
    r = await p.fetch(bad);
    assert.ok(r.status === 400 || r.status === 404, bad + " " + r.status);
    assert.equal(r.headers.get("location"), null);
  }
});

test("visit statistics: page views count once each, cached or not; bots and API calls do not", async () => {
  const q = await Portico.start({ config: "weather_interval_s = 0\n" });
  try {
    const ua = (s) => ({ headers: { "user-agent": s } });
    for (let i = 0; i < 5; ++i) assert.equal((await q.fetch("/", ua(BROWSER))).status, 200);  // four from the cache
    await q.fetch(ARTICLE, ua(BROWSER));
    await q.fetch(ARTICLE, ua("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
    await q.fetch(ARTICLE, ua("coccocbot-web/1.0"));
    await q.fetch("/api/v1/articles", ua(BROWSER));
    await q.fetch("/khong-co", ua(BROWSER));  // a 404 is not a page view
    await new Promise((res) => setTimeout(res, 1200));  // one flush
    const s = (await (await q.fetch("/api/v1/stats/visits")).json()).data;
    assert.deepEqual(Object.keys(s), ["online", "today", "yesterday", "this_month", "total"]);
    assert.equal(s.today, 6);
    assert.equal(s.total, 6);
    assert.equal(s.online, 1, "one browser from one address");
    assert.ok(s.this_month >= 6);
    // The sidebar of a cached page is at most a second old.
    const html = await (await q.fetch("/", ua("curl/8"))).text();
    assert.match(html, /<dt>Hôm nay<\/dt> <dd>6<\/dd>/);
  } finally {
    await q.cleanup();
  }
});

test("kill -9: acknowledged ratings, votes and flushed visits survive", async () => {
  const q = await Portico.start({ config: "weather_interval_s = 0\n" });
  const v = reader(q);
  assert.equal((await v.json("/api/v1/articles/3/ratings", { stars: 2 })).status, 201);
  const poll = (await (await q.fetch("/api/v1/polls")).json()).data[0];
  assert.equal((await v.json(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[0].id] })).status, 201);
  for (let i = 0; i < 3; ++i) await q.fetch("/", { headers: { "user-agent": BROWSER } });
  await new Promise((res) => setTimeout(res, 1500));
  q.child.kill("SIGKILL");
  await q.exited;
  const again = await Portico.start({ dataDir: q.dataDir, config: "weather_interval_s = 0\n" });
  try {
    assert.deepEqual((await (await again.fetch("/api/v1/articles/3")).json()).data.rating, { points: 2, count: 1 });
    const polls = (await (await again.fetch("/api/v1/polls")).json()).data;
    assert.equal(polls[0].options[0].votes, 1);
    assert.equal((await (await again.fetch("/api/v1/stats/visits")).json()).data.today, 3);
    // The same visitor is still known after the restart.
    assert.equal((await reader(again).json("/api/v1/articles/3/ratings", { stars: 2 }, { cookie: `khach=${v.cookies.get("khach")}` })).status, 409);
  } finally {
    await again.cleanup();
    const { rmSync } = await import("node:fs");
    rmSync(q.dataDir, { recursive: true, force: true });
  }
});

test("a graceful stop loses no visit, even one counted just before it", async () => {
  const q = await Portico.start({ config: "weather_interval_s = 0\n" });
  for (let i = 0; i < 4; ++i) await q.fetch("/", { headers: { "user-agent": BROWSER } });
  await q.stop();  // SIGTERM right away: no flush has run yet
  const again = await Portico.start({ dataDir: q.dataDir, config: "weather_interval_s = 0\n" });
  try {
    assert.equal((await (await again.fetch("/api/v1/stats/visits")).json()).data.total, 4);
  } finally {
    await again.cleanup();
    const { rmSync } = await import("node:fs");
    rmSync(q.dataDir, { recursive: true, force: true });
  }
});

test("video: upload MP4 with captions, the widget plays it, and media answer byte ranges", async () => {
  const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.alloc(4000, 7)]);
  const vtt = Buffer.from("WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào bà con Yên Sơn\n");
  const send = async (fields, files) => {
    const fd = new FormData();
    fd.set("csrf", admin.csrf);
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    for (const [k, [buf, name, type]] of Object.entries(files)) fd.set(k, new Blob([buf], { type }), name);
    // As the form does: its token in the address too, so a large body is accepted before it is read.
    return admin.fetch(`/quan-tri/tep/video?csrf=${admin.csrf}`, { method: "POST", body: fd });
  };
  let r = await send({ ten: "Thời sự Yên Sơn tuần này" }, { tep: [mp4, "thoi-su.mp4", "video/mp4"], "phu-de": [vtt, "thoi-su.vtt", "text/vtt"] });
  assert.equal(r.status, 303);
  r = await send({ ten: "Giả video" }, { tep: [Buffer.from("<script>alert(1)</script>"), "x.mp4", "video/mp4"] });
  assert.equal(r.status, 415);
  r = await send({ ten: "Nhúng lạ", nhung: "https://evil.example/embed/1" }, {});
  assert.equal(r.status, 422);
  r = await send({ ten: "Bản tin trên YouTube", nhung: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" }, {});
  assert.equal(r.status, 303);
  r = await send({ ten: "Phụ đề giả" }, { tep: [mp4, "a.mp4", "video/mp4"], "phu-de": [Buffer.from("not vtt"), "a.vtt", "text/vtt"] });
  assert.equal(r.status, 415);
  await new Promise((res) => setTimeout(res, 1100));
  const html = await (await p.fetch("/")).text();
  // The newest (the embed) plays; the upload is in the playlist.
  assert.match(html, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ" title="Bản tin trên YouTube"/);
  assert.doesNotMatch(html, /autoplay/);
  const page = /<a href="(\/video\/\d+)">Thời sự Yên Sơn tuần này<\/a>/.exec(html)[1];
  const vp = await (await p.fetch(page)).text();
  const src = /<source src="(\/media\/video-[^"]+\.mp4)" type="video\/mp4">/.exec(vp)[1];
  assert.match(vp, /<track kind="captions" src="\/media\/video-[^"]+\.vtt" srclang="vi" label="Tiếng Việt" default>/);
  r = await p.fetch(src, { headers: { range: "bytes=0-11" } });
  assert.equal(r.status, 206);
  assert.equal(r.headers.get("content-range"), `bytes 0-11/${mp4.length}`);
  assert.equal(r.headers.get("accept-ranges"), "bytes");
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), mp4.subarray(0, 12));
  r = await p.fetch(src, { headers: { range: "bytes=-10" } });
  assert.equal(r.status, 206);
  assert.equal(Buffer.from(await r.arrayBuffer()).length, 10);
  r = await p.fetch(src, { headers: { range: `bytes=${mp4.length}-` } });
  assert.equal(r.status, 416);
  assert.equal(r.headers.get("content-range"), `bytes */${mp4.length}`);
  r = await p.fetch(src, { headers: { range: "bytes=0-1,4-5" } });
  assert.equal(r.status, 200, "several ranges: the whole file");
  assert.equal(r.headers.get("content-type"), "video/mp4");
  // A large file is read only as far as the range asks.
  const big = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(1536 * 1024)]);
  for (let i = 12; i < big.length; i += 4096) big.writeUInt32BE(i, i - (i % 4) );
  r = await send({ ten: "Chương trình dài" }, { tep: [big, "dai.mp4", "video/mp4"] });
  assert.equal(r.status, 303);
  await new Promise((res) => setTimeout(res, 1100));
  const home = await (await p.fetch("/")).text();
  const bigSrc = /<source src="(\/media\/video-[^"]+\.mp4)" type="video\/mp4">/.exec(home)[1];
  r = await p.fetch(bigSrc, { headers: { range: "bytes=1000000-1000099" } });
  assert.equal(r.status, 206);
  assert.equal(r.headers.get("content-range"), `bytes 1000000-1000099/${big.length}`);
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), big.subarray(1000000, 1000100));
  r = await p.fetch(bigSrc, { headers: { range: `bytes=${big.length + 5}-` } });
  assert.equal(r.status, 416);
  assert.equal((await p.fetch(bigSrc)).headers.get("content-length"), String(big.length));
  // The player's host is allowed by the CSP, and only it.
  const csp = (await p.fetch("/")).headers.get("content-security-policy");
  assert.match(csp, /frame-src [^;]*https:\/\/www\.youtube-nocookie\.com/);
  assert.match(csp, /img-src 'self' data: https:\/\/tile\.openstreetmap\.org;/);
  assert.match(csp, /media-src 'self'/);
  // Deleting removes it from the widget and its file from the disk.
  const id = page.split("/").pop();
  r = await admin.post(`/quan-tri/video/${id}`, { csrf: admin.csrf });
  assert.equal(r.status, 303);
  assert.equal((await p.fetch(page)).status, 404);
  assert.equal((await p.fetch(src)).status, 404);
});

test("widget order and visibility follow the administrator's choice; only administrators manage them", async () => {
  const order = { csrf: admin.csrf };
  const kinds = ["tin-moi", "chuyen-muc", "thong-tin-tong-hop", "ban-do", "truyen-hinh", "lien-ket", "binh-chon", "thoi-tiet",
    "thong-ke"];
  // Before any choice the sidebar shows every kind in the default order, gov's figures third
  // (gov adds that kind to the sidebar's registry after "Chuyên mục").
  const before = await (await p.fetch(ARTICLE)).text();
  assert.deepEqual([...before.matchAll(/<section class="widget widget-([a-z-]+)"/g)].map((m) => m[1]), kinds);
  kinds.forEach((k, i) => { order[`vi-tri-${k}`] = String(i + 2); order[`hien-${k}`] = "1"; });
  order["vi-tri-thong-ke"] = "1";  // statistics first
  delete order["hien-ban-do"];     // no map
  let r = await admin.post("/quan-tri/tien-ich/thu-tu", order);
  assert.equal(r.status, 303);
  const html = await (await p.fetch(ARTICLE)).text();
  const shown = [...html.matchAll(/<section class="widget widget-([a-z-]+)"/g)].map((m) => m[1]);
  assert.equal(shown[0], "thong-ke");
  assert.ok(!shown.includes("ban-do"));
  assert.equal(shown.length, 8);
  r = await admin.post("/quan-tri/tien-ich/thu-tu", { ...order, "vi-tri-tin-moi": "abc" });
  assert.equal(r.status, 422);
  // Links: bad addresses are refused with a reason; a good one appears in the widget.
  for (const url of ["javascript:alert(1)", "ftp://x.vn", "https://a b.vn", ""]) {
    r = await admin.post("/quan-tri/tien-ich/lien-ket", { csrf: admin.csrf, ten: "Thử", "dia-chi": url });
    assert.equal(r.status, 422, url);
    assert.match(await r.text(), /Địa chỉ phải bắt đầu bằng http/);
  }
  r = await admin.post("/quan-tri/tien-ich/lien-ket", { csrf: admin.csrf, ten: "Sở Thông tin và Truyền thông", "dia-chi": "https://stttt.tuyenquang.gov.vn" });
  assert.equal(r.status, 303);
  r = await admin.post("/quan-tri/tien-ich/dia-diem", { csrf: admin.csrf, ten: "Sai", "vi-do": "200", "kinh-do": "105" });
  assert.equal(r.status, 422);
  r = await admin.post("/quan-tri/tien-ich/dia-diem", { csrf: admin.csrf, ten: "Sai", "vi-do": "abc", "kinh-do": "105" });
  assert.equal(r.status, 422);
  await new Promise((res) => setTimeout(res, 1100));
  assert.match(await (await p.fetch("/")).text(), /<option value="\d+">Sở Thông tin và Truyền thông<\/option>/);
  // Without the token, or as an editor: 403.
  assert.equal((await admin.post("/quan-tri/tien-ich/thu-tu", { ...order, csrf: "sai" })).status, 403);
  execFileSync(bin, ["user", "add", "bientap", "--role", "editor", "--password-stdin", "--data", p.dataDir], { input: "mat-khau-bientap\n" });
  const editor = new Visitor(p);
  await editor.signIn("bientap", "mat-khau-bientap");
  for (const path of ["/quan-tri/tien-ich", "/quan-tri/binh-chon", "/quan-tri/video"])
    assert.equal((await editor.fetch(path)).status, 403, path);
  assert.equal((await editor.fetch("/quan-tri/thong-ke")).status, 200, "every newsroom role reads the statistics");
  const audit = await (await admin.fetch("/quan-tri/nhat-ky")).text();
  // The services write these entries with who did it and what (the handlers write none).
  for (const entry of ["Sửa tiện ích cột bên", "Thêm chương trình truyền hình", "Xoá chương trình truyền hình"])
    assert.ok(audit.includes(`<td>quantri</td><td>${entry}</td>`), entry);
  assert.ok(audit.includes("<td>Sửa tiện ích cột bên</td><td>thu-tu</td>"));
  assert.ok(audit.includes("<td>Sửa tiện ích cột bên</td><td>lien-ket</td>"));
});

test("polls administration: create with options, lock options once votes are in, close now, delete", async () => {
  let r = await admin.post("/quan-tri/binh-chon", { csrf: admin.csrf, "cau-hoi": "Bạn thường đọc tin lúc nào?",
    "phuong-an": "Buổi sáng\nBuổi trưa\n\nBuổi tối\n", nhieu: "1", "bat-dau": "2026-01-01T00:00", "ket-thuc": "2099-01-01T00:00",
    "chuyen-muc": "0" });
  assert.equal(r.status, 303);
  const poll = (await (await p.fetch("/api/v1/polls")).json()).data.find((x) => x.question === "Bạn thường đọc tin lúc nào?");
  assert.deepEqual(poll.options.map((o) => o.label), ["Buổi sáng", "Buổi trưa", "Buổi tối"]);
  assert.equal(poll.multiple, true);
  const v = reader(p, { "x-forwarded-for": "10.4.0.1" });
  r = await v.json(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[0].id, poll.options[2].id] });
  assert.equal(r.status, 201);
  const base = { csrf: admin.csrf, "cau-hoi": poll.question, nhieu: "1", "bat-dau": "2026-01-01T00:00", "ket-thuc": "2099-01-01T00:00", "chuyen-muc": "0" };
  r = await admin.post(`/quan-tri/binh-chon/${poll.id}`, { ...base, "phuong-an": "Buổi sáng\nBuổi trưa\nBuổi tối\nĐêm khuya" });
  assert.equal(r.status, 422, "options are locked once votes are in");
  r = await admin.post(`/quan-tri/binh-chon/${poll.id}`, { ...base, "phuong-an": "Sáng sớm\nBuổi trưa\nBuổi tối" });
  assert.equal(r.status, 303, "wording may change");
  const after = (await (await p.fetch("/api/v1/polls")).json()).data.find((x) => x.id === poll.id);
  assert.equal(after.options[0].label, "Sáng sớm");
  assert.equal(after.options[0].votes, 1);
  for (const bad of [{ "phuong-an": "Chỉ một" }, { "cau-hoi": "" }, { "ket-thuc": "2020-01-01T00:00" }]) {
    r = await admin.post("/quan-tri/binh-chon", { ...base, "phuong-an": "A\nB", ...bad });
    assert.equal(r.status, 422, JSON.stringify(bad));
  }
  r = await admin.post(`/quan-tri/binh-chon/${poll.id}`, { ...base, "phuong-an": "Sáng sớm\nBuổi trưa\nBuổi tối", "dong-ngay": "1" });
  assert.equal(r.status, 303);
  r = await reader(p, { "x-forwarded-for": "10.4.0.2" }).json(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[1].id] });
  assert.equal(r.status, 409);
  assert.equal((await r.json()).error.code, "poll_closed");
  r = await admin.post(`/quan-tri/binh-chon/${poll.id}`, { csrf: admin.csrf, xoa: "1" });
  assert.equal(r.status, 303);
  assert.equal((await p.fetch(`/binh-chon/${poll.id}`)).status, 404);
});

test("weather comes from the configured provider; a hanging provider delays no page", async () => {
  let hang = false;
  const asked = [];
  const provider = http.createServer((req, res) => {
    if (hang) return;  // never answers
    asked.push(req.url);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ current: { time: "2026-11-29T20:00", temperature_2m: 22.4, relative_humidity_2m: 81,
      weather_code: 3, wind_speed_10m: 4.7 } }));
  });
  await new Promise((res) => provider.listen(0, "127.0.0.1", res));
  const url = `http://127.0.0.1:${provider.address().port}`;
  const q = await Portico.start({ config: `weather_url = "${url}"\nweather_interval_s = 1\n` });
  try {
    let html = "";
    for (let i = 0; i < 30 && !/22,4 °C/.test(html); ++i) {
      await new Promise((res) => setTimeout(res, 200));
      html = await (await q.fetch("/")).text();
    }
    assert.match(html, /<strong>Ủy ban nhân dân huyện Yên Sơn<\/strong>: <span class="temp">22,4 °C<\/span>, Nhiều mây/);
    assert.match(html, /Độ ẩm 81%, gió 4,7 km\/h\. Cập nhật <time datetime="/);
    assert.ok(asked.some((u) => /^\/v1\/forecast\?latitude=21\.8557&longitude=105\.2219&current=temperature_2m,relative_humidity_2m,weather_code,wind_speed_10m&timezone=Asia%2FHo_Chi_Minh$/.test(u)), asked[0]);
    hang = true;  // the next refresh waits on a provider that never answers
    await new Promise((res) => setTimeout(res, 1500));
    const r = await q.fetch("/");
    assert.equal(r.status, 200);
    assert.match(await r.text(), /22,4 °C/, "the last reading stays, with its time");
  } finally {
    await q.cleanup();
    provider.closeAllConnections();
    provider.close();
  }
});

test("Lưu downloads a printable page with absolute addresses", async () => {
  const r = await p.fetch(`${ARTICLE}/luu`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-disposition"), /^attachment; filename="go-kho-phat-trien-dang-vien\.html"$/);
  const html = await r.text();
  assert.match(html, /<h1>Gỡ khó phát triển đảng viên/);
  assert.match(html, /Địa chỉ bài viết: <a href="http:\/\/127\.0\.0\.1:\d+\/bai-viet\/go-kho-phat-trien-dang-vien">/);
  assert.doesNotMatch(html, /(src|href)="\/(?!\/)/, "no address relative to the portal");
  assert.equal((await p.fetch("/bai-viet/khong-co/luu")).status, 404);
});

test("article pages link to Facebook and Zalo sharing without third-party scripts", async () => {
  const html = await (await p.fetch(ARTICLE)).text();
  assert.match(html, /href="https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?u=http%3A\/\/127\.0\.0\.1%3A\d+\/bai-viet\/go-kho-phat-trien-dang-vien"/);
  assert.match(html, /href="https:\/\/sp\.zalo\.me\/plugins\/share\?href=http%3A\/\/127/);
  assert.doesNotMatch(html, /<script[^>]+src="https?:/);
});

test("sidebar pages and widget administration have no HTML errors", async () => {
  const poll = (await (await p.fetch("/api/v1/polls")).json()).data[0];
  const pages = {
    article: await (await p.fetch(ARTICLE)).text(),
    home: await (await p.fetch("/")).text(),
    poll: await (await p.fetch(`/binh-chon/${poll.id}`)).text(),
    widgets: await (await admin.fetch("/quan-tri/tien-ich")).text(),
    polls: await (await admin.fetch("/quan-tri/binh-chon")).text(),
    videos: await (await admin.fetch("/quan-tri/video")).text(),
    stats: await (await admin.fetch("/quan-tri/thong-ke")).text(),
  };
  assert.match(pages.stats, /<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="bieu-do-tieu-de bieu-do-mo-ta"/);
  assert.deepEqual(htmlErrors(pages), []);
});

test("the OpenAPI document describes the sidebar endpoints", async () => {
  const doc = await (await p.fetch("/api/v1/openapi.json")).json();
  for (const path of ["/api/v1/articles/{id}/ratings", "/api/v1/polls", "/api/v1/polls/{id}/votes", "/api/v1/stats/visits"])
    assert.ok(doc.paths[path], path);
  assert.ok(doc.components.schemas.Article.allOf[1].properties.rating);
});
