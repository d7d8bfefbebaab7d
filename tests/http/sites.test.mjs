// The province and its sub-portals over HTTP: sites made and changed from the command line
// while the server runs (seen within a second or two, no restart), reached by their own host
// names, the directory of sub-portals and /api/v1/sites, a disabled site's notice, and each
// site's brand colour with its contrast checked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFileSync, spawnSync } from "node:child_process";
import { Portico, bin, htmlErrors } from "../lib/portico.mjs";

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
  const out = ok("add", "--name", "Xã Trung Sơn", "--host", "trungson.localhost", "--kind", "Xã", "--parent", "huyen-yen-son");
  assert.match(out, /Đã tạo trang Xã Trung Sơn \(xa-trung-son, trungson\.localhost\)/);
  const home = await eventually(async () => {
    const r = await hostGet("trungson.localhost");
    return title(r.body)?.includes("Xã Trung Sơn") && r;
  }, "the new site's home page");
  assert.equal(home.status, 200);
  assert.equal(title(home.body), "Trang chủ | Cổng thông tin điện tử Xã Trung Sơn");
  assert.doesNotMatch(home.body, /Gò Khô phát triển đảng viên/, "a new site starts with no articles");
  // The default site still answers its own address and unknown hosts.
  assert.match(title(await (await p.fetch("/")).text()), /Huyện Yên Sơn/);
  assert.match(title((await hostGet("khong-co.localhost")).body), /Huyện Yên Sơn/);
  assert.deepEqual(htmlErrors({ home: home.body }), []);
});

test("the directory and /api/v1/sites list the sub-portals with their kind, parent and address", async () => {
  ok("add", "--name", "Xã Hùng Lợi", "--host", "hungloi.localhost", "--kind", "Xã", "--parent", "huyen-yen-son");
  ok("add", "--name", "Sở Thông tin và Truyền thông", "--host", "stttt.localhost", "--kind", "Sở", "--parent", "huyen-yen-son");
  const api = await eventually(async () => {
    const data = (await (await p.fetch("/api/v1/sites")).json()).data;
    return data.length === 4 && data;
  }, "four sites in the API");
  const hung = api.find((s) => s.slug === "xa-hung-loi");
  assert.deepEqual(hung, { id: hung.id, slug: "xa-hung-loi", name: "Xã Hùng Lợi", kind: "Xã", parent: "huyen-yen-son",
    url: `http://hungloi.localhost:${p.port}/` });
  assert.equal(api.find((s) => s.slug === "huyen-yen-son").url, `${p.base}/`);
  const html = await (await p.fetch("/cong-thanh-phan")).text();
  const groups = [...html.matchAll(/<h2 class="section-title" id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(groups, ["Sở", "Xã"]);
  assert.match(html, new RegExp(`<a href="http://hungloi\\.localhost:${p.port}/">Xã Hùng Lợi</a>`));
  assert.match(html, /<a href="http:\/\/trungson\.localhost:\d+\/">Xã Trung Sơn<\/a>/);
  // A sub-portal's directory names the portal it belongs to.
  const sub = (await hostGet("trungson.localhost", "/cong-thanh-phan")).body;
  assert.match(sub, new RegExp(`Trang này thuộc <a href="${p.base}/">Cổng thông tin điện tử Huyện Yên Sơn</a>`));
  assert.match(sub, /Chưa có cổng thành phần nào/);
  assert.match(await (await p.fetch("/so-do-cong")).text(), /<a href="\/cong-thanh-phan">Cổng thành phần<\/a>/);
  assert.deepEqual(htmlErrors({ directory: html, sub }), []);
  assert.match(ok("list"), /^huyen-yen-son\t.*\n  (so-thong-tin-va-truyen-thong|xa-hung-loi|xa-trung-son)\t/m);
});

test("a site's details change from the command line and its pages follow", async () => {
  ok("set", "xa-trung-son", "--name", "Xã Trung Sơn mới", "--phone", "0207 3822 111");
  const home = await eventually(async () => {
    const r = await hostGet("trungson.localhost");
    return title(r.body)?.includes("Xã Trung Sơn mới") && r;
  }, "the new name");
  assert.match(home.body, /0207 3822 111/);
  ok("set", "xa-trung-son", "--name", "Xã Trung Sơn");
  // A parent that would make a loop, one that does not exist, a host another site has: refused.
  let r = site("set", "huyen-yen-son", "--parent", "xa-trung-son");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /trang cha không thể là chính trang này hay một trang thuộc nó/);
  r = site("set", "xa-trung-son", "--parent", "khong-co");
  assert.match(r.stderr, /không có trang cha khong-co/);
  r = site("set", "xa-trung-son", "--host", "hungloi.localhost");
  assert.match(r.stderr, /tên miền hungloi\.localhost đã có trang Xã Hùng Lợi/);
});

test("a disabled site answers a notice, its newsroom still opens, and it comes back when enabled", async () => {
  ok("disable", "xa-hung-loi");
  const notice = await eventually(async () => {
    const r = await hostGet("hungloi.localhost", "/tin-tuc");
    return r.status === 503 && r;
  }, "the notice");
  assert.match(notice.body, /Cổng thông tin Xã Hùng Lợi đang tạm ngừng hoạt động/);
  const api = await hostGet("hungloi.localhost", "/api/v1/categories");
  assert.equal(api.status, 503);
  assert.equal(JSON.parse(api.body).error.code, "site_disabled");
  assert.equal((await hostGet("hungloi.localhost", "/quan-tri/dang-nhap")).status, 200);
  // It leaves the directory and the API's list; other sites go on.
  assert.ok(!(await (await p.fetch("/api/v1/sites")).json()).data.some((s) => s.slug === "xa-hung-loi"));
  assert.equal((await hostGet("trungson.localhost")).status, 200);
  assert.match(ok("list"), /xa-hung-loi\t.*\(tạm ngừng\)/);
  ok("enable", "xa-hung-loi");
  await eventually(async () => (await hostGet("hungloi.localhost")).status === 200, "enabled again");
});

test("a brand colour reaches the site's pages as a stylesheet of its own; one white text cannot sit on is refused", async () => {
  ok("set", "xa-trung-son", "--brand-color", "#0B5394");
  const home = await eventually(async () => {
    const r = await hostGet("trungson.localhost");
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
  let r = site("set", "xa-trung-son", "--brand-color", "#ffcc00");
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /màu #ffcc00 quá sáng: chữ trắng trên nền màu này chỉ đạt độ tương phản 1,5:1, cần ít nhất 4,5:1/);
  r = site("add", "--name", "Xã Sáng", "--host", "sang.localhost", "--brand-color", "vàng");
  assert.match(r.stderr, /màu chủ đạo viết dạng #rrggbb/);
  assert.ok(!ok("list").includes("xa-sang"), "nothing was made");
});
