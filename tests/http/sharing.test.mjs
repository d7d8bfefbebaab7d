// News across the tree of sites over HTTP. Down: the province's approver shares an article
// to chosen communes; it appears in their lists, search and API search, its canonical
// address is the original, and edits and take-down follow at once. Up: a commune's
// approver proposes an article ("Tin từ cơ sở"); the province declines it with a reason or
// takes it (a copy, published, its source named and linked).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, Visitor, htmlErrors, signedIn } from "../lib/portico.mjs";

// Xã Hùng Lợi is served under a path of the province's host (p.fetch puts the path first).
const TINH = "tuyenquang.localhost", TRUNG_SON = "trungson.localhost", HUNG_LOI = "tuyenquang.localhost/xa-hung-loi";
let p, tinh, trungSon;

async function session(name, site, host) {
  const v = await signedIn(p, name, "approver", { site, host });
  v.csrf = Visitor.csrfOf(await (await v.fetch("/quan-tri")).text());
  assert.ok(v.csrf, `${name} signed in`);
  return v;
}

// A published article of the signed-in account's site: its newsroom address and public slug.
async function publish(v, title, body) {
  const form = await (await v.fetch("/quan-tri/bai-viet/moi")).text();
  const category = /<option value="(\d+)"[^>]*>Tin tức/.exec(form)?.[1] ?? /<select id="chuyen-muc"[^>]*>\s*<option value="(\d+)"/.exec(form)[1];
  let r = await v.post("/quan-tri/bai-viet/moi", { csrf: v.csrf, "phien-ban": "0", "tieu-de": title, "chuyen-muc": category,
    sapo: "Tin thử nghiệm chia sẻ.", "noi-dung": `<p>${body}</p>` });
  assert.equal(r.status, 303, await r.text());
  const url = r.headers.get("location").replace(/\?.*/, "");
  const version = /name="phien-ban" value="(\d+)"/.exec(await (await v.fetch(url)).text())[1];
  r = await v.post(url + "/xuat-ban", { csrf: v.csrf, "phien-ban": version, "thoi-diem": "" });
  assert.equal(r.status, 303);
  const page = await (await v.fetch(url)).text();
  return { url, slug: /href="\/bai-viet\/([^"]+)"/.exec(page)[1], page };
}

// The province's audit log, as its administrator reads it.
let tinhAdmin;
async function auditLog() {
  tinhAdmin ??= await signedIn(p, "quantritinh", "admin", { site: "tinh-tuyen-quang", host: TINH });
  return (await tinhAdmin.fetch("/quan-tri/nhat-ky")).text();
}

const text = async (host, path) => {
  const r = await p.fetch(path, { host });
  return { status: r.status, body: await r.text() };
};

before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  tinh = await session("duyettinh", "tinh-tuyen-quang", TINH);
  trungSon = await session("duyettrungson", "xa-trung-son", TRUNG_SON);
});
after(async () => { await p.cleanup(); });

test("the demo's province shares one article to its communes, drawn in each commune's frame", async () => {
  for (const [host, under] of [[TRUNG_SON, ""], [HUNG_LOI, "/xa-hung-loi"]]) {
    const home = await text(host, "/");
    assert.match(home.body, new RegExp(`<a href="${under}/tin-chia-se">Tin từ Tỉnh Tuyên Quang</a>`), host);
    const slug = new RegExp(`href="${under}/tin-chia-se/([^"]+)"`).exec(home.body)[1];
    const page = await text(host, `/tin-chia-se/${slug}`);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`<link rel="canonical" href="http://${TINH}:${p.port}/bai-viet/${slug}">`));
    assert.match(page.body, /Tin từ Cổng thông tin điện tử Tỉnh Tuyên Quang: <a href="http:\/\/tuyenquang\.localhost:\d+\/bai-viet\//);
    assert.match(page.body, host === TRUNG_SON ? /Xã Trung Sơn/ : /Xã Hùng Lợi/, "the commune's own frame");
    assert.doesNotMatch(page.body, /class="rating"/, "rated on its own site");
    const list = await text(host, "/tin-chia-se");
    assert.match(list.body, new RegExp(`href="${under}/tin-chia-se/${slug}"`));
    assert.deepEqual(htmlErrors({ home: home.body, page: page.body, list: list.body }), []);
  }
  // The reference portal is not among them.
  assert.doesNotMatch((await text(undefined, "/")).body, /tin-chia-se/);
  assert.equal((await text(undefined, "/tin-chia-se/tuyen-quang-trien-khai-mo-hinh-chinh-quyen-dia-phuong-hai-cap")).status, 404);
});

test("a shared article appears on the chosen commune, follows edits and take-down at once", async () => {
  const a = await publish(tinh, "Tỉnh hướng dẫn phòng chống bão số chín",
    'Các xã chủ động sơ tán dân vùng trũng thấp, theo <a href="/van-ban">văn bản của tỉnh</a>.');
  const ids = Object.fromEntries([...a.page.matchAll(/id="chia-se-(\d+)"[^>]*><label for="chia-se-\d+">([^<]+)</g)].map((m) => [m[2], m[1]]));
  assert.ok(ids["Xã Trung Sơn"] && ids["Xã Hùng Lợi"] && ids["Huyện Yên Sơn"], JSON.stringify(ids));
  // Warm the communes' caches: sharing must drop them.
  await text(TRUNG_SON, "/");
  await text(HUNG_LOI, "/");
  // Only the province's own sub-portals: another id is refused and nothing changes.
  let r = await tinh.post(a.url + "/chia-se", { csrf: tinh.csrf, cong: "987654" });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /chỉ chia sẻ được tới các cổng thành phần của cổng này/i);
  r = await tinh.post(a.url + "/chia-se", { csrf: tinh.csrf, cong: ids["Xã Trung Sơn"] });
  assert.equal(r.status, 303);
  assert.match(await (await tinh.fetch(a.url)).text(), /<input id="chia-se-\d+" name="cong" type="checkbox" value="\d+" checked><label for="chia-se-\d+">Xã Trung Sơn/);

  assert.match((await text(TRUNG_SON, "/")).body, /bão số chín/);
  assert.doesNotMatch((await text(HUNG_LOI, "/")).body, /bão số chín/, "not shared there");
  const shared = `/tin-chia-se/${a.slug}`;
  const sharedPage = await text(TRUNG_SON, shared);
  assert.equal(sharedPage.status, 200);
  // Its own links lead to the province, not to the commune's pages of the same name.
  assert.match(sharedPage.body, new RegExp(`<a href="http://${TINH}:${p.port}/van-ban">văn bản của tỉnh</a>`));
  assert.equal((await text(HUNG_LOI, shared)).status, 404);
  // Found by the commune's search and API search, with its address there and its site.
  const search = (await text(TRUNG_SON, "/tim-kiem?q=" + encodeURIComponent("bão số chín"))).body;
  assert.match(search, new RegExp(`href="${shared}"`));
  assert.match(search, /Tỉnh Tuyên Quang/);
  const api = await (await p.fetch("/api/v1/search?q=" + encodeURIComponent("sơ tán"), { host: TRUNG_SON })).json();
  const hit = api.data.find((x) => x.title.includes("bão số chín"));
  assert.equal(hit.url, `http://${TRUNG_SON}:${p.port}${shared}`);
  assert.equal(hit.site, "tinh-tuyen-quang");

  // An edit at the province shows on the commune at once (its cached page goes).
  const version = /name="phien-ban" value="(\d+)"/.exec(await (await tinh.fetch(a.url)).text())[1];
  const form = await (await tinh.fetch(a.url)).text();
  const category = /<option value="(\d+)" selected>/.exec(form)[1];
  r = await tinh.post(a.url, { csrf: tinh.csrf, "phien-ban": version, "tieu-de": "Tỉnh hướng dẫn phòng chống bão số chín (cập nhật)",
    "chuyen-muc": category, sapo: "Tin thử nghiệm chia sẻ.", "noi-dung": "<p>Các xã chủ động sơ tán dân vùng trũng thấp.</p>" });
  assert.equal(r.status, 303);
  assert.match((await text(TRUNG_SON, shared)).body, /bão số chín \(cập nhật\)/);
  assert.match((await text(TRUNG_SON, "/")).body, /bão số chín \(cập nhật\)/);

  // "All communes" shares to every sub-portal.
  r = await tinh.post(a.url + "/chia-se", { csrf: tinh.csrf, "tat-ca": "1" });
  assert.equal(r.status, 303);
  assert.equal((await text(HUNG_LOI, shared)).status, 200);

  // Taken down at the province: gone from the communes at once.
  const v2 = /name="phien-ban" value="(\d+)"/.exec(await (await tinh.fetch(a.url)).text())[1];
  r = await tinh.post(a.url + "/go-bai", { csrf: tinh.csrf, "phien-ban": v2, "ly-do": "Thông tin đã cũ" });
  assert.equal(r.status, 303);
  assert.equal((await text(TRUNG_SON, shared)).status, 410);
  assert.doesNotMatch((await text(HUNG_LOI, "/")).body, /bão số chín/);
  assert.doesNotMatch((await text(TRUNG_SON, "/tim-kiem?q=" + encodeURIComponent("bão số chín"))).body, new RegExp(`href="${shared}"`));

  // Unshared: the commune no longer has it.
  const b = await publish(tinh, "Lịch tiếp công dân tháng mười hai", "Lãnh đạo tỉnh tiếp công dân định kỳ.");
  await tinh.post(b.url + "/chia-se", { csrf: tinh.csrf, cong: ids["Xã Hùng Lợi"] });
  assert.equal((await text(HUNG_LOI, `/tin-chia-se/${b.slug}`)).status, 200);
  await tinh.post(b.url + "/chia-se", { csrf: tinh.csrf });
  assert.equal((await text(HUNG_LOI, `/tin-chia-se/${b.slug}`)).status, 404);
  assert.match(await auditLog(), /Chia sẻ tới cổng thành phần/);
});

test("a commune proposes an article up; the province declines it with a reason, then takes it", async () => {
  const a = await publish(trungSon, "Trung Sơn hoàn thành bê tông hoá đường thôn Đồng Mán", "Con đường dài hai cây số đã thông xe.");
  assert.match(a.page, /Đề xuất lên Cổng thông tin điện tử Tỉnh Tuyên Quang/);
  let r = await trungSon.post(a.url + "/de-xuat", { csrf: trungSon.csrf, "loi-nhan": "Đề nghị đăng mục Tin từ cơ sở" });
  assert.equal(r.status, 303);
  // One pending proposal an article at a time.
  r = await trungSon.post(a.url + "/de-xuat", { csrf: trungSon.csrf });
  assert.equal(r.status, 409);
  assert.match(await r.text(), /đang chờ cổng cấp trên xem xét/);

  let inbox = await (await tinh.fetch("/quan-tri/tin-tu-co-so")).text();
  assert.match(inbox, /Tin từ cơ sở <span class="count">1<span class="visually-hidden"> đang chờ<\/span><\/span><\/a>/, "the menu says one waits");
  assert.match(inbox, /Trung Sơn hoàn thành bê tông hoá đường thôn Đồng Mán/);
  assert.match(inbox, /Từ Xã Trung Sơn/);
  assert.match(inbox, /Lời nhắn: Đề nghị đăng mục Tin từ cơ sở/);
  assert.match(inbox, new RegExp(`href="http://${TRUNG_SON}:${p.port}/bai-viet/${a.slug}"`));
  const id = /action="\/quan-tri\/tin-tu-co-so\/(\d+)\/tu-choi"/.exec(inbox)[1];
  // Another site's approver cannot see or decide it.
  const other = await session("duyethungloi", "xa-hung-loi", HUNG_LOI);
  assert.equal((await other.post(`/quan-tri/tin-tu-co-so/${id}/tu-choi`, { csrf: other.csrf, "ly-do": "x" })).status, 404);
  assert.doesNotMatch(await (await other.fetch("/quan-tri/tin-tu-co-so")).text(), /Đồng Mán/);

  // Declining needs a reason, which the commune then reads.
  r = await tinh.post(`/quan-tri/tin-tu-co-so/${id}/tu-choi`, { csrf: tinh.csrf, "ly-do": "  " });
  assert.equal(r.status, 422);
  r = await tinh.post(`/quan-tri/tin-tu-co-so/${id}/tu-choi`, { csrf: tinh.csrf, "ly-do": "Cần thêm ảnh và số liệu" });
  assert.equal(r.status, 303);
  assert.match(await (await trungSon.fetch(a.url)).text(), /Bị từ chối \([^)]*\): Cần thêm ảnh và số liệu/);
  r = await tinh.post(`/quan-tri/tin-tu-co-so/${id}/tu-choi`, { csrf: tinh.csrf, "ly-do": "lần nữa" });
  assert.equal(r.status, 409, "decided once");

  // Proposed again, and taken into one of the province's categories: a published copy.
  assert.equal((await trungSon.post(a.url + "/de-xuat", { csrf: trungSon.csrf })).status, 303);
  inbox = await (await tinh.fetch("/quan-tri/tin-tu-co-so")).text();
  const again = /action="\/quan-tri\/tin-tu-co-so\/(\d+)\/nhan"/.exec(inbox)[1];
  const category = new RegExp(`id="nhan-${again}"[^>]*><option value="(\\d+)"`).exec(inbox)[1];
  r = await tinh.post(`/quan-tri/tin-tu-co-so/${again}/nhan`, { csrf: tinh.csrf, "chuyen-muc": "987654" });
  assert.equal(r.status, 422, "a category of the province");
  r = await tinh.post(`/quan-tri/tin-tu-co-so/${again}/nhan`, { csrf: tinh.csrf, "chuyen-muc": category });
  assert.equal(r.status, 303);
  const copy = await (await tinh.fetch(r.headers.get("location"))).text();
  assert.match(copy, /Đã xuất bản/);
  const slug = /href="\/bai-viet\/([^"]+)"/.exec(copy)[1];
  const page = await text(TINH, `/bai-viet/${slug}`);
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`Nguồn: <a href="http://${TRUNG_SON}:${p.port}/bai-viet/${a.slug}">Cổng thông tin điện tử Xã Trung Sơn</a>`));
  assert.match(page.body, /Con đường dài hai cây số đã thông xe/);
  assert.deepEqual(htmlErrors({ copy: page.body }), []);
  assert.equal((await tinh.post(`/quan-tri/tin-tu-co-so/${again}/nhan`, { csrf: tinh.csrf, "chuyen-muc": category })).status, 409);
  assert.match(await (await trungSon.fetch(a.url)).text(), /Đã được nhận đăng/);
  inbox = await (await tinh.fetch("/quan-tri/tin-tu-co-so")).text();
  assert.match(inbox, /Không có đề xuất nào đang chờ/);
  assert.deepEqual(htmlErrors({ inbox }), []);
  const log = await auditLog();
  for (const s of ["Nhận tin từ cơ sở", "Từ chối tin từ cơ sở"]) assert.match(log, new RegExp(s));
});

test("only a published article of a site with a portal above can be proposed", async () => {
  // The province has no portal above it: no panel, and a forged post is refused.
  const top = await publish(tinh, "Tin của tỉnh không có cấp trên", "Nội dung.");
  assert.doesNotMatch(top.page, /Đề xuất lên/);
  assert.equal((await tinh.post(top.url + "/de-xuat", { csrf: tinh.csrf })).status, 422);
  // A draft cannot be proposed.
  const form = await (await trungSon.fetch("/quan-tri/bai-viet/moi")).text();
  const category = /<select id="chuyen-muc"[^>]*>\s*<option value="(\d+)"/.exec(form)?.[1] ?? /<option value="(\d+)"/.exec(form)[1];
  const r = await trungSon.post("/quan-tri/bai-viet/moi", { csrf: trungSon.csrf, "phien-ban": "0", "tieu-de": "Bản nháp", "chuyen-muc": category });
  const url = r.headers.get("location").replace(/\?.*/, "");
  const refused = await trungSon.post(url + "/de-xuat", { csrf: trungSon.csrf });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /chỉ đề xuất được bài viết đã xuất bản/i);
  // A reviewer may not propose or share.
  const reviewer = await signedIn(p, "xemxet", "reviewer", { site: "xa-trung-son", host: TRUNG_SON });
  const csrf = Visitor.csrfOf(await (await reviewer.fetch("/quan-tri")).text());
  assert.equal((await reviewer.post(url + "/de-xuat", { csrf })).status, 403);
});
