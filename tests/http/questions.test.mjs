// Q&A over HTTP: the public form and its anti-spam guards, tracking codes, moderation in
// the newsroom, publication without personal data, search, the API, and the sender's
// name and contact absent from every public page and API answer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, Visitor, htmlErrors, signedIn } from "../lib/portico.mjs";

let p, editor, reviewer, token;
const NAME = "Hoàng Thị Riêng Tư";
const PHONE = "0912 345 678";
const EMAIL = "rieng.tu@example.vn";

before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\ntrust_proxy = true\nquestions_per_address = 4\n" });
  editor = await signedIn(p, "bientap", "editor");
  reviewer = await signedIn(p, "doc", "reviewer");
  // One form, drawn now and sent after the minimum fill time, serves every submission below.
  token = /name="thoi-diem" value="([^"]+)"/.exec(await (await p.fetch("/hoi-dap/gui")).text())[1];
  p.advance(4);  // past the minimum fill time, on the portal's clock
});
after(async () => { await p.cleanup(); });

let address = 10;
function send(fields, { from = `198.51.100.${address++}`, file, headers = {}, guard = token } = {}) {
  const form = new FormData();
  const all = { "ho-ten": NAME, "lien-he": PHONE, "linh-vuc": "Đất đai – Xây dựng", "tieu-de": "Hỏi về cấp giấy chứng nhận",
    "noi-dung": "Gia đình tôi có thửa đất ở xã Kim Quan, xin hỏi thủ tục cấp giấy chứng nhận lần đầu.", "thoi-diem": guard, ...fields };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) form.append(k, v);
  if (file) form.append("tep", new Blob([file.bytes]), file.name);
  return p.fetch("/hoi-dap/gui", { method: "POST", body: form, redirect: "manual", headers: { "x-forwarded-for": from, ...headers } });
}
const codeOf = (r) => new URL(r.headers.get("location"), p.base).searchParams.get("ma");
const adminId = async (code) => {
  const list = await (await editor.fetch("/quan-tri/hoi-dap?trang-thai=tat-ca")).text();
  return [...list.matchAll(/href="\/quan-tri\/hoi-dap\/(\d+)"/g)].map((m) => m[1]);
};

test("a citizen sends a question and follows it with the tracking code", async () => {
  const r = await send({}, { file: { name: "Sổ đỏ.pdf", bytes: "%PDF-1.4\n%%EOF\n" } });
  assert.equal(r.status, 303, await r.clone().text());
  const code = codeOf(r);
  assert.match(code, /^HD-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  const page = await (await p.fetch(r.headers.get("location"))).text();
  assert.match(page, new RegExp(`Đã nhận câu hỏi của bạn. Mã tra cứu: <strong class="qa-code">${code}</strong>`));
  assert.match(page, /<dt>Tình trạng<\/dt><dd>Đã tiếp nhận, chờ xử lý<\/dd>/);
  assert.match(page, /<meta name="robots" content="noindex">/);
  assert.ok(!page.includes(NAME) && !page.includes(PHONE), "the tracking page never shows the sender");
  // Typed in lower case, without dashes.
  const typed = await p.fetch("/hoi-dap/tra-cuu?ma=" + code.replaceAll("-", "").slice(2).toLowerCase());
  assert.equal(typed.status, 200);
  assert.equal((await p.fetch("/hoi-dap/tra-cuu?ma=HD-ZZZZ-ZZZZ")).status, 404);
  assert.deepEqual(htmlErrors({ status: page, form: await (await p.fetch("/hoi-dap/gui")).text() }), []);
});

test("the anti-spam guards and bad input: clear answers, nothing stored", async () => {
  const before = (await adminId()).length;
  // Sent the instant the form was drawn.
  const fresh = /name="thoi-diem" value="([^"]+)"/.exec(await (await p.fetch("/hoi-dap/gui")).text())[1];
  let r = await send({}, { guard: fresh });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /gửi quá nhanh/);
  // The hidden field filled, as bots do.
  r = await send({ website: "http://spam.example" });
  assert.equal(r.status, 422);
  // A forged or missing time token.
  for (const guard of ["1700000000.00", "", "abc.def", `${Math.floor(Date.now() / 1000) - 10}.${"0".repeat(64)}`]) {
    r = await send({}, { guard });
    assert.equal(r.status, 403, guard);
  }
  // Another site's form.
  r = await send({}, { headers: { origin: "https://evil.example" } });
  assert.equal(r.status, 403);
  // Bad fields: 422, what was typed is kept, the reason is given.
  r = await send({ "lien-he": "khong-phai-email" });
  assert.equal(r.status, 422);
  const form = await r.text();
  assert.match(form, /Cần số điện thoại \(9 đến 15 chữ số\) hoặc địa chỉ thư điện tử hợp lệ\./);
  assert.match(form, /value="Hỏi về cấp giấy chứng nhận"/);
  for (const bad of [{ "linh-vuc": "Chủ đề lạ" }, { "noi-dung": "ngắn" }, { "ho-ten": "" }, { "tieu-de": "x".repeat(300) }])
    assert.equal((await send(bad)).status, 422, JSON.stringify(bad).slice(0, 40));
  // An attachment that is not a document or an image; an oversize body.
  r = await send({}, { file: { name: "x.exe", bytes: "MZ\x90\x00" } });
  assert.equal(r.status, 415);
  r = await send({}, { file: { name: "lon.pdf", bytes: "%PDF-" + "x".repeat(1200000) } });
  assert.equal(r.status, 413);
  assert.equal((await adminId()).length, before, "nothing stored");
});

test("past its budget an address gets 429 with Retry-After; others go on", async () => {
  const from = "203.0.113.50";
  for (let i = 0; i < 4; i++) assert.equal((await send({}, { from })).status, 303, String(i));
  const r = await send({}, { from });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get("retry-after")) > 0);
  assert.match(await r.text(), /Vui lòng thử lại sau \d+ phút/);
  assert.equal((await send({}, { from: "203.0.113.51" })).status, 303);
});

test("moderation: handlers see the sender, assign, answer, publish; the public never sees the sender", async () => {
  const r = await send({ "lien-he": EMAIL, "tieu-de": "Đăng ký thường trú cho con", "linh-vuc": "Hành chính – Tư pháp",
    "noi-dung": "Con tôi mới sinh ở Hà Nội, muốn đăng ký thường trú tại thôn Đồng Bài thì làm thế nào?" });
  const code = codeOf(r);
  assert.equal((await reviewer.fetch("/quan-tri/hoi-dap")).status, 403, "reviewers do not handle questions");
  const queue = await (await editor.fetch("/quan-tri/hoi-dap")).text();
  const id = /href="\/quan-tri\/hoi-dap\/(\d+)">Đăng ký thường trú cho con</.exec(queue)[1];
  let page = await (await editor.fetch(`/quan-tri/hoi-dap/${id}`)).text();
  assert.ok(page.includes(NAME) && page.includes(EMAIL), "handlers see who asked");
  const csrf = Visitor.csrfOf(page);
  // Publishing before an answer is refused.
  let s = await editor.post(`/quan-tri/hoi-dap/${id}/cong-khai`, { csrf });
  assert.equal(s.status, 422);
  assert.equal((await editor.post(`/quan-tri/hoi-dap/${id}/chuyen`, { csrf, "don-vi": "Công an huyện" })).status, 303);
  assert.match(await (await p.fetch("/hoi-dap/tra-cuu?ma=" + code)).text(), /<dd>Đang xử lý<\/dd>[\s\S]*<dd>Công an huyện<\/dd>/);
  s = await editor.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { csrf, "don-vi": "Công an huyện",
    "tra-loi": "Gia đình nộp hồ sơ đăng ký thường trú trực tuyến trên Cổng Dịch vụ công quốc gia.\nHồ sơ gồm giấy khai sinh của cháu." });
  assert.equal(s.status, 303);
  // The sender reads the answer by code before it is published.
  assert.match(await (await p.fetch("/hoi-dap/tra-cuu?ma=" + code)).text(), /Hồ sơ gồm giấy khai sinh của cháu\./);
  assert.equal((await editor.post(`/quan-tri/hoi-dap/${id}/cong-khai`, { csrf })).status, 303);
  const pub = await p.fetch(`/hoi-dap/${id}`);
  assert.equal(pub.status, 200);
  const html = await pub.text();
  assert.match(html, /<h1 id="hd-tieu-de" class="page-heading">Đăng ký thường trú cho con<\/h1>/);
  assert.match(html, /Trả lời của Công an huyện/);
  assert.match(html, /<p>Hồ sơ gồm giấy khai sinh của cháu\.<\/p>/);
  // Searchable, folded.
  assert.match(await (await p.fetch("/hoi-dap?q=thuong+tru")).text(), new RegExp(`href="/hoi-dap/${id}"`));
  // Personal data: absent from every public page and API answer.
  const api = await (await p.fetch("/api/v1/questions?q=" + encodeURIComponent("thường trú"))).json();
  assert.equal(api.data[0].id, Number(id));
  for (const path of ["/", "/hoi-dap", `/hoi-dap/${id}`, "/hoi-dap?q=thuong+tru", "/hoi-dap/tra-cuu?ma=" + code,
    "/api/v1/questions", `/api/v1/questions/${id}`, "/rss.xml", "/sitemap.xml", "/so-do-cong", "/tim-kiem?q=thuong+tru"]) {
    const text = await (await p.fetch(path)).text();
    for (const secret of [NAME, EMAIL, PHONE, "Sổ đỏ", "rieng.tu"]) assert.ok(!text.includes(secret), `${secret} on ${path}`);
  }
  assert.deepEqual(Object.keys(api.data[0]).sort(), ["answer", "asked_at", "department", "id", "published_at", "question", "title", "topic", "url"]);
  // Unpublish: gone from the public at once.
  assert.equal((await editor.post(`/quan-tri/hoi-dap/${id}/an`, { csrf })).status, 303);
  assert.equal((await p.fetch(`/hoi-dap/${id}`)).status, 404);
  assert.deepEqual(htmlErrors({ pub: html, admin: page }), []);
});

test("a rejected question tells its sender why; the attachment is for handlers only", async () => {
  const r = await send({ "tieu-de": "Quảng cáo dịch vụ" }, { file: { name: "Hồ sơ.pdf", bytes: "%PDF-1.4\n%%EOF\n" } });
  const code = codeOf(r);
  const ids = await adminId();
  const id = ids[0];  // newest first
  const page = await (await editor.fetch(`/quan-tri/hoi-dap/${id}`)).text();
  const csrf = Visitor.csrfOf(page);
  const file = await editor.fetch(`/quan-tri/hoi-dap/${id}/tep`);
  assert.equal(file.status, 200);
  assert.match(file.headers.get("content-disposition"), /filename\*=UTF-8''H%E1%BB%93%20s%C6%A1\.pdf/);
  assert.equal(file.headers.get("cache-control"), "no-store");
  assert.notEqual((await p.fetch(`/quan-tri/hoi-dap/${id}/tep`, { redirect: "manual" })).status, 200, "not without a session");
  assert.equal((await reviewer.fetch(`/quan-tri/hoi-dap/${id}/tep`)).status, 403);
  assert.equal((await editor.post(`/quan-tri/hoi-dap/${id}/tu-choi`, { csrf, "ly-do": "" })).status, 422);
  assert.equal((await editor.post(`/quan-tri/hoi-dap/${id}/tu-choi`, { csrf, "ly-do": "Nội dung không phải câu hỏi, góp ý." })).status, 303);
  const status = await (await p.fetch("/hoi-dap/tra-cuu?ma=" + code)).text();
  assert.match(status, /<dd>Không tiếp nhận<\/dd>[\s\S]*<dt>Lý do<\/dt><dd>Nội dung không phải câu hỏi, góp ý\.<\/dd>/);
  assert.equal((await editor.post(`/quan-tri/hoi-dap/${id}/cong-khai`, { csrf: "sai" })).status, 403, "forged form");
});

test("the API: published questions, and a JSON submission with the same rules", async () => {
  const list = await (await p.fetch("/api/v1/questions")).json();
  assert.ok(list.data.length >= 2, "the demo's answered questions");
  const post = (body, from = `192.0.2.${address++}`) => p.fetch("/api/v1/questions", { method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from }, body: typeof body === "string" ? body : JSON.stringify(body) });
  let r = await post({ name: "Trần Văn B", contact: "b@example.vn", topic: "Giáo dục – Đào tạo", title: "Tuyển sinh lớp 6",
    question: "Xin hỏi lịch tuyển sinh lớp 6 năm học tới của huyện?" });
  assert.equal(r.status, 201);
  const body = await r.json();
  assert.match(body.data.code, /^HD-/);
  assert.equal(body.data.status, "new");
  r = await post("{oops");
  assert.equal(r.status, 400);
  r = await post({ name: "B", contact: "x", topic: "?", title: "t", question: "q" });
  assert.equal(r.status, 422);
  assert.ok((await r.json()).error.message.length > 0);
  r = await post({ name: 12 });
  assert.equal(r.status, 400);
  const from = "192.0.2.200";
  for (let i = 0; i < 4; i++) await post({}, from);
  r = await post({}, from);
  assert.equal(r.status, 429);
  assert.ok(r.headers.get("retry-after"));
});
