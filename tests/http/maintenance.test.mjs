// Maintenance (the newsroom's "Vận hành" page and `portico site set`): a notice shown on
// every page from its time until its end, a read-only mode in which every write gets a
// Vietnamese 503 while pages keep serving, and the EMC monitoring script, loaded by every
// page with its host, and no other, added to the Content-Security-Policy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, signedIn } from "../lib/portico.mjs";

let p, admin;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  admin = await signedIn(p, "quantri", "admin");
});
after(async () => { await p.cleanup(); });

const operations = async (fields) => {
  const form = await (await admin.fetch("/quan-tri/van-hanh")).text();
  return admin.post("/quan-tri/van-hanh", { csrf: Visitor.csrfOf(form), "thong-bao": "", "hien-tu": "", "hien-den": "",
    "ma-theo-doi": "", ...fields });
};
// "2026-12-10T08:00" in Hà Nội, `hours` from the portal's now.
const local = (hours) => new Date(Date.now() + hours * 3600e3 + 7 * 3600e3).toISOString().slice(0, 16);
const NOTICE = "Cổng thông tin tạm ngừng để bảo trì từ 22:00 đến 23:00 ngày 20/12/2026.";
const shows = async (path) => (await (await p.fetch(path)).text()).includes(NOTICE);

test("a notice shows on every page from its time until its end", async () => {
  const r = await operations({ "thong-bao": NOTICE, "hien-tu": local(2), "hien-den": local(5) });
  assert.equal(r.status, 303);
  assert.equal(await shows("/"), false, "not before its time");
  p.advance(2 * 3600 + 60);
  await new Promise((r) => setTimeout(r, 1200));  // the scheduler's second drops the cached pages
  for (const path of ["/", "/bai-viet/go-kho-phat-trien-dang-vien", "/van-ban", "/hoi-dap", "/en", "/khong-co-trang-nay"])
    assert.ok(await shows(path), path);
  const html = await (await p.fetch("/")).text();
  assert.match(html, /<div class="maintenance-notice" role="region" aria-label="Thông báo bảo trì"><p class="wrap">Cổng thông tin tạm ngừng/);
  p.advance(3 * 3600);
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal(await shows("/"), false, "not after its end");
  // The form refuses an end before the start and a time that is not one, and keeps what was typed.
  const bad = await operations({ "thong-bao": NOTICE, "hien-tu": local(5), "hien-den": local(4) });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /thôi hiện thông báo phải sau/);
  assert.equal((await operations({ "thong-bao": NOTICE, "hien-tu": "mai" })).status, 422);
  assert.equal((await operations({})).status, 303);
});

test("read-only: every write is refused with a Vietnamese 503, pages serve, sign-in and the setting still work", async () => {
  assert.equal((await operations({ "chi-doc": "1", "thong-bao": "Đang bảo trì." })).status, 303);
  const visitor = new Visitor(p);
  assert.equal((await visitor.fetch("/")).status, 200);
  assert.equal((await visitor.fetch("/api/v1/articles")).status, 200);
  const rating = await p.fetch("/api/v1/articles/2/ratings", { method: "POST",
    headers: { "content-type": "application/json", origin: p.base }, body: JSON.stringify({ stars: 5 }) });
  assert.equal(rating.status, 503);
  assert.equal(rating.headers.get("retry-after"), "600");
  const body = await rating.json();
  assert.equal(body.error.code, "read_only");
  assert.match(body.error.message, /đang bảo trì/);
  const question = await visitor.post("/hoi-dap/gui", { "ho-ten": "Lê C", "noi-dung": "Xin hỏi" });
  assert.equal(question.status, 503);
  assert.match(await question.text(), /đang bảo trì: tạm thời chỉ xem được/);
  // The newsroom: a write is refused, signing in is not.
  const editor = await signedIn(p, "bientap", "editor");
  assert.equal((await editor.fetch("/quan-tri")).status, 200, "signed in during maintenance");
  const form = await (await editor.fetch("/quan-tri/bai-viet/moi")).text();
  const draft = await editor.post("/quan-tri/bai-viet/moi", { csrf: Visitor.csrfOf(form), "tieu-de": "Tin mới" });
  assert.equal(draft.status, 503);
  // The display settings are a cookie, not a write.
  assert.notEqual((await visitor.post("/hien-thi", { "co-chu": "tang", ve: "/" })).status, 503);
  // The administrator ends it from the same page.
  assert.equal((await operations({})).status, 303);
  const after = await p.fetch("/api/v1/articles/2/ratings", { method: "POST",
    headers: { "content-type": "application/json", origin: p.base }, body: JSON.stringify({ stars: 5 }) });
  assert.equal(after.status, 201);
});

test("the command line sets and ends the same, for a site by its slug", async () => {
  execFileSync(bin, ["site", "set", "huyen-yen-son", "--read-only", "on", "--notice", "Bảo trì hệ thống.", "--data", p.dataDir]);
  const deadline = Date.now() + 3000;  // a running server sees a site's change within a second
  while (!(await shows("/").then(() => p.fetch("/")).then((r) => r.text())).includes("Bảo trì hệ thống.") && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  assert.match(await (await p.fetch("/")).text(), /Bảo trì hệ thống\./);
  const r = await p.fetch("/api/v1/articles/3/ratings", { method: "POST",
    headers: { "content-type": "application/json", origin: p.base }, body: JSON.stringify({ stars: 4 }) });
  assert.equal(r.status, 503);
  assert.throws(() => execFileSync(bin, ["site", "set", "huyen-yen-son", "--read-only", "co", "--data", p.dataDir], { stdio: "pipe" }));
  execFileSync(bin, ["site", "set", "huyen-yen-son", "--read-only", "off", "--notice", "", "--data", p.dataDir]);
});

test("the EMC monitoring script: loaded by every page, its host alone added to the policy", async () => {
  const before = (await p.fetch("/")).headers.get("content-security-policy");
  assert.doesNotMatch(before, /emc\.example\.vn/);
  for (const bad of ["http://emc.example.vn/a.js", "javascript:alert(1)", "https://emc.example.vn/a.js\" onload=\"x",
                     "https://*.example.vn/a.js", "https://emc.example.vn/a.js; script-src *"]) {
    const r = await operations({ "ma-theo-doi": bad });
    assert.equal(r.status, 422, bad);
  }
  assert.equal((await operations({ "ma-theo-doi": "https://emc.example.vn/giam-sat.js?ma=yenson" })).status, 303);
  const deadline = Date.now() + 3000;
  let page;
  do {
    page = await p.fetch("/bai-viet/go-kho-phat-trien-dang-vien");
  } while (!(page.headers.get("content-security-policy") ?? "").includes("emc.example.vn") && Date.now() < deadline);
  const policies = page.headers.get("content-security-policy");
  assert.ok(!policies.includes(", "), "one policy, not the server's and another");
  const script = /script-src ([^;]+)/.exec(policies)[1];
  assert.equal(script, "'self' https://emc.example.vn");
  assert.match(/connect-src ([^;]+)/.exec(policies)[1], /https:\/\/emc\.example\.vn/);
  assert.match(await page.text(), /<script src="https:\/\/emc\.example\.vn\/giam-sat\.js\?ma=yenson" async><\/script>/);
  // Another site of the installation is not monitored by this site's script.
  const other = await p.fetch("/", { host: "trungson.localhost" });
  assert.doesNotMatch(other.headers.get("content-security-policy"), /emc\.example\.vn/);
  assert.equal((await operations({})).status, 303);
});
