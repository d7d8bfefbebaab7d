// Public pages, API, headers and caching against the real binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { Portico } from "../lib/portico.mjs";

let p;
before(async () => { p = await Portico.start(); });
after(async () => { await p.cleanup(); });

const ARTICLE = "/bai-viet/go-kho-phat-trien-dang-vien";

test("home page has the banner, the menu of categories and articles", async () => {
  const r = await p.fetch("/");
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type"), /^text\/html; charset=utf-8/);
  const html = await r.text();
  assert.match(html, /<html lang="vi" class="fs-1">/);
  assert.match(html, /CHÀO MỪNG ĐẾN VỚI CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN YÊN SƠN/);
  for (const c of ["Tin tức – Sự kiện", "Xây dựng Đảng", "Kinh tế", "Văn hoá – Xã hội", "Thông báo"])
    assert.ok(html.includes(`>${c}</a>`), c);
  assert.match(html, /Tin nổi bật/);
  assert.match(html, /Gỡ khó phát triển đảng viên/);
  assert.match(html, />A-<span class="visually-hidden"> \(giảm cỡ chữ\)<\/span><\/button>/);
  assert.match(html, /Tăng tương phản/);
  assert.match(html, /Cơ quan chủ quản/);
});

test("article page has every element of the reference article", async () => {
  const r = await p.fetch(ARTICLE);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<h1 class="article-title">Gỡ khó phát triển đảng viên<\/h1>/);
  assert.match(html, /Thứ Năm, 12\/10\/2023 08:15/);
  assert.match(html, /aria-label="Đường dẫn"[\s\S]*Trang chủ[\s\S]*Xây dựng Đảng[\s\S]*Gỡ khó/);
  assert.match(html, /<figcaption>Chi bộ thôn Ghềnh Nà, xã Công Đa \(Yên Sơn\) bàn giải pháp phát triển đảng viên mới.<\/figcaption>/);
  assert.match(html, /Nguồn: <span>Theo TQĐT<\/span>/);
  assert.match(html, /Sao chép liên kết/);
  assert.match(html, /In bài viết/);
  assert.match(html, /Tin liên quan/);
  // paragraphs in order
  const order = ["Loay hoay phát triển đảng viên", "Theo Báo cáo của Ban Tổ chức Tỉnh ủy", "Khó khăn trong",
    "Cần nhiều giải pháp đồng bộ", "Hiện nay, Ban Tổ chức Tỉnh ủy đã tham mưu"];
  let at = -1;
  for (const s of order) { const i = html.indexOf(s); assert.ok(i > at, s); at = i; }
  // related: never itself
  const related = html.slice(html.indexOf("Tin liên quan"));
  assert.ok(!related.includes(`href="${ARTICLE}"`));
  assert.ok((related.match(/<li>/g) ?? []).length >= 3);
  assert.equal(r.headers.get("last-modified") !== null, true);
});

test("category page paginates and rejects bad page numbers", async () => {
  const r = await p.fetch("/chuyen-muc/xay-dung-dang");
  assert.equal(r.status, 200);
  assert.match(await r.text(), /<h1 class="page-title">Xây dựng Đảng/);
  assert.equal((await p.fetch("/chuyen-muc/xay-dung-dang?trang=2")).status, 404);
  for (const bad of ["0", "-1", "abc", "1.5", "99999999999999999999999", "%2B1"])
    assert.equal((await p.fetch("/chuyen-muc/xay-dung-dang?trang=" + bad)).status, 400, bad);
  assert.equal((await p.fetch("/chuyen-muc/khong-co")).status, 404);
});

test("404 pages are Vietnamese HTML in the site frame", async () => {
  const r = await p.fetch("/khong-ton-tai");
  assert.equal(r.status, 404);
  const html = await r.text();
  assert.match(html, /Không tìm thấy trang/);
  assert.match(html, /CỔNG THÔNG TIN ĐIỆN TỬ|Cổng thông tin điện tử/);
  assert.equal((await p.fetch("/bai-viet/khong-co-bai-nay")).status, 404);
});

test("security headers on every response", async () => {
  for (const path of ["/", ARTICLE, "/khong-ton-tai", "/api/v1/articles"]) {
    const r = await p.fetch(path);
    const csp = r.headers.get("content-security-policy");
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    assert.equal(r.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  }
});

test("pages have no inline script", async () => {
  const html = await (await p.fetch(ARTICLE)).text();
  for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (m[1] === ' type="application/ld+json"') continue;  // data, never run (checked in feeds.test.mjs)
    assert.match(m[1], /src="\/static\/[a-z\/-]+\.[0-9a-f]+\.js"/);  // our own hashed files only
    assert.equal(m[2].trim(), "");
  }
  assert.doesNotMatch(html, / on[a-z]+="/);
});

test("conditional GET: ETag and Last-Modified give 304", async () => {
  const r = await p.fetch(ARTICLE);
  const etag = r.headers.get("etag");
  const lm = r.headers.get("last-modified");
  assert.ok(etag);
  const again = await p.fetch(ARTICLE, { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), "");
  const byDate = await p.fetch(ARTICLE, { headers: { "if-modified-since": lm } });
  assert.equal(byDate.status, 304);
  const stale = await p.fetch(ARTICLE, { headers: { "if-none-match": '"0000000000000000"' } });
  assert.equal(stale.status, 200);
});

test("gzip and brotli bodies decode to the same page", async () => {
  const plain = await (await p.fetch(ARTICLE, { headers: { "accept-encoding": "identity" } })).text();
  const raw = (enc) => new Promise((resolve) => {
    import("node:http").then(({ default: http }) => {
      http.get(p.url(ARTICLE), { headers: { "accept-encoding": enc } }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ res, body: Buffer.concat(chunks) }));
      });
    });
  });
  const br = await raw("gzip, br");
  assert.equal(br.res.headers["content-encoding"], "br");
  assert.match(br.res.headers["vary"], /Accept-Encoding/);
  assert.equal(zlib.brotliDecompressSync(br.body).toString(), plain);
  const gz = await raw("gzip");
  assert.equal(gz.res.headers["content-encoding"], "gzip");
  assert.equal(zlib.gunzipSync(gz.body).toString(), plain);
  assert.ok(gz.body.length < plain.length / 2);
  const refused = await raw("br;q=0, gzip;q=0");
  assert.equal(refused.res.headers["content-encoding"], undefined);
  // the 304 check works for any coding of the page
  const etag = br.res.headers["etag"];
  assert.equal((await p.fetch(ARTICLE, { headers: { "if-none-match": etag } })).status, 304);
});

test("HEAD answers headers only", async () => {
  const r = await p.raw("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  assert.match(r, /^HTTP\/1\.1 200/);
  const len = Number(/Content-Length: (\d+)/i.exec(r)[1]);
  assert.ok(len > 1000);
  assert.equal(r.split("\r\n\r\n")[1], "");
});

test("static assets have hashed names, long caching and precompressed bodies", async () => {
  const html = await (await p.fetch("/")).text();
  const css = /href="(\/static\/css\/site\.[0-9a-f]+\.css)"/.exec(html)[1];
  const r = await p.fetch(css, { headers: { "accept-encoding": "br" } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get("cache-control"), /max-age=31536000, immutable/);
  const text = await r.text();
  // fonts are referenced by their hashed names, and served
  const font = /url\("(\/static\/fonts\/be-vietnam-pro-vietnamese-400-normal\.[0-9a-f]+\.woff2)"\)/.exec(text);
  assert.ok(font, "hashed font URL in CSS");
  const f = await p.fetch(font[1]);
  assert.equal(f.status, 200);
  assert.equal(f.headers.get("content-type"), "font/woff2");
  assert.equal((await p.fetch("/static/css/khong-co.css")).status, 404);
});

test("media files are served and names are checked", async () => {
  assert.equal((await p.fetch("/media/chi-bo-ghenh-na.svg")).status, 200);
  assert.equal((await p.fetch("/media/..%2Fportico.db")).status, 400);
  assert.equal((await p.fetch("/media/portico.db")).status, 404);
});

test("healthz", async () => {
  const r = await p.fetch("/healthz");
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: "ok" });
});

test("API lists articles with their public url, filters and pages", async () => {
  const r = await p.fetch("/api/v1/articles");
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.equal(body.data.length, 10);
  assert.equal(body.meta.total, 38);
  assert.equal(body.meta.total_pages, 4);
  for (const a of body.data) assert.equal(a.url, p.base + "/bai-viet/" + a.slug);
  const party = await (await p.fetch("/api/v1/articles?category=xay-dung-dang")).json();
  assert.ok(party.data.every((a) => a.category.slug === "xay-dung-dang"));
  assert.ok(party.data.some((a) => a.slug === "go-kho-phat-trien-dang-vien"));
  const news = await (await p.fetch("/api/v1/articles?category=tin-tuc-su-kien")).json();
  assert.ok(news.data.some((a) => a.category.slug !== "tin-tuc-su-kien"), "a section lists the topics under it");
  assert.ok(news.meta.total > 10);
  const last = await (await p.fetch("/api/v1/articles?page=4")).json();
  assert.equal(last.data.length, 8);
  const out = await p.fetch("/api/v1/articles?page=5");
  assert.equal(out.status, 404);
  assert.equal((await out.json()).error.code, "page_out_of_range");
  for (const bad of ["0", "-2", "x", "99999999999999999999"]) {
    const e = await p.fetch("/api/v1/articles?page=" + bad);
    assert.equal(e.status, 400, bad);
    const j = await e.json();
    assert.equal(j.error.code, "invalid_page");
    assert.ok(j.error.message.length > 0);
  }
  assert.equal((await p.fetch("/api/v1/articles?category=khong-co")).status, 404);
});

test("API returns one article and rejects bad ids", async () => {
  const list = await (await p.fetch("/api/v1/articles?category=xay-dung-dang")).json();
  const ref = list.data.find((a) => a.slug === "go-kho-phat-trien-dang-vien");
  const r = await p.fetch("/api/v1/articles/" + ref.id);
  assert.equal(r.status, 200);
  const a = (await r.json()).data;
  assert.equal(a.title, "Gỡ khó phát triển đảng viên");
  assert.equal(a.source, "Theo TQĐT");
  assert.equal(a.published_at, "2023-10-12T08:15:00+07:00");
  assert.match(a.body_html, /<h2>Loay hoay phát triển đảng viên<\/h2>/);
  assert.equal(a.url, p.base + "/bai-viet/go-kho-phat-trien-dang-vien");
  for (const bad of ["0", "-1", "abc", "1e3", "99999999999999999999999"]) {
    const e = await p.fetch("/api/v1/articles/" + bad);
    assert.equal(e.status, 400, bad);
    assert.equal((await e.json()).error.code, "invalid_id");
  }
  const missing = await p.fetch("/api/v1/articles/987654");
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, "not_found");
  const unknown = await p.fetch("/api/v1/khong-co");
  assert.equal(unknown.status, 404);
  assert.match(unknown.headers.get("content-type"), /application\/json/);
});

test("display form sets the cookie and returns only to local paths", async () => {
  const r = await p.fetch("/hien-thi", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "co-chu=tang&ve=%2Fchuyen-muc%2Fkinh-te",
  });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), "/chuyen-muc/kinh-te");
  assert.match(r.headers.get("set-cookie"), /^hien-thi=s2c0; Path=\//);
  const page = await (await p.fetch("/chuyen-muc/kinh-te", { headers: { cookie: "hien-thi=s2c1" } })).text();
  assert.match(page, /<html lang="vi" class="fs-2 hc">/);
  for (const evil of ["%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"]) {
    const e = await p.fetch("/hien-thi", {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "tuong-phan=tang&ve=" + evil });
    assert.equal(e.headers.get("location"), "/", evil);
  }
  const bad = await p.fetch("/hien-thi", {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "co-chu=khong-biet" });
  assert.equal(bad.status, 400);
  // a forged cookie value is ignored
  const forged = await (await p.fetch("/", { headers: { cookie: "hien-thi=s9c1" } })).text();
  assert.match(forged, /<html lang="vi" class="fs-1">/);
});

test("unknown Host is answered by the default site", async () => {
  const r = await p.raw("GET / HTTP/1.1\r\nHost: khong-biet.example\r\nConnection: close\r\n\r\n");
  assert.equal(/^HTTP\/1\.1 (\d+)/.exec(r)[1], "200");
  assert.match(r, /HUYỆN YÊN SƠN/);
});

test("keep-alive and pipelined requests are answered in order", async () => {
  const req = (path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
  const r = await p.raw(req("/healthz") + req("/khong-co") + req("/healthz") +
    "GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const statuses = [...r.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
  assert.deepEqual(statuses, ["200", "404", "200", "200"]);
});
