// The province and its sub-portals over HTTP: sites made and changed from the command line
// while the server runs (seen within a second or two, no restart), reached by their own host
// names, the directory of sub-portals and /api/v1/sites, a disabled site's notice, and each
// site's brand colour with its contrast checked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Portico, Visitor, bin, htmlErrors, signedIn } from "../lib/portico.mjs";
import { png } from "../lib/png.mjs";

let p;
before(async () => { p = await Portico.start({ config: "weather_interval_s = 0\n" }); });
after(async () => { await p.cleanup(); });

const site = (...args) => spawnSync(bin, ["site", ...args, "--data", p.dataDir], { encoding: "utf8" });
const ok = (...args) => {
  const r = site(...args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

// A GET as a browser sends it to another host name that points at this server.
function hostGet(host, path = "/") {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port: p.port, path, headers: { host: `${host}:${p.port}`, "accept-encoding": "identity" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on("error", reject);
  });
}

// Polls until `check` holds: changes from another process land within the scheduler's second.
async function eventually(check, what) {
  const until = Date.now() + 5000;
  for (;;) {
    const r = await check();
    if (r) return r;
    if (Date.now() > until) assert.fail(`not within 5 s: ${what}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const title = (html) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

test("a sub-portal made from the command line is served by its host name without a restart", async () => {
  const out = ok("add", "--name", "Xã Kim Phú", "--host", "kimphu.localhost", "--kind", "Xã", "--parent", "huyen-yen-son");
  assert.match(out, /Đã tạo trang Xã Kim Phú \(xa-kim-phu, kimphu\.localhost\)/);
  const home = await eventually(async () => {
    const r = await hostGet("kimphu.localhost");
    return title(r.body)?.includes("Xã Kim Phú") && r;
  }, "the new site's home page");
  assert.equal(home.status, 200);
  assert.equal(title(home.body), "Trang chủ | Cổng thông tin điện tử Xã Kim Phú");
  assert.doesNotMatch(home.body, /Gò Khô phát triển đảng viên/, "a new site starts with no articles");
  // The default site still answers its own address and unknown hosts.
  assert.match(title(await (await p.fetch("/")).text()), /Huyện Yên Sơn/);
  assert.match(title((await hostGet("khong-co.localhost")).body), /Huyện Yên Sơn/);
  assert.deepEqual(htmlErrors({ home: home.body }), []);
});

test("every absolute address a sub-portal gives is on its own host: canonical, feeds, sitemap, robots.txt, the API", async () => {
  const origin = `http://kimphu.localhost:${p.port}`;
  const home = (await hostGet("kimphu.localhost")).body;
  assert.match(home, new RegExp(`<link rel="canonical" href="${origin}/">`));
  assert.match(home, new RegExp(`<meta property="og:url" content="${origin}/">`));
  const rss = (await hostGet("kimphu.localhost", "/rss.xml")).body;
  assert.match(rss, new RegExp(`<link>${origin}/</link>`));
  assert.match(rss, new RegExp(`<atom:link href="${origin}/rss.xml"`));
  assert.match((await hostGet("kimphu.localhost", "/sitemap.xml")).body, new RegExp(`<loc>${origin}/so-do-cong</loc>`));
  assert.match((await hostGet("kimphu.localhost", "/robots.txt")).body, new RegExp(`Sitemap: ${origin}/sitemap.xml`));
  const cats = JSON.parse((await hostGet("kimphu.localhost", "/api/v1/categories")).body).data;
  const news = cats.find((c) => c.slug === "tin-tuc-su-kien");
  assert.equal(news.url, `${origin}/chuyen-muc/tin-tuc-su-kien`);
  assert.equal(news.rss, `${origin}/rss/tin-tuc-su-kien.xml`);
  // Nothing names the default site's address.
  for (const body of [home, rss]) assert.ok(!body.includes(p.base), "no link to the default site's host");
  // The default site keeps its configured address.
  assert.match(await (await p.fetch("/robots.txt")).text(), new RegExp(`Sitemap: ${p.base}/sitemap.xml`));
});

test("the directory and /api/v1/sites list the sub-portals with their kind, parent and address", async () => {
  ok("add", "--name", "Xã Lang Quán", "--host", "langquan.localhost", "--kind", "Xã", "--parent", "huyen-yen-son");
  ok("add", "--name", "Sở Thông tin và Truyền thông", "--host", "stttt.localhost", "--kind", "Sở", "--parent", "huyen-yen-son");
  const api = await eventually(async () => {
    const data = (await (await p.fetch("/api/v1/sites")).json()).data;
    return data.length === 7 && data;
  }, "the demo's four sites and the three made here in the API");
  const hung = api.find((s) => s.slug === "xa-lang-quan");
  assert.deepEqual(hung, { id: hung.id, slug: "xa-lang-quan", name: "Xã Lang Quán", kind: "Xã", parent: "huyen-yen-son",
    url: `http://langquan.localhost:${p.port}/` });
  assert.equal(api.find((s) => s.slug === "huyen-yen-son").url, `${p.base}/`);
  const html = await (await p.fetch("/cong-thanh-phan")).text();
  const groups = [...html.matchAll(/<h2 class="section-title" id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(groups, ["Sở", "Xã"]);
  assert.match(html, new RegExp(`<a href="http://langquan\\.localhost:${p.port}/">Xã Lang Quán</a>`));
  assert.match(html, /<a href="http:\/\/kimphu\.localhost:\d+\/">Xã Kim Phú<\/a>/);
  // A sub-portal's directory names the portal it belongs to.
  const sub = (await hostGet("kimphu.localhost", "/cong-thanh-phan")).body;
  assert.match(sub, new RegExp(`Trang này thuộc <a href="${p.base}/">Cổng thông tin điện tử Huyện Yên Sơn</a>`));
  assert.match(sub, /Chưa có cổng thành phần nào/);
  assert.match(await (await p.fetch("/so-do-cong")).text(), /<a href="\/cong-thanh-phan">Cổng thành phần<\/a>/);
  assert.deepEqual(htmlErrors({ directory: html, sub }), []);
  // The tree: the demo's province, its sub-portals, and the ones made here under Yên Sơn.
  const tree = ok("list");
  assert.match(tree, /^tinh-tuyen-quang\ttuyenquang\.localhost\tTỉnh: Tỉnh Tuyên Quang\n  huyen-yen-son\t[^\n]*\(mặc định\)\n    /);
  assert.match(tree, /\n  xa-trung-son\ttrungson\.localhost\tXã: Xã Trung Sơn\n/);
});

test("a site's details change from the command line and its pages follow", async () => {
  ok("set", "xa-kim-phu", "--name", "Xã Kim Phú mới", "--phone", "0207 3822 111");
  const home = await eventually(async () => {
    const r = await hostGet("kimphu.localhost");
    return title(r.body)?.includes("Xã Kim Phú mới") && r;
  }, "the new name");
  assert.match(home.body, /0207 3822 111/);
  ok("set", "xa-kim-phu", "--name", "Xã Kim Phú");
  // A parent that would make a loop, one that does not exist, a host another site has: refused.
  let r = site("set", "huyen-yen-son", "--parent", "xa-kim-phu");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /trang cha không thể là chính trang này hay một trang thuộc nó/);
  r = site("set", "xa-kim-phu", "--parent", "khong-co");
  assert.match(r.stderr, /không có trang cha khong-co/);
  for (const bad of ["kimphu.localhost:81", "-kimphu.localhost", "kimphu..localhost", "kimphu.localhost."]) {
    r = site("set", "xa-kim-phu", "--host", bad);
    assert.match(r.stderr, /tên miền chỉ gồm chữ thường không dấu/, bad);
  }
  r = site("set", "xa-kim-phu", "--host", "langquan.localhost");
  assert.match(r.stderr, /tên miền langquan\.localhost đã có trang Xã Lang Quán/);
});

test("a disabled site answers a notice, its newsroom still opens, and it comes back when enabled", async () => {
  ok("disable", "xa-lang-quan");
  const notice = await eventually(async () => {
    const r = await hostGet("langquan.localhost", "/tin-tuc");
    return r.status === 503 && r;
  }, "the notice");
  assert.match(notice.body, /Cổng thông tin Xã Lang Quán đang tạm ngừng hoạt động/);
  const api = await hostGet("langquan.localhost", "/api/v1/categories");
  assert.equal(api.status, 503);
  assert.equal(JSON.parse(api.body).error.code, "site_disabled");
  assert.equal((await hostGet("langquan.localhost", "/quan-tri/dang-nhap")).status, 200);
  // It leaves the directory and the API's list; other sites go on.
  assert.ok(!(await (await p.fetch("/api/v1/sites")).json()).data.some((s) => s.slug === "xa-lang-quan"));
  assert.equal((await hostGet("kimphu.localhost")).status, 200);
  assert.match(ok("list"), /xa-lang-quan\t.*\(tạm ngừng\)/);
  ok("enable", "xa-lang-quan");
  await eventually(async () => (await hostGet("langquan.localhost")).status === 200, "enabled again");
});

test("a brand colour reaches the site's pages as a stylesheet of its own; one white text cannot sit on is refused", async () => {
  ok("set", "xa-kim-phu", "--brand-color", "#0B5394");
  const home = await eventually(async () => {
    const r = await hostGet("kimphu.localhost");
    return r.body.includes("/giao-dien/mau-0b5394.css") && r;
  }, "the brand stylesheet");
  assert.match(home.body, /<link rel="stylesheet" href="\/giao-dien\/mau-0b5394\.css">/);
  const css = await p.fetch("/giao-dien/mau-0b5394.css");
  assert.equal(css.status, 200);
  assert.match(css.headers.get("content-type"), /^text\/css/);
  assert.match(css.headers.get("cache-control"), /immutable/);
  assert.equal(await css.text(), ":root{--brand:#0b5394;--brand-dark:#083d6e}\n");
  // The default colour needs no stylesheet; nor does any other site.
  assert.doesNotMatch(await (await p.fetch("/")).text(), /giao-dien/);
  for (const bad of ["/giao-dien/mau-0B5394.css", "/giao-dien/mau-xyz.css", "/giao-dien/mau-0b53941.css"])
    assert.equal((await p.fetch(bad)).status, 404, bad);
  let r = site("set", "xa-kim-phu", "--brand-color", "#ffcc00");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /màu #ffcc00 quá sáng: chữ trắng trên nền màu này chỉ đạt độ tương phản 1,5:1, cần ít nhất 4,5:1/);
  r = site("add", "--name", "Xã Sáng", "--host", "sang.localhost", "--brand-color", "vàng");
  assert.match(r.stderr, /màu chủ đạo viết dạng #rrggbb/);
  assert.ok(!ok("list").includes("xa-sang"), "nothing was made");
});

test("the province's search covers its sub-portals, labelled and counted by site; a sub-portal searches itself", async () => {
  // The demo's province and its communes (Xã Trung Sơn and Xã Hùng Lợi have news of their own).
  const province = (path) => hostGet("tuyenquang.localhost", path);
  const all = (await province("/tim-kiem?q=xa")).body;
  const counts = [...all.matchAll(/<li><a href="\/tim-kiem\?q=xa(?:&amp;cong=([a-z-]+))?"(?: aria-current="page")?>([^<]+)<\/a><\/li>/g)]
    .map((m) => [m[1] ?? "", m[2]]);
  assert.deepEqual(counts[0], ["", "Tất cả các cổng"]);
  assert.ok(counts.some(([slug, label]) => slug === "xa-trung-son" && /^Xã Trung Sơn \(\d+\)$/.test(label)), JSON.stringify(counts));
  assert.ok(counts.some(([slug]) => slug === "huyen-yen-son"), "the reference portal is the province's too");
  const trung = `http://trungson.localhost:${p.port}/bai-viet/xa-trung-son-ra-quan-lam-duong-giao-thong-nong-thon`;
  assert.match(all, new RegExp(`<a href="${trung}">Xã Trung Sơn ra quân làm đường giao thông nông thôn</a>`));
  assert.match(all, /<strong class="result-site">Xã Trung Sơn<\/strong>/);
  // Narrowed to one commune: its results alone.
  const one = (await province("/tim-kiem?q=xa&cong=xa-hung-loi")).body;
  const sites = [...one.matchAll(/<strong class="result-site">([^<]+)<\/strong>/g)].map((m) => m[1]);
  assert.ok(sites.length > 0 && sites.every((x) => x === "Xã Hùng Lợi"), sites.join(","));
  assert.match(one, /<a href="\/tim-kiem\?q=xa&amp;cong=xa-hung-loi" aria-current="page">Xã Hùng Lợi \(\d+\)<\/a>/);
  const unknown = await province("/tim-kiem?q=xa&cong=khong-co");
  assert.equal(unknown.status, 400);
  assert.match(unknown.body, /Không có cổng thành phần này\./);
  // The same over the API.
  const api = JSON.parse((await province("/api/v1/search?q=xa")).body);
  assert.ok(api.meta.sites.some((x) => x.slug === "xa-trung-son" && x.count >= 1), JSON.stringify(api.meta));
  assert.ok(api.data.some((x) => x.site === "xa-trung-son" && x.url === trung));
  const narrowed = JSON.parse((await province("/api/v1/search?q=xa&site=xa-hung-loi")).body);
  assert.ok(narrowed.data.length > 0 && narrowed.data.every((x) => x.site === "xa-hung-loi"));
  assert.equal((await province("/api/v1/search?q=xa&site=khong-co")).status, 404);
  // A commune searches itself (and the news the province shared to it, labelled with the
  // province), and offers the province's search.
  const commune = (await hostGet("trungson.localhost", "/tim-kiem?q=xa")).body;
  assert.doesNotMatch(commune, /search-sites/);
  const labels = [...commune.matchAll(/<strong class="result-site">([^<]+)<\/strong>/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(labels)], ["Tỉnh Tuyên Quang"], "only the shared article names a site");
  assert.match(commune, new RegExp(`<a href="http://tuyenquang\\.localhost:${p.port}/tim-kiem\\?q=xa">Tìm “xa” trên Cổng thông tin điện tử Tỉnh Tuyên Quang</a>`));
  assert.deepEqual(htmlErrors({ all, one, commune }), []);
});

test("the province's sidebar lists its sub-portals, and its dashboard their visits; a site without any shows neither", async () => {
  const province = (await hostGet("tuyenquang.localhost")).body;
  const widget = /<section class="widget widget-cong-thanh-phan"[\s\S]*?<\/section>/.exec(province)?.[0];
  assert.ok(widget, "the widget is on the province's pages");
  assert.match(widget, /<h2 class="widget-title" id="w-cong-thanh-phan">Cổng thành phần<\/h2>/);
  assert.match(widget, new RegExp(`<a href="http://trungson\\.localhost:${p.port}/">Xã Trung Sơn</a>`));
  assert.match(widget, /<a href="\/cong-thanh-phan">Tất cả cổng thành phần<\/a>/);
  assert.doesNotMatch((await hostGet("trungson.localhost")).body, /widget-cong-thanh-phan/, "a commune has no sub-portals");
  // A visit to a commune shows on the province's dashboard.
  const ua = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 test";
  await new Promise((resolve, reject) => http.get({ host: "127.0.0.1", port: p.port, path: "/",
    headers: { host: `trungson.localhost:${p.port}`, "user-agent": ua } }, (res) => { res.resume(); res.on("end", resolve); }).on("error", reject));
  execFileSync(bin, ["user", "add", "tinh", "--role", "admin", "--site", "tinh-tuyen-quang", "--password-stdin", "--data", p.dataDir],
    { input: "mat-khau-tinh\n" });
  const cookies = [];
  const request = (method, path, body) => new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: p.port, path, method, headers: {
      host: `tuyenquang.localhost:${p.port}`, cookie: cookies.join("; "),
      ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) } }, (res) => {
      for (const c of res.headers["set-cookie"] ?? []) cookies.push(c.split(";")[0]);
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
  const form = await request("GET", "/quan-tri/dang-nhap");
  const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)[1];
  const signIn = await request("POST", "/quan-tri/dang-nhap", new URLSearchParams({ csrf, ten: "tinh", "mat-khau": "mat-khau-tinh" }).toString());
  assert.equal(signIn.status, 303);
  const dash = await eventually(async () => {
    const r = await request("GET", "/quan-tri");
    return /<th scope="row"><a href="[^"]+">Xã Trung Sơn<\/a><\/th><td>\d+<\/td><td>[1-9]/.test(r.body) && r.body;
  }, "the commune's visit on the province's dashboard");  // visits are flushed once a second
  assert.match(dash, /<h2 id="tc-ctp">Truy cập các cổng thành phần<\/h2>/);
  assert.match(dash, /Xã Trung Sơn/);
  assert.deepEqual(htmlErrors({ province, dash }), []);
});

test("a platform administrator adds, changes and disables a sub-portal from the province's newsroom, effective at once", async () => {
  const tinh = await signedIn(p, "quantri-tinh", "admin", { site: "tinh-tuyen-quang", host: "tuyenquang.localhost", platform: true });
  let page = await (await tinh.fetch("/quan-tri/cong-thanh-phan")).text();
  const csrf = Visitor.csrfOf(page);
  assert.match(page, /<h2 id="ctp-sua-\d+" class="section-title">Xã Trung Sơn<\/h2>/);
  let r = await tinh.post("/quan-tri/cong-thanh-phan", { csrf, ten: "Xã Kim Bình", loai: "Xã", "ten-mien": "kimbinh.localhost",
    mau: "#1f5f8b", "co-quan": "UBND xã Kim Bình" });
  assert.equal(r.status, 303);
  // No waiting: this process made the change.
  let home = await hostGet("kimbinh.localhost");
  assert.equal(title(home.body), "Trang chủ | Cổng thông tin điện tử Xã Kim Bình");
  assert.match(home.body, /\/giao-dien\/mau-1f5f8b\.css/);
  assert.match((await hostGet("tuyenquang.localhost", "/cong-thanh-phan")).body, /Xã Kim Bình/);
  page = await (await tinh.fetch("/quan-tri/cong-thanh-phan")).text();
  const id = [...page.matchAll(/<section class="workflow" id="cong-(\d+)"[\s\S]*?<\/section>/g)]
    .find((m) => m[0].includes('value="Xã Kim Bình"'))[1];
  const fields = { csrf, ten: "Xã Kim Bình", loai: "Xã", "ten-mien": "kimbinh.localhost", mau: "#1f5f8b" };
  // A colour white text cannot sit on, and another site's host: refused with the reason, what was typed kept.
  r = await tinh.post(`/quan-tri/cong-thanh-phan/${id}`, { ...fields, mau: "#f0f0f0" });
  assert.equal(r.status, 422);
  const refused = await r.text();
  assert.match(refused, /Màu #f0f0f0 quá sáng/);
  assert.match(refused, /value="#f0f0f0"/);
  r = await tinh.post(`/quan-tri/cong-thanh-phan/${id}`, { ...fields, "ten-mien": "trungson.localhost" });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Tên miền trungson\.localhost đã có trang Xã Trung Sơn/);
  // The address the default site is served at is not the newsroom's to give away.
  r = await tinh.post(`/quan-tri/cong-thanh-phan/${id}`, { ...fields, "ten-mien": "127.0.0.1" });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /là địa chỉ của cổng chính, không dùng cho cổng thành phần/);
  r = await tinh.post(`/quan-tri/cong-thanh-phan/${id}`, { ...fields, "tam-ngung": "1" });
  assert.equal(r.status, 303);
  home = await hostGet("kimbinh.localhost");
  assert.equal(home.status, 503);
  assert.match(home.body, /Cổng thông tin Xã Kim Bình đang tạm ngừng hoạt động/);
  assert.equal((await hostGet("kimbinh.localhost", "/giao-dien/mau-1f5f8b.css")).status, 200, "the notice keeps its colours");
  const audit = await (await tinh.fetch("/quan-tri/nhat-ky")).text();
  assert.match(audit, /<td>quantri-tinh<\/td><td>Thêm cổng thành phần<\/td>/);
  assert.match(audit, /<td>quantri-tinh<\/td><td>Tạm ngừng cổng thành phần<\/td>/);
  // A site's own administrator manages no sites: the sites are the platform's.
  const yenson = await signedIn(p, "quantri-yenson", "admin");
  const dash = await (await yenson.fetch("/quan-tri")).text();
  assert.doesNotMatch(dash, /href="\/quan-tri\/cong-thanh-phan"/);
  assert.equal((await yenson.fetch("/quan-tri/cong-thanh-phan")).status, 403);
  const own = Visitor.csrfOf(dash);
  const sites = JSON.parse((await hostGet("tuyenquang.localhost", "/api/v1/sites")).body).data;
  const trungSon = sites.find((x) => x.slug === "xa-trung-son");
  r = await yenson.post(`/quan-tri/cong-thanh-phan/${trungSon.id}`, { csrf: own, ten: "Đổi tên", "ten-mien": "x.localhost", mau: "#1f5f8b" });
  assert.equal(r.status, 403);
  // On the reference portal's host, the platform administrator manages that site's sub-portals: not its province, not a sibling.
  const platform = new Visitor(p);
  assert.equal((await platform.signIn("quantri-tinh", "mat-khau-quantri-tinh")).status, 303);
  const csrf2 = Visitor.csrfOf(await (await platform.fetch("/quan-tri/cong-thanh-phan")).text());
  for (const slug of ["tinh-tuyen-quang", "xa-trung-son"]) {
    const other = sites.find((x) => x.slug === slug);
    r = await platform.post(`/quan-tri/cong-thanh-phan/${other.id}`, { csrf: csrf2, ten: "Đổi tên", "ten-mien": "x.localhost", mau: "#1f5f8b" });
    assert.equal(r.status, 404, slug);
  }
  assert.ok(JSON.parse((await hostGet("tuyenquang.localhost", "/api/v1/sites")).body).data.every((x) => x.name !== "Đổi tên"));
  assert.deepEqual(htmlErrors({ page, refused }), []);
});

test("an account holds roles on several sites, each acting only there; a platform administrator acts on every site", async () => {
  const user = (...args) => spawnSync(bin, ["user", ...args, "--data", p.dataDir], { encoding: "utf8", input: "mat-khau-dai-du\n" });
  let r = user("add", "ban-bt", "--role", "editor", "--site", "xa-hung-loi", "--password-stdin");
  assert.equal(r.status, 0, r.stderr);
  r = user("grant", "ban-bt", "--site", "xa-hung-loi", "--on", "xa-trung-son", "--role", "approver");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Tài khoản ban-bt có vai trò .* trên Xã Trung Sơn; đăng nhập tại trungson\.localhost/);
  // On Xã Trung Sơn it is an approver: it publishes there.
  const there = new Visitor(p, { host: "trungson.localhost" });
  assert.equal((await there.signIn("ban-bt", "mat-khau-dai-du")).status, 303);
  const dash = await (await there.fetch("/quan-tri")).text();
  assert.match(dash, /Các cổng bạn làm việc/);
  assert.match(dash, new RegExp(`<a href="http://tuyenquang\\.localhost:${p.port}/xa-hung-loi/quan-tri">Xã Hùng Lợi</a> – Biên tập viên`));
  assert.match(dash, /<strong>Xã Trung Sơn<\/strong> \(đang mở\) – Duyệt bài/);
  const csrf = Visitor.csrfOf(dash);
  const form = await (await there.fetch("/quan-tri/bai-viet/moi")).text();
  const category = /<select id="chuyen-muc"[^>]*>\s*<option value="(\d+)"/.exec(form)[1];
  r = await there.post("/quan-tri/bai-viet/moi", { csrf, "phien-ban": "0", "tieu-de": "Tin do tài khoản hai cổng đăng", "chuyen-muc": category });
  assert.equal(r.status, 303);
  const url = r.headers.get("location").replace(/\?.*/, "");
  r = await there.post(url + "/xuat-ban", { csrf, "phien-ban": "1" });
  assert.equal(r.status, 303);
  assert.match((await hostGet("trungson.localhost", "/")).body, /Tin do tài khoản hai cổng đăng/);
  // On its own site it is an editor, and may not publish; its records there are not reached from Trung Sơn's host.
  const home = new Visitor(p, { host: "tuyenquang.localhost/xa-hung-loi" });
  assert.equal((await home.signIn("ban-bt", "mat-khau-dai-du")).status, 303);
  const homeCsrf = Visitor.csrfOf(await (await home.fetch("/quan-tri")).text());
  r = await home.post("/quan-tri/bai-viet/moi", { csrf: homeCsrf, "phien-ban": "0", "tieu-de": "Bản nháp ở Hùng Lợi",
    "chuyen-muc": /<select id="chuyen-muc"[^>]*>\s*<option value="(\d+)"/.exec(await (await home.fetch("/quan-tri/bai-viet/moi")).text())[1] });
  const own = r.headers.get("location").replace(/\?.*/, "");
  assert.equal((await home.post(own + "/xuat-ban", { csrf: homeCsrf, "phien-ban": "1" })).status, 403);
  assert.equal((await there.fetch(own)).status, 404, "Hùng Lợi's draft is not Trung Sơn's");
  // A name the other site has already is refused.
  assert.equal(user("add", "trung-bt", "--role", "editor", "--site", "xa-trung-son", "--password-stdin").status, 0);
  assert.equal(user("add", "trung-bt", "--role", "editor", "--site", "xa-hung-loi", "--password-stdin").status, 0);
  r = user("grant", "trung-bt", "--site", "xa-hung-loi", "--on", "xa-trung-son", "--role", "editor");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /trang này đã có tài khoản tên trung-bt/);
  // Revoked: its session there ends, and it no longer signs in there.
  r = user("revoke", "ban-bt", "--site", "xa-hung-loi", "--on", "xa-trung-son");
  assert.equal(r.status, 0, r.stderr);
  r = await there.fetch("/quan-tri");
  assert.equal(r.status, 303);
  assert.match(r.headers.get("location"), /\/quan-tri\/dang-nhap/);
  assert.notEqual((await new Visitor(p, { host: "trungson.localhost" }).signIn("ban-bt", "mat-khau-dai-du")).status, 303);
  assert.equal((await home.fetch("/quan-tri")).status, 200, "its own site is untouched");

  // A platform administrator signs in on any site as its administrator.
  r = user("add", "nen-tang", "--role", "editor", "--platform", "--site", "tinh-tuyen-quang", "--password-stdin");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /quản trị nền tảng phải có vai trò admin/);
  assert.equal(user("add", "nen-tang", "--role", "admin", "--platform", "--site", "tinh-tuyen-quang", "--password-stdin").status, 0);
  r = user("add", "nen-tang", "--role", "admin", "--platform", "--site", "xa-hung-loi", "--password-stdin");
  assert.match(r.stderr, /đã có quản trị nền tảng tên này/);
  const platform = new Visitor(p, { host: "tuyenquang.localhost/xa-hung-loi" });
  assert.equal((await platform.signIn("nen-tang", "mat-khau-dai-du")).status, 303);
  const pdash = await (await platform.fetch("/quan-tri")).text();
  assert.match(pdash, /href="\/xa-hung-loi\/quan-tri\/cong-thanh-phan"/);
  assert.match(pdash, /Xã Hùng Lợi<\/strong> \(đang mở\) – Quản trị nền tảng/);
  assert.equal((await platform.fetch("/quan-tri/nhat-ky")).status, 200);
  assert.match(await (await platform.fetch("/quan-tri/nhat-ky")).text(), /Thêm tài khoản/);
  assert.deepEqual(htmlErrors({ dash, pdash }), []);
});

// An image of a site's library, uploaded as its newsroom does; returns its id.
async function uploadImage(v, csrf, file, alt) {
  const form = new FormData();
  form.append("csrf", csrf);
  form.append("mo-ta", alt);
  form.append("tep", new Blob([file], { type: "image/png" }), "anh.png");
  const encoded = new Request("http://upload/", { method: "POST", body: form });  // a sub-portal's host: sent as bytes
  const r = await v.fetch(`/quan-tri/tep?csrf=${csrf}`, { method: "POST", body: Buffer.from(await encoded.arrayBuffer()),
    headers: { "content-type": encoded.headers.get("content-type") } });
  assert.equal(r.status, 303, await r.text());
  const page = await (await v.fetch("/quan-tri/giao-dien")).text();
  return new RegExp(`<option value="(\\d+)">${alt}</option>`).exec(page)[1];
}

test("a site's administrator gives it its own emblem and masthead image, from its library", async () => {
  const admin = await signedIn(p, "quantri-hl", "admin", { site: "xa-hung-loi", host: "tuyenquang.localhost/xa-hung-loi" });
  let page = await (await admin.fetch("/quan-tri/giao-dien")).text();
  const csrf = Visitor.csrfOf(page);
  const logo = await uploadImage(admin, csrf, png(400, 400), "Biểu trưng xã Hùng Lợi");
  const banner = await uploadImage(admin, csrf, png(1800, 400), "Đồi chè Hùng Lợi");
  let r = await admin.post("/quan-tri/giao-dien", { csrf, "bieu-trung": logo, "anh-dau-trang": banner });
  assert.equal(r.status, 303);
  let home = (await hostGet("tuyenquang.localhost", "/xa-hung-loi/")).body;
  assert.match(home, /<img class="logo" src="\/media\/[^"]+-320\.webp" alt="" width="72" height="72">/);
  assert.match(home, /<header class="masthead has-banner">\s*<img class="masthead-image" src="\/media\/[^"]+-800\.webp" srcset="[^"]+1600w" sizes="100vw" alt="">/);
  assert.doesNotMatch(home, /style=/, "no inline styles: the CSP stays strict");
  assert.doesNotMatch((await hostGet("trungson.localhost")).body, /has-banner/, "another site keeps its own");
  assert.deepEqual(htmlErrors({ home }), []);
  // Only images of its own library: another site's, or a document, are refused with the reason.
  const other = await signedIn(p, "quantri-ts2", "admin", { site: "xa-trung-son", host: "trungson.localhost" });
  const theirs = await uploadImage(other, Visitor.csrfOf(await (await other.fetch("/quan-tri/giao-dien")).text()), png(300, 300), "Ảnh của Trung Sơn");
  r = await admin.post("/quan-tri/giao-dien", { csrf, "bieu-trung": theirs, "anh-dau-trang": banner });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /phải là ảnh trong thư viện của trang này/);
  assert.equal((await admin.post("/quan-tri/giao-dien", { csrf, "bieu-trung": "abc" })).status, 400);
  // Back to the theme's.
  r = await admin.post("/quan-tri/giao-dien", { csrf, "bieu-trung": "0", "anh-dau-trang": "0" });
  assert.equal(r.status, 303);
  home = (await hostGet("tuyenquang.localhost", "/xa-hung-loi/")).body;
  assert.doesNotMatch(home, /has-banner|class="logo" src="\/media/);
  page = await (await admin.fetch("/quan-tri/giao-dien")).text();
  assert.deepEqual(htmlErrors({ page }), []);
  // The command line does the same, from an image file.
  const file = join(p.dataDir, "..", `bieu-trung-${process.pid}.png`);
  writeFileSync(file, png(400, 400));
  let out = site("set", "xa-trung-son", "--logo", file);
  assert.equal(out.status, 0, out.stderr);
  home = await eventually(async () => {
    const x = (await hostGet("trungson.localhost")).body;
    return /<img class="logo" src="\/media\/[^"]+-320\.webp"/.test(x) && x;
  }, "the emblem set from the command line");
  writeFileSync(file, "không phải ảnh");
  out = site("set", "xa-trung-son", "--banner", file);
  assert.notEqual(out.status, 0);
  assert.match(out.stderr, /không phải ảnh JPEG, PNG hay WebP/);
  assert.equal(site("set", "xa-trung-son", "--logo", "-").status, 0);
  await eventually(async () => !/class="logo" src="\/media/.test((await hostGet("trungson.localhost")).body), "the theme's emblem again");
  rmSync(file);
});

test("a sub-portal under a path of its parent's host: every link, feed, sitemap, canonical address and cookie follows its address", async () => {
  const at = (path) => hostGet("tuyenquang.localhost", path);
  const origin = `http://tuyenquang.localhost:${p.port}/xa-hung-loi`;
  const home = await at("/xa-hung-loi/");
  assert.equal(home.status, 200);
  assert.equal(title(home.body), "Trang chủ | Cổng thông tin điện tử Xã Hùng Lợi");
  assert.match(home.body, new RegExp(`<link rel="canonical" href="${origin}/">`));
  // Every root-relative address is under its path, but the shared files.
  const stray = [...home.body.matchAll(/(?:href|src|action|data-[a-z]+)="(\/[^"]*)"/g)].map((m) => m[1])
    .filter((u) => !/^\/(xa-hung-loi\/|static\/|media\/|giao-dien\/)/.test(u));
  assert.deepEqual(stray, []);
  assert.match(home.body, /<a href="\/xa-hung-loi\/chuyen-muc\/tin-tuc-su-kien">/);
  assert.match(home.body, /<form class="header-search" method="get" action="\/xa-hung-loi\/tim-kiem"/);
  const article = /<a href="(\/xa-hung-loi\/bai-viet\/[^"]+)">/.exec(home.body)[1];
  const page = await at(article);
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`<link rel="canonical" href="http://tuyenquang\\.localhost:${p.port}${article}">`));
  assert.equal((await at("/xa-hung-loi")).status, 200, "its address without the last slash");
  // Its search, feed and sitemap.
  assert.match((await at("/xa-hung-loi/tim-kiem?q=ch%C3%A8")).body, /Hùng Lợi phát triển vùng chè đặc sản/);
  const rss = (await at("/xa-hung-loi/rss.xml")).body;
  assert.match(rss, new RegExp(`<link>${origin}/bai-viet/`));
  const sitemap = (await at("/xa-hung-loi/sitemap.xml")).body;
  assert.ok([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].every((m) => m[1].startsWith(origin)), sitemap.slice(0, 400));
  const robots = (await at("/robots.txt")).body;
  assert.match(robots, /Disallow: \/xa-hung-loi\/quan-tri/);
  assert.match(robots, new RegExp(`Sitemap: ${origin}/sitemap.xml`));
  assert.match(robots, new RegExp(`Sitemap: http://tuyenquang\\.localhost:${p.port}/sitemap.xml`));
  // The province keeps its own pages; a path that only begins like the sub-portal's is the province's.
  assert.equal(title((await at("/")).body), "Trang chủ | Cổng thông tin điện tử Tỉnh Tuyên Quang");
  assert.equal((await at("/xa-hung-loi-khac")).status, 404);
  assert.match((await at("/xa-hung-loi-khac")).body, /Tỉnh Tuyên Quang/);
  // Its newsroom: the redirect and the session cookie keep to its path.
  execFileSync(bin, ["user", "add", "hl-bt", "--role", "editor", "--site", "xa-hung-loi", "--password-stdin", "--data", p.dataDir],
    { input: "mat-khau-hl-bt\n" });
  const v = new Visitor(p, { host: "tuyenquang.localhost/xa-hung-loi" });
  const form = await (await v.fetch("/quan-tri/dang-nhap")).text();
  assert.match(form, /<form[^>]*action="\/xa-hung-loi\/quan-tri\/dang-nhap"/);
  const r = await v.post("/quan-tri/dang-nhap", { csrf: Visitor.csrfOf(form), ten: "hl-bt", "mat-khau": "mat-khau-hl-bt" });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), "/xa-hung-loi/quan-tri");
  assert.match(r.headers.get("set-cookie"), /phien=[^;]+; Path=\/xa-hung-loi\/quan-tri;/);
  assert.match(await (await v.fetch("/quan-tri")).text(), /Xã Hùng Lợi/);
  assert.equal((await at("/quan-tri")).status, 303, "the province's newsroom is another");
  assert.deepEqual(htmlErrors({ home: home.body, page: page.body }), []);
});

test("a path under the parent's host is made from the command line and the newsroom, never one of the portal's own sections", async () => {
  let r = site("add", "--name", "Phường Minh Xuân", "--kind", "Phường", "--host", "tuyenquang.localhost/phuong-minh-xuan",
    "--parent", "tinh-tuyen-quang");
  assert.equal(r.status, 0, r.stderr);
  const home = await eventually(async () => {
    const x = await hostGet("tuyenquang.localhost", "/phuong-minh-xuan/");
    return title(x.body)?.includes("Phường Minh Xuân") && x;
  }, "the new sub-portal under the province's path");
  assert.match(home.body, /href="\/phuong-minh-xuan\/cong-thanh-phan"|href="\/phuong-minh-xuan\/"/);
  // From the province's newsroom, by a platform administrator: served at once.
  const platform = await signedIn(p, "nen-tang-duong-dan", "admin", { site: "tinh-tuyen-quang", host: "tuyenquang.localhost", platform: true });
  const csrf = Visitor.csrfOf(await (await platform.fetch("/quan-tri/cong-thanh-phan")).text());
  r = await platform.post("/quan-tri/cong-thanh-phan", { csrf, ten: "Xã Thái Long", loai: "Xã", "ten-mien": "tuyenquang.localhost/xa-thai-long", mau: "#1f5f8b" });
  assert.equal(r.status, 303);
  assert.equal(title((await hostGet("tuyenquang.localhost", "/xa-thai-long/")).body), "Trang chủ | Cổng thông tin điện tử Xã Thái Long");
  r = await platform.post("/quan-tri/cong-thanh-phan", { csrf, ten: "Xã Tin", loai: "Xã", "ten-mien": "tuyenquang.localhost/tim-kiem", mau: "#1f5f8b" });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Đường dẫn \/tim-kiem là một mục của cổng/);
  // Under another host than its parent's, or taking a section's address: refused with the reason.
  r = site("add", "--name", "Xã Lạc", "--host", "trungson.localhost/xa-lac", "--parent", "tinh-tuyen-quang");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /nằm dưới tên miền của cổng cha: tuyenquang\.localhost\/xa-lac/);
  const table = execFileSync(bin, ["routes", "--data", p.dataDir], { encoding: "utf8" }).trim().split("\n");
  const sections = new Set(table.map((line) => line.split("\t")[1].split("/")[1]).filter((s) => s && !s.startsWith("{")));
  assert.ok(sections.size > 15, [...sections].join(","));
  for (const segment of sections) {
    r = site("add", "--name", `Xã ${segment}`, "--host", `tuyenquang.localhost/${segment}`, "--parent", "tinh-tuyen-quang");
    assert.notEqual(r.status, 0, segment);
    assert.match(r.stderr, /là một mục của cổng/, segment);
  }
});
