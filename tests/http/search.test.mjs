// Vietnamese search over HTTP: the page in every header, the results page, the API, and
// hostile queries that get results or a clear message, never an error page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, htmlErrors } from "../lib/portico.mjs";

let p;
before(async () => { p = await Portico.start({ config: "weather_interval_s = 0\n" }); });
after(async () => { await p.cleanup(); });

const titles = (html) => [...html.matchAll(/<h2 class="result-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
const search = async (q, extra = "") => {
  const r = await p.fetch(`/tim-kiem?q=${encodeURIComponent(q)}${extra}`);
  return { status: r.status, html: await r.text() };
};

test("every page has the search box in its header", async () => {
  for (const path of ["/", "/chuyen-muc/xay-dung-dang", "/bai-viet/go-kho-phat-trien-dang-vien", "/khong-co"]) {
    const html = await (await p.fetch(path)).text();
    assert.match(html, /<form class="header-search" method="get" action="\/tim-kiem" role="search"/, path);
  }
});

test("the queries of the issue: accents or not, any case, NFC or NFD, places, phrases", async () => {
  for (const q of ["dang vien", "ĐẢNG VIÊN", "đảng viên", "đảng viên".normalize("NFD")]) {
    const { status, html } = await search(q);
    assert.equal(status, 200);
    assert.ok(titles(html).includes("Gỡ khó phát triển đảng viên"), q);
  }
  assert.deepEqual(titles((await search("đảng viên".normalize("NFD"))).html), titles((await search("đảng viên")).html));
  const hy = await search("ham yen");
  assert.ok(titles(hy.html).includes("Gỡ khó phát triển đảng viên"), "the reference article mentions Hàm Yên");
  assert.match(hy.html, /<mark>Hàm<\/mark> <mark>Yên<\/mark>/);
  const phrase = titles((await search('"phát triển đảng viên"')).html);
  const loose = titles((await search("phát triển đảng viên")).html);
  assert.ok(phrase.includes("Gỡ khó phát triển đảng viên"));
  assert.ok(phrase.length <= loose.length);
  for (const t of phrase) assert.ok(loose.includes(t));
});

test("prefix, category and date filters, sort by date, pagination", async () => {
  const all = await search("dang*");
  assert.match(all.html, /Tìm thấy \d+ kết quả/);
  const inCat = await search("dang*", "&chuyen-muc=xay-dung-dang");
  assert.ok(titles(inCat.html).length > 0);
  assert.ok(titles(inCat.html).length <= titles(all.html).length || /trang=2/.test(all.html));
  const old = await search("dang vien", "&tu-ngay=2023-10-01&den-ngay=2023-10-31");
  assert.deepEqual(titles(old.html), ["Gỡ khó phát triển đảng viên"], "only the 12/10/2023 article");
  const byDate = await search("dang*", "&sap-xep=moi-nhat");
  assert.equal(byDate.status, 200);
  assert.match(byDate.html, /<option value="moi-nhat" selected>/);
  const many = await search("huyen");
  if (/rel="next"/.test(many.html)) {
    const next = /<a href="([^"]+)" rel="next">/.exec(many.html)[1].replaceAll("&amp;", "&");
    assert.match(next, /^\/tim-kiem\?q=huyen&trang=2$/);
    const second = await p.fetch(next);
    assert.equal(second.status, 200);
    assert.notDeepEqual(titles(await second.text()), titles(many.html));
  }
});

test("nothing found: a friendly page with suggestions", async () => {
  const { status, html } = await search("xyzzy khong co gi");
  assert.equal(status, 200);
  assert.match(html, /Không tìm thấy kết quả nào/);
  assert.match(html, /gõ không dấu/);
  assert.match(html, /id="tin-moi-goi-y"/);
});

test("hostile and odd queries get results or a clear message, never an error page", async () => {
  const odd = ['"', '"unbalanced', 'a OR b', "NEAR(a b)", "title_x:x", "*", "'; DROP TABLE articles; --", "((((",
               "{title_f}: x", "^dang", "x".repeat(10000), "🙂", "   ", "<script>alert(1)</script>", "%", "\\"];
  for (const q of odd) {
    const { status, html } = await search(q);
    assert.ok(status === 200 || status === 400, `${q.slice(0, 20)} → ${status}`);
    assert.match(html, /<form class="search-form"/, q.slice(0, 20));
    assert.doesNotMatch(html, /<script>alert/);
    if (status === 400) assert.match(html, /<div class="notice" role="alert"><p>[^<]+<\/p>/);
  }
  // Control characters are read as spaces: the words around them are found.
  const ctl = await search("đảng\u0001viên\u007f");
  assert.equal(ctl.status, 200);
  assert.match(ctl.html, /Gỡ khó phát triển đảng viên/);
  // 10 KB of Vietnamese is about 30 KB once percent-encoded: under the header limit.
  const tenKB = "phát triển đảng viên ".repeat(380);
  assert.ok(Buffer.byteLength(tenKB) >= 10000);
  const big = await search(tenKB);
  assert.equal(big.status, 200);
  assert.match(big.html, /Từ khoá quá dài nên chỉ phần đầu được dùng để tìm/);
  const long = await search("đảng ".repeat(300));
  assert.match(long.html, /Từ khoá quá dài nên chỉ phần đầu được dùng để tìm/);
  for (const extra of ["&tu-ngay=hôm-qua", "&den-ngay=2026-13-45", "&chuyen-muc=khong-co", "&trang=abc"]) {
    const { status, html } = await search("dang", extra);
    assert.equal(status, 400, extra);
    assert.match(html, /role="alert"/);
  }
  assert.equal((await p.fetch("/api/v1/articles")).status, 200, "the database is intact");
});

test("the search API: data with snippets, meta with the total and pages, clear errors", async () => {
  let r = await p.fetch("/api/v1/search?q=" + encodeURIComponent("ĐẢNG VIÊN"));
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.deepEqual(Object.keys(body), ["data", "meta"]);
  assert.deepEqual(Object.keys(body.meta), ["page", "per_page", "total", "total_pages", "capped"]);
  assert.ok(body.meta.total >= 3);
  for (const item of body.data) {
    assert.deepEqual(Object.keys(item), ["id", "title", "url", "site", "snippet"]);
    assert.match(item.url, /^http:\/\/127\.0\.0\.1:\d+\/bai-viet\//);
    assert.equal(item.site, "huyen-yen-son");
  }
  assert.ok(body.data.some((i) => /<mark>/.test(i.snippet)));
  // The last page answers; past it, 404 page_out_of_range, as every list.
  r = await p.fetch(`/api/v1/search?q=dang&page=${body.meta.total_pages}`);
  assert.equal(r.status, 200);
  r = await p.fetch(`/api/v1/search?q=dang&page=${body.meta.total_pages + 1}`);
  assert.equal(r.status, 404);
  assert.equal((await r.json()).error.code, "page_out_of_range");
  for (const bad of ["", "?q=", "?q=%22%22", "?q=dang&page=0", "?q=dang&page=x"]) {
    r = await p.fetch("/api/v1/search" + bad);
    assert.equal(r.status, 400, bad);
    const e = (await r.json()).error;
    assert.ok(e.code && e.message);
  }
});

test("search follows publishing, editing and taking down", async () => {
  execFileSync(bin, ["user", "add", "quantri", "--role", "admin", "--password-stdin", "--data", p.dataDir], { input: "mat-khau-quantri\n" });
  const token = execFileSync(bin, ["token", "create", "quantri", "--data", p.dataDir]).toString().trim().split(/\s+/).pop();
  const api = (path, method, body) => p.fetch(path, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body && JSON.stringify(body) });
  let r = await api("/api/v1/newsroom/articles", "POST", { title: "Nghiệm thu nhà văn hoá thôn Nà Khuổi", body_html: "<p>Công trình do nhân dân góp công.</p>", category_id: await p.categoryId("tin-tuc-su-kien") });
  let a = (await r.json()).data;
  assert.equal(titles((await search("khuoi")).html).length, 0, "a draft is not found");
  r = await api(`/api/v1/newsroom/articles/${a.id}/publish`, "POST", { version: a.version });
  a = (await r.json()).data;
  assert.deepEqual(titles((await search("khuoi")).html), ["Nghiệm thu nhà văn hoá thôn Nà Khuổi"]);
  r = await api(`/api/v1/newsroom/articles/${a.id}`, "PUT", { title: "Khai trương nhà văn hoá thôn Nà Khuổi", body_html: "<p>Công trình do nhân dân góp công.</p>", category_id: await p.categoryId("tin-tuc-su-kien"), version: a.version });
  a = (await r.json()).data;
  assert.deepEqual(titles((await search("khuoi")).html), ["Khai trương nhà văn hoá thôn Nà Khuổi"]);
  assert.equal(titles((await search('"nghiệm thu nhà văn hoá"')).html).length, 0);
  r = await api(`/api/v1/newsroom/articles/${a.id}/take-down`, "POST", { version: a.version, reason: "Trùng lặp" });
  assert.equal(r.status, 200);
  assert.equal(titles((await search("khuoi")).html).length, 0);
});

test("the search pages have no HTML errors", async () => {
  assert.deepEqual(htmlErrors({
    results: (await search("đảng viên")).html,
    none: (await search("xyzzy")).html,
    empty: (await (await p.fetch("/tim-kiem")).text()),
    bad: (await search("dang", "&tu-ngay=x")).html,
  }), []);
});

test("the site search also lists matching legal documents and answered questions", async () => {
  const docs = await search("03-DA/TU");
  assert.equal(docs.status, 200);
  assert.match(docs.html, /<h2 id="tk-van-ban" class="section-title">Văn bản \(1\)<\/h2>/);
  assert.match(docs.html, /<a href="\/van-ban\/de-an-03-da-tu">Đề án số 03-ĐA\/TU: /);
  assert.match(docs.html, /<a href="\/van-ban\?q=03-DA\/TU">Xem tất cả 1 kết quả trong mục Văn bản<\/a>/);
  assert.doesNotMatch(docs.html, /Không tìm thấy kết quả nào/, "documents were found");
  const qa = await search("khai sinh");
  assert.match(qa.html, /<h2 id="tk-hoi-dap" class="section-title">Hỏi đáp \(1\)<\/h2>/);
  assert.match(qa.html, /<a href="\/hoi-dap\/\d+">Thủ tục cấp bản sao trích lục khai sinh<\/a>/);
  // Filtered by category: articles only.
  assert.doesNotMatch((await search("03-DA/TU", "&chuyen-muc=kinh-te")).html, /tk-van-ban/);
  assert.deepEqual(htmlErrors({ search_more: docs.html }), []);
});
