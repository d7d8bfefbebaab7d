// The editorial workflow through the newsroom's forms: draft, submit, publish, return,
// take down, schedule, conflicts, revisions — and what readers then see.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, htmlErrors } from "../lib/portico.mjs";

let p, editor, approver;

function addUser(name, role) {
  execFileSync(bin, ["user", "add", name, "--role", role, "--password-stdin", "--data", p.dataDir],
    { input: "mat-khau-" + name + "\n" });
}

async function signedIn(name) {
  const v = new Visitor(p);
  assert.equal((await v.signIn(name, "mat-khau-" + name)).status, 303);
  v.csrf = Visitor.csrfOf(await (await v.fetch("/quan-tri")).text());
  return v;
}

async function categoryId(v, slugName) {
  const html = await (await v.fetch("/quan-tri/bai-viet/moi")).text();
  return new RegExp(`<option value="(\\d+)"[^>]*>(?:\u00a0)*${slugName}</option>`).exec(html)[1];
}

async function create(v, fields) {
  const r = await v.post("/quan-tri/bai-viet/moi", { csrf: v.csrf, "phien-ban": "0", ...fields });
  assert.equal(r.status, 303, await r.text());
  const location = r.headers.get("location");
  const url = location.replace(/\?.*/, "");
  const html = await (await v.fetch(location)).text();
  return { url, html, version: /name="phien-ban" value="(\d+)"/.exec(html)[1] };
}

async function versionOf(v, url) {
  return /name="phien-ban" value="(\d+)"/.exec(await (await v.fetch(url)).text())[1];
}

before(async () => {
  p = await Portico.start();
  addUser("bientap", "editor");
  addUser("duyet", "approver");
  editor = await signedIn("bientap");
  approver = await signedIn("duyet");
});
after(async () => { await p.cleanup(); });

test("an editor writes, pasted script is cleaned, the approver publishes, readers see it at once", async () => {
  const cat = await categoryId(editor, "Kinh tế");
  // warm the page cache with the pages that must change
  assert.doesNotMatch(await (await p.fetch("/")).text(), /Sản lượng chè vụ thu/);
  await p.fetch("/chuyen-muc/kinh-te");
  const a = await create(editor, {
    "tieu-de": "Sản lượng chè vụ thu tăng mạnh", "chuyen-muc": cat, sapo: "Vụ thu năm nay được mùa.",
    "noi-dung": '<p class="MsoNormal" onclick="steal()">Đoạn dán từ Word<script>alert(1)</script></p>' +
      '<table><tr><td>Xã</td><td>Tấn</td></tr><tr><td>Trung Sơn</td><td>120</td></tr></table>' +
      '<a href="javascript:alert(2)">xấu</a><img src=x onerror=alert(3)>',
    nguon: "Phòng Kinh tế", "tac-gia": "Phóng viên",
  });
  assert.match(a.html, /Đã lưu./);
  assert.doesNotMatch(a.html, /&lt;script|onclick|onerror|javascript:/);
  // an editor may not publish
  const denied = await editor.post(a.url + "/xuat-ban", { csrf: editor.csrf, "phien-ban": a.version });
  assert.equal(denied.status, 403);
  // submit without the CSRF token: refused
  assert.equal((await editor.post(a.url + "/gui-duyet", { "phien-ban": a.version })).status, 403);
  assert.equal((await editor.post(a.url + "/gui-duyet", { csrf: editor.csrf, "phien-ban": a.version })).status, 303);
  const waiting = await (await approver.fetch("/quan-tri/bai-viet?trang-thai=pending")).text();
  assert.match(waiting, /Sản lượng chè vụ thu tăng mạnh/);
  const v = await versionOf(approver, a.url);
  assert.equal((await approver.post(a.url + "/xuat-ban", { csrf: approver.csrf, "phien-ban": v, "thoi-diem": "" })).status, 303);
  const page = await p.fetch("/bai-viet/san-luong-che-vu-thu-tang-manh");
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<table><tbody><tr><td>Xã<\/td><td>Tấn<\/td><\/tr>/);
  assert.doesNotMatch(html, /alert\(|steal\(|javascript:|onerror/);
  assert.match(await (await p.fetch("/")).text(), /Sản lượng chè vụ thu tăng mạnh/);
  assert.match(await (await p.fetch("/chuyen-muc/kinh-te")).text(), /Sản lượng chè vụ thu tăng mạnh/);
});

test("two people saving the same version: the second gets 409 and keeps their text", async () => {
  const cat = await categoryId(editor, "Thông báo");
  const a = await create(editor, { "tieu-de": "Thông báo lịch họp", "chuyen-muc": cat, "noi-dung": "<p>Bản đầu</p>" });
  const first = await approver.post(a.url, { csrf: approver.csrf, "phien-ban": a.version, "tieu-de": "Thông báo lịch họp (sửa)",
    "chuyen-muc": cat, "noi-dung": "<p>Bản người duyệt</p>" });
  assert.equal(first.status, 303);
  const second = await editor.post(a.url, { csrf: editor.csrf, "phien-ban": a.version, "tieu-de": "Thông báo lịch họp",
    "chuyen-muc": cat, "noi-dung": "<p>Bản biên tập viên</p>" });
  assert.equal(second.status, 409);
  const html = await second.text();
  assert.match(html, /vừa được người khác lưu/);
  assert.match(html, /Bản biên tập viên/, "the user's text is still in the form");
});

test("invalid input is 422 with the message, and nothing is saved", async () => {
  const r = await editor.post("/quan-tri/bai-viet/moi", { csrf: editor.csrf, "phien-ban": "0", "tieu-de": "", "chuyen-muc": "1" });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Tiêu đề cần có/);
  const bad = await editor.post("/quan-tri/bai-viet/moi", { csrf: editor.csrf, "phien-ban": "0", "tieu-de": "Có tiêu đề", "chuyen-muc": "99999" });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Chuyên mục không hợp lệ/);
  for (const id of ["abc", "0", "-1", "99999999"]) assert.equal((await editor.fetch("/quan-tri/bai-viet/" + id)).status, 404, id);
  assert.equal((await editor.fetch("/quan-tri/bai-viet?trang-thai=khac")).status, 400);
  assert.equal((await editor.post("/quan-tri/bai-viet/1/lam-gi-do", { csrf: editor.csrf })).status, 404);
});

test("return with a comment, then take down with a reason: the URL answers 410", async () => {
  const cat = await categoryId(editor, "Kinh tế");
  const a = await create(editor, { "tieu-de": "Giá lúa tuần này", "chuyen-muc": cat, "noi-dung": "<p>Giá ổn định.</p>" });
  await editor.post(a.url + "/gui-duyet", { csrf: editor.csrf, "phien-ban": a.version });
  let v = await versionOf(approver, a.url);
  const noComment = await approver.post(a.url + "/tra-lai", { csrf: approver.csrf, "phien-ban": v, "ly-do": "" });
  assert.equal(noComment.status, 422);
  assert.equal((await approver.post(a.url + "/tra-lai", { csrf: approver.csrf, "phien-ban": v, "ly-do": "Thiếu nguồn số liệu" })).status, 303);
  assert.match(await (await editor.fetch(a.url)).text(), /Lý do trả lại:<\/strong> Thiếu nguồn số liệu/);
  v = await versionOf(approver, a.url);
  await approver.post(a.url + "/xuat-ban", { csrf: approver.csrf, "phien-ban": v });
  assert.equal((await p.fetch("/bai-viet/gia-lua-tuan-nay")).status, 200);
  v = await versionOf(approver, a.url);
  assert.equal((await approver.post(a.url + "/go-bai", { csrf: approver.csrf, "phien-ban": v, "ly-do": "Số liệu sai" })).status, 303);
  assert.equal((await p.fetch("/bai-viet/gia-lua-tuan-nay")).status, 410);
  assert.doesNotMatch(await (await p.fetch("/chuyen-muc/kinh-te")).text(), /Giá lúa tuần này/);
  const audit = await (await signedInAdmin()).fetch("/quan-tri/nhat-ky");
  const log = await audit.text();
  for (const s of ["Gửi duyệt", "Trả lại", "Xuất bản", "Gỡ bài", "Số liệu sai", "Thiếu nguồn số liệu"]) assert.ok(log.includes(s), s);
});

async function signedInAdmin() {
  try { addUser("quantri", "admin"); } catch { /* already there */ }
  return signedIn("quantri");
}

test("a scheduled article appears on cached pages when its time comes, with nobody publishing it", async () => {
  const cat = await categoryId(editor, "Thông báo");
  const a = await create(editor, { "tieu-de": "Thông báo nghỉ lễ", "chuyen-muc": cat, "noi-dung": "<p>Nghỉ lễ.</p>" });
  const v = await versionOf(approver, a.url);
  // Published for an hour from now, as Hà Nội writes the time.
  const at = Math.floor(Date.now() / 1000) + 3600;
  const local = new Date((at + 7 * 3600) * 1000).toISOString().slice(0, 16);
  const r = await approver.post(a.url + "/xuat-ban", { csrf: approver.csrf, "phien-ban": v, "thoi-diem": local });
  assert.equal(r.status, 303);
  assert.equal((await p.fetch("/bai-viet/thong-bao-nghi-le")).status, 404);
  assert.doesNotMatch(await (await p.fetch("/chuyen-muc/thong-bao")).text(), /Thông báo nghỉ lễ/);  // now cached
  assert.match(await (await approver.fetch("/quan-tri")).text(), /Hẹn giờ xuất bản[\s\S]*Thông báo nghỉ lễ/);
  // The portal's clock reaches the scheduled time; the scheduler (once a second) drops the pages.
  p.advance(3600 + 60);
  const deadline = Date.now() + 10000;
  let seen = false;
  while (!seen && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 100));
    seen = /Thông báo nghỉ lễ/.test(await (await p.fetch("/chuyen-muc/thong-bao")).text());
  }
  assert.ok(seen, "the cached category page shows the article after its time");
  assert.equal((await p.fetch("/bai-viet/thong-bao-nghi-le")).status, 200);
});

test("revisions list what changed and restore an older version", async () => {
  const cat = await categoryId(editor, "Kinh tế");
  const a = await create(editor, { "tieu-de": "Chợ phiên", "chuyen-muc": cat, "noi-dung": "<p>Đoạn một.</p>" });
  await editor.post(a.url, { csrf: editor.csrf, "phien-ban": a.version, "tieu-de": "Chợ phiên vùng cao", "chuyen-muc": cat,
    "noi-dung": "<p>Đoạn một.</p><p>Đoạn hai.</p>" });
  const revs = await (await editor.fetch(a.url + "/phien-ban")).text();
  assert.match(revs, /Phiên bản 2/);
  assert.match(revs, /class="diff-add"><span class="visually-hidden">Thêm: <\/span>Đoạn hai./);
  assert.match(revs, /class="diff-del"><span class="visually-hidden">Bỏ: <\/span>Chợ phiên</);
  const v = await versionOf(editor, a.url);
  assert.equal((await editor.post(a.url + "/khoi-phuc", { csrf: editor.csrf, "phien-ban": v, "khoi-phuc": "1" })).status, 303);
  const html = await (await editor.fetch(a.url)).text();
  assert.match(html, /value="Chợ phiên"/);
  assert.doesNotMatch(html, /Đoạn hai/);
  assert.match(await (await editor.fetch(a.url + "/phien-ban")).text(), /Phiên bản 3/);
});

test("newsroom editor pages have no HTML errors", async () => {
  const cat = await categoryId(editor, "Kinh tế");
  const a = await create(editor, { "tieu-de": "Kiểm tra HTML", "chuyen-muc": cat, "noi-dung": "<p>x</p>" });
  const pages = {
    list: await (await editor.fetch("/quan-tri/bai-viet")).text(),
    new: await (await editor.fetch("/quan-tri/bai-viet/moi")).text(),
    edit: a.html,
    approver_view: await (await approver.fetch(a.url)).text(),
    revisions: await (await editor.fetch(a.url + "/phien-ban")).text(),
    invalid: await (await editor.post("/quan-tri/bai-viet/moi", { csrf: editor.csrf, "tieu-de": "" })).text(),
  };
  assert.deepEqual(htmlErrors(pages), []);
});

test("a signed preview link shows a draft to anyone who has it, and nothing else does", async () => {
  const cat = await categoryId(editor, "Kinh tế");
  const a = await create(editor, { "tieu-de": "Bài chưa xuất bản để xem trước", "chuyen-muc": cat, "noi-dung": "<p>Nội dung nháp.</p>" });
  const link = /href="(\/xem-truoc\/\d+\?het-han=\d+&amp;chu-ky=[0-9a-f]{64})"/.exec(a.html)[1].replace("&amp;", "&");
  const r = await p.fetch(link);  // no session: a colleague or a leader with the link
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("cache-control"), "no-store");
  const html = await r.text();
  assert.match(html, /Bản xem trước:/);
  assert.match(html, /<meta name="robots" content="noindex">/);
  assert.match(html, /Nội dung nháp./);
  // One hex digit of the signature changed (to another digit: the same one would be the same link).
  const forged = link.replace(/chu-ky=(.)/, (_, d) => "chu-ky=" + (d === "0" ? "1" : "0"));
  assert.equal((await p.fetch(forged)).status, 403);
  assert.equal((await p.fetch(link.replace(/het-han=\d+/, "het-han=9999999999"))).status, 403);
  assert.equal((await p.fetch(link.split("?")[0])).status, 403);
  assert.equal((await p.fetch("/bai-viet/bai-chua-xuat-ban-de-xem-truoc")).status, 404);
  assert.deepEqual(htmlErrors({ preview: html }), []);
});

test("the accessibility check shows on the editor and blocks submitting images without alt text", async () => {
  const cat = await categoryId(editor, "Kinh tế");
  const a = await create(editor, { "tieu-de": "Bài có ảnh thiếu mô tả", "chuyen-muc": cat,
    "noi-dung": '<h3>Mở đầu</h3><p><img src="/media/chi-bo-ghenh-na.svg"></p>' });
  assert.match(a.html, /Kiểm tra tiếp cận/);
  assert.match(a.html, /Cần sửa trước khi gửi duyệt:<\/strong> Ảnh thứ 1 chưa có mô tả/);
  assert.match(a.html, /Nên sửa: Tiêu đề cấp 3 đứng sau cấp 1/);
  const r = await editor.post(a.url + "/gui-duyet", { csrf: editor.csrf, "phien-ban": a.version });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Chưa đạt kiểm tra tiếp cận: Ảnh thứ 1 chưa có mô tả/);
});

test("the editor can choose related articles; unknown ids are refused", async () => {
  const cat = await categoryId(editor, "Kinh tế");
  const bad = await editor.post("/quan-tri/bai-viet/moi", { csrf: editor.csrf, "phien-ban": "0", "tieu-de": "Sai liên quan",
    "chuyen-muc": cat, "tin-lien-quan": "1, abc" });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Tin liên quan không hợp lệ: abc/);
  const a = await create(approver, { "tieu-de": "Giá phân bón giảm", "chuyen-muc": cat, "noi-dung": "<p>x</p>", "tin-lien-quan": "1" });
  assert.match(a.html, /name="tin-lien-quan" type="text" inputmode="numeric" value="1"/);
  await approver.post(a.url + "/xuat-ban", { csrf: approver.csrf, "phien-ban": a.version });
  const page = await (await p.fetch("/bai-viet/gia-phan-bon-giam")).text();
  const related = page.slice(page.indexOf("Tin liên quan"));
  assert.match(related, /<ul class="related-list">\s*<li><a href="\/bai-viet\/go-kho-phat-trien-dang-vien">/);
});
