// Drafts open for public comment and the leaders' work schedule over HTTP: comments with
// the public forms' guards, the deadline enforced by the store, commenters' personal data
// kept to handlers, and the schedule week by week, edited in the newsroom.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, Visitor, htmlErrors, signedIn } from "../lib/portico.mjs";

let p, editor, reviewer, token;
const OPEN = "/lay-y-kien/du-thao-quy-che-quan-ly-van-hanh-cong-thong-tin-dien-tu-huyen-yen-son";
const CLOSED = "/lay-y-kien/du-thao-ke-hoach-chuyen-doi-so-huyen-yen-son-nam-2026";
const NAME = "Đỗ Văn Góp Ý";
const MAIL = "gop.y@example.vn";

before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\ntrust_proxy = true\n" });
  editor = await signedIn(p, "bientap", "editor");
  reviewer = await signedIn(p, "doc", "reviewer");
  token = /name="thoi-diem" value="([^"]+)"/.exec(await (await p.fetch(OPEN)).text())[1];
  p.advance(4);  // past the minimum fill time, on the portal's clock
});
after(async () => { await p.cleanup(); });

let address = 10;
const comment = (path, fields = {}, headers = {}) => p.fetch(path + "/gop-y", {
  method: "POST", redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.51.100.${address++}`, ...headers },
  body: new URLSearchParams({ "ho-ten": NAME, "lien-he": MAIL, "noi-dung": "Đề nghị bổ sung quy định về thời hạn cập nhật thông tin.",
    "thoi-diem": token, ...fields }).toString(),
});

test("the drafts: open ones with their deadline, closed ones apart", async () => {
  const html = await (await p.fetch("/lay-y-kien")).text();
  const [open, closed] = html.split("Đã hết hạn góp ý");
  assert.match(open, /Dự thảo Quy chế quản lý, vận hành/);
  assert.match(open, /Hạn góp ý <time datetime="[^"]+">[^<]+<\/time> \(còn \d+ ngày\)/);
  assert.match(closed, /Dự thảo Kế hoạch chuyển đổi số/);
  const page = await (await p.fetch(OPEN)).text();
  assert.match(page, /<h1 id="dt-tieu-de" class="page-heading">Dự thảo Quy chế/);
  assert.match(page, /<form class="form qa-form" method="post" action="[^"]+\/gop-y"/);
  const old = await (await p.fetch(CLOSED)).text();
  assert.match(old, /Dự thảo đã hết hạn nhận góp ý\./);
  assert.doesNotMatch(old, /<form class="form qa-form"/);
  assert.deepEqual(htmlErrors({ list: html, open: page, closed: old }), []);
});

test("a comment is taken with the guards; a late one is refused and not stored", async () => {
  let r = await comment(OPEN);
  assert.equal(r.status, 303);
  assert.match(r.headers.get("location"), /\?da-gui=1#gop-y$/);
  const thanks = await (await p.fetch(r.headers.get("location").split("#")[0])).text();
  assert.match(thanks, /Cảm ơn bạn đã góp ý/);
  assert.match(thanks, /<dt>Số ý kiến đã nhận<\/dt><dd>1<\/dd>/);
  assert.ok(!thanks.includes(NAME) && !thanks.includes(MAIL), "commenters stay private");
  assert.equal((await comment(OPEN, { website: "x" })).status, 422);
  assert.equal((await comment(OPEN, { "thoi-diem": "123.456" })).status, 403);
  assert.equal((await comment(OPEN, { "lien-he": "abc" })).status, 422);
  assert.equal((await comment(OPEN, { "noi-dung": "ngắn" })).status, 422);
  assert.equal((await comment(OPEN, {}, { origin: "https://evil.example" })).status, 403);
  r = await comment(CLOSED);
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Đã hết thời hạn góp ý cho dự thảo này\./);
  const id = /href="\/quan-tri\/lay-y-kien\/(\d+)"[^>]*>Dự thảo Quy chế/.exec(await (await editor.fetch("/quan-tri/lay-y-kien")).text())[1];
  // Handlers read the comment with its sender; reviewers cannot edit drafts at all.
  const admin = await (await editor.fetch(`/quan-tri/lay-y-kien/${id}`)).text();
  assert.ok(admin.includes(NAME) && admin.includes(MAIL));
  assert.equal((await reviewer.fetch(`/quan-tri/lay-y-kien/${id}`)).status, 403);
  for (const path of ["/", "/lay-y-kien", OPEN, "/so-do-cong", "/rss.xml"])
    assert.ok(!(await (await p.fetch(path)).text()).includes(MAIL), path);
});

test("editors add a draft; bad dates are refused", async () => {
  const form = await (await editor.fetch("/quan-tri/lay-y-kien/moi")).text();
  const csrf = Visitor.csrfOf(form);
  let r = await editor.post("/quan-tri/lay-y-kien", { csrf, ten: "Dự thảo thử", "bat-dau": "2026-12-10T08:00", han: "2026-12-01T08:00" });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Hạn góp ý phải sau thời gian bắt đầu\./);
  r = await editor.post("/quan-tri/lay-y-kien", { csrf, ten: "Dự thảo thử", "bat-dau": "2026-01-01T08:00", han: "2099-01-01T08:00",
    "noi-dung": "<p>Điều 1.</p><script>x()</script>" });
  assert.equal(r.status, 303);
  const page = await (await p.fetch("/lay-y-kien/du-thao-thu")).text();
  assert.match(page, /<p>Điều 1\.<\/p>/);
  assert.doesNotMatch(page, /x\(\)/);
  assert.deepEqual(htmlErrors({ form }), []);
});

test("the work schedule: this week by default, other weeks by date, edited in the newsroom", async () => {
  const week = await (await p.fetch("/lich-cong-tac")).text();
  assert.match(week, /<h1 class="page-heading">Lịch công tác tuần \d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}<\/h1>/);
  assert.match(week, /Giao ban lãnh đạo UBND huyện đầu tuần/);
  assert.equal([...week.matchAll(/<section class="schedule-day/g)].length, 7);
  assert.match(week, /<h2 id="lct-[\d-]+" class="section-title">Thứ Hai, /);
  const next = /<a href="(\/lich-cong-tac\?tuan=[\d-]+)" rel="next">/.exec(week)[1];
  const later = await (await p.fetch(next)).text();
  assert.doesNotMatch(later, /Giao ban lãnh đạo/);
  assert.equal((await p.fetch("/lich-cong-tac?tuan=2026-13-01")).status, 400);
  // Any day of a week shows that week, Monday first.
  assert.match(await (await p.fetch("/lich-cong-tac?tuan=2026-12-03")).text(), /Lịch công tác tuần 30\/11\/2026 – 06\/12\/2026/);
  // A week of its own, far from the demo's (this week's), so that the only engagement there is ours.
  const admin = await (await editor.fetch("/quan-tri/lich-cong-tac?tuan=2027-03-03")).text();
  const csrf = Visitor.csrfOf(admin);
  let r = await editor.post("/quan-tri/lich-cong-tac", { csrf, tuan: "2027-03-01", "thoi-gian": "2027-03-03T09:30",
    "lanh-dao": "Bí thư Huyện ủy", "noi-dung": "Dự lễ khánh thành trường mầm non Hoa Sen", "dia-diem": "Xã Phú Thịnh" });
  assert.equal(r.status, 303);
  const public_ = await (await p.fetch("/lich-cong-tac?tuan=2027-03-03")).text();
  assert.match(public_, /<h2 id="lct-2027-03-03" class="section-title">Thứ Tư, <time datetime="2027-03-03">03\/03\/2027<\/time><\/h2>[\s\S]*?09:30[\s\S]*?Dự lễ khánh thành trường mầm non Hoa Sen/);
  r = await editor.post("/quan-tri/lich-cong-tac", { csrf, "thoi-gian": "", "lanh-dao": "", "noi-dung": "" });
  assert.equal(r.status, 422);
  const id = /action="\/quan-tri\/lich-cong-tac\/(\d+)"/.exec(await (await editor.fetch("/quan-tri/lich-cong-tac?tuan=2027-03-03")).text())[1];
  r = await editor.post(`/quan-tri/lich-cong-tac/${id}`, { csrf, tuan: "2027-03-03" });
  assert.equal(r.status, 303);
  assert.doesNotMatch(await (await p.fetch("/lich-cong-tac?tuan=2027-03-03")).text(), /Hoa Sen/);
  assert.deepEqual(htmlErrors({ week, admin }), []);
});

// Last: it moves the portal's clock a month on.
test("the deadline passes while the form is open in a browser: refused, nothing stored", async () => {
  const before = await (await p.fetch(OPEN)).text();
  const count = /<dt>Số ý kiến đã nhận<\/dt><dd>(\d+)<\/dd>/.exec(before)[1];
  p.advance(31 * 86400);  // the draft closes 30 days after the demo was made
  const r = await comment(OPEN);
  assert.equal(r.status, 409);
  assert.match(await r.text(), /Đã hết thời hạn góp ý cho dự thảo này\./);
  const after = await (await p.fetch(OPEN)).text();  // drawn per visit
  assert.match(after, /Đã hết hạn góp ý/);
  assert.match(after, new RegExp(`<dt>Số ý kiến đã nhận</dt><dd>${count}</dd>`));
});
