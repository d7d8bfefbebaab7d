// The legal-document register over HTTP: the public list's filters and search, a document
// page, downloads under their Vietnamese names, the newsroom's form (fields, attachments,
// wrong types, oversize bodies) and the CSV import with its per-row report.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, Visitor, htmlErrors, signedIn } from "../lib/portico.mjs";

let p, editor, reviewer;
before(async () => {
  p = await Portico.start({ config: "upload_limit = 200000\nweather_interval_s = 0\n" });
  editor = await signedIn(p, "bientap", "editor");
  editor.csrf = Visitor.csrfOf(await (await editor.fetch("/quan-tri/van-ban")).text());
  reviewer = await signedIn(p, "doc", "reviewer");
});
after(async () => { await p.cleanup(); });

const PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const page = async (path) => { const r = await p.fetch(path); return { status: r.status, html: await r.text() }; };
const titles = (html) => [...html.matchAll(/<h2 class="doc-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

function save(v, fields, files = [], path = "/quan-tri/tep/van-ban") {
  const form = new FormData();
  form.append("csrf", v.csrf ?? "");
  for (const [k, val] of Object.entries(fields)) form.append(k, val);
  for (const f of files) form.append("tep", new Blob([f.bytes]), f.name);
  return v.fetch(path, { method: "POST", body: form });
}

function importCsv(v, text) {
  const form = new FormData();
  form.append("csrf", v.csrf);
  form.append("tep", new Blob([text], { type: "text/csv" }), "van-ban.csv");
  return v.fetch("/quan-tri/tep/nhap-van-ban", { method: "POST", body: form });
}

test("the public list: newest first, filters with counts, folded search, clear errors", async () => {
  const all = await page("/van-ban");
  assert.equal(all.status, 200);
  assert.match(all.html, /Có 6 văn bản, mới ban hành trước\./);
  assert.equal(titles(all.html)[0], "Thông báo số 45/TB-UBND");
  assert.match(all.html, /<option value="Quyết định">Quyết định \(2\)<\/option>/);
  assert.match(all.html, /<option value="bi-thay-the">Bị thay thế \(1\)<\/option>/);
  // Each filter, alone and together.
  assert.deepEqual(titles((await page("/van-ban?loai=" + encodeURIComponent("Quyết định"))).html),
    ["Quyết định số 15/QĐ-UBND", "Quyết định số 09/QĐ-UBND"]);
  assert.deepEqual(titles((await page("/van-ban?hieu-luc=bi-thay-the")).html), ["Quyết định số 09/QĐ-UBND"]);
  assert.deepEqual(titles((await page("/van-ban?hieu-luc=het-hieu-luc")).html), ["Kế hoạch số 120/KH-UBND"]);
  assert.deepEqual(titles((await page("/van-ban?nam=2021&linh-vuc=" + encodeURIComponent("Xây dựng Đảng"))).html), ["Đề án số 03-ĐA/TU"]);
  const issuer = await page("/van-ban?co-quan=" + encodeURIComponent("Ban Bí thư Trung ương Đảng"));
  assert.deepEqual(titles(issuer.html), ["Chỉ thị số 28-CT/TW"]);
  // The type facet still counts every type under the other filters; the chosen one is selected.
  const chosen = await page("/van-ban?loai=" + encodeURIComponent("Chỉ thị"));
  assert.match(chosen.html, /<option value="Chỉ thị" selected>Chỉ thị \(1\)<\/option>/);
  assert.match(chosen.html, /<option value="Quyết định">Quyết định \(2\)<\/option>/);
  assert.match(chosen.html, /<a class="clear-filters" href="\/van-ban">Xoá điều kiện<\/a>/);
  // Search: with or without accents, by number, in any case; NFD like NFC.
  for (const q of ["dang vien", "ĐẢNG VIÊN", "03-da/tu", "đảng viên".normalize("NFD")])
    assert.ok(titles((await page("/van-ban?q=" + encodeURIComponent(q))).html).includes("Đề án số 03-ĐA/TU"), q);
  const none = await page("/van-ban?q=khongcogi");
  assert.equal(none.status, 200);
  assert.match(none.html, /Không có văn bản nào phù hợp\./);
  for (const bad of ["nam=20", "nam=abcd", "hieu-luc=mai-mai", "trang=0", "q=%22%22"]) {
    const r = await page("/van-ban?" + bad);
    assert.equal(r.status, 400, bad);
    assert.match(r.html, /<div class="notice" role="alert"><p>[^<]+<\/p><\/div>/, bad);
  }
  assert.equal((await page("/van-ban?trang=9")).status, 404);
  assert.deepEqual(htmlErrors({ list: all.html, filtered: chosen.html }), []);
});

test("a document page shows every field, its state, its replacement and its files", async () => {
  const old = await page("/van-ban/quyet-dinh-09-qd-ubnd");
  assert.equal(old.status, 200);
  assert.match(old.html, /<h1 id="vb-tieu-de" class="page-heading">Quyết định số 09\/QĐ-UBND<\/h1>/);
  assert.match(old.html, /<dt>Cơ quan ban hành<\/dt><dd>Ủy ban nhân dân huyện Yên Sơn<\/dd>/);
  assert.match(old.html, /<dt>Ngày ban hành<\/dt><dd><time datetime="2016-08-10">10\/08\/2016<\/time><\/dd>/);
  assert.match(old.html, /Bị thay thế<\/span> – thay thế bởi <a href="\/van-ban\/quyet-dinh-15-qd-ubnd">văn bản số 15\/QĐ-UBND<\/a>/);
  const plan = await page("/van-ban/de-an-03-da-tu");
  const link = /<a href="(\/van-ban\/de-an-03-da-tu\/tep\/\d+)" download>Đề án 03-ĐA-TU \(minh hoạ\)\.pdf<\/a> <span class="file-meta">\(PDF, \d+ B\)<\/span>/.exec(plan.html);
  assert.ok(link, "the attachment is listed with its kind and size");
  const file = await p.fetch(link[1]);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get("content-type"), "application/pdf");
  assert.equal(file.headers.get("content-disposition"),
    `attachment; filename="de an 03-da-tu (minh hoa).pdf"; filename*=UTF-8''${encodeURIComponent("Đề án 03-ĐA-TU (minh hoạ).pdf").replace(/[()]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())}`);
  assert.ok((await file.text()).startsWith("%PDF-"));
  assert.equal((await p.fetch("/van-ban/de-an-03-da-tu/tep/999")).status, 404);
  assert.equal((await p.fetch("/van-ban/de-an-03-da-tu/tep/abc")).status, 404);
  assert.equal((await p.fetch("/van-ban/khong-co")).status, 404);
  assert.deepEqual(htmlErrors({ old: old.html, plan: plan.html }), []);
});

test("editors add a document with attachments; wrong types and oversize bodies change nothing", async () => {
  assert.equal((await reviewer.fetch("/quan-tri/van-ban")).status, 403, "reviewers do not manage documents");
  const fields = { so: "27/QĐ-UBND", loai: "Quyết định", "co-quan": "Ủy ban nhân dân huyện Yên Sơn", "nguoi-ky": "Nguyễn Văn A",
    "linh-vuc": "Giáo dục", "trich-yeu": "Phê duyệt kế hoạch tuyển sinh năm học 2026–2027", "ngay-ban-hanh": "2026-11-02",
    "toan-van": "<p>Điều 1.<script>alert(1)</script></p>" };
  // A file that is not a document: 415, and the document is not created.
  let r = await save(editor, fields, [{ name: "virus.pdf", bytes: "MZ\x90\x00 not a pdf" }]);
  assert.equal(r.status, 415);
  assert.match(await r.text(), /không phải PDF, Word, Excel, PowerPoint hoặc OpenDocument/);
  assert.doesNotMatch((await page("/van-ban?q=tuyen+sinh")).html, /27\/QĐ-UBND/);
  // Over the upload limit: 413 before the handler sees it.
  r = await save(editor, fields, [{ name: "lon.pdf", bytes: PDF + "x".repeat(250000) }]);
  assert.equal(r.status, 413);
  assert.doesNotMatch((await page("/van-ban?q=tuyen+sinh")).html, /27\/QĐ-UBND/);
  // A forged form: no CSRF token.
  r = await save({ ...editor, csrf: "", fetch: editor.fetch.bind(editor) }, fields);
  assert.equal(r.status, 403);
  // Missing fields and bad dates: 422 with the reason, the typed values kept.
  r = await save(editor, { ...fields, "ngay-ban-hanh": "" });
  assert.equal(r.status, 422);
  const form = await r.text();
  assert.match(form, /Ngày ban hành cần có\./);
  assert.match(form, /value="27\/QĐ-UBND"/);
  r = await save(editor, { ...fields, "ngay-het-hieu-luc": "2026-01-01" });
  assert.equal(r.status, 422);
  // The good one, with a Vietnamese file name.
  r = await save(editor, fields, [{ name: "Kế hoạch tuyển sinh.pdf", bytes: PDF }]);
  assert.equal(r.status, 303, await r.clone().text());
  const edit = r.headers.get("location");
  assert.match(edit, /^\/quan-tri\/van-ban\/\d+\?da-luu=1$/);
  const pub = await page("/van-ban/quyet-dinh-27-qd-ubnd");
  assert.equal(pub.status, 200);
  assert.match(pub.html, /<p>Điều 1\.<\/p>/);
  assert.doesNotMatch(pub.html, /alert\(1\)/);
  const file = /<a href="([^"]+)" download>Kế hoạch tuyển sinh\.pdf<\/a>/.exec(pub.html);
  assert.ok(file);
  assert.match((await p.fetch(file[1])).headers.get("content-disposition"), /filename\*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch/);
  assert.ok(titles((await page("/van-ban?q=tuyen+sinh")).html).includes("Quyết định số 27/QĐ-UBND"));
  // The same number from the same body again: 409.
  r = await save(editor, fields);
  assert.equal(r.status, 409);
  // Edit: replaced by 15/QĐ-UBND, the file removed; the public page follows at once.
  const id = edit.match(/\d+/)[0];
  const fileId = file[1].split("/").at(-1);
  r = await save(editor, { ...fields, "thay-the-boi": "15/QĐ-UBND", "xoa-tep": fileId }, [], `/quan-tri/tep/van-ban/${id}`);
  assert.equal(r.status, 303);
  const after = await page("/van-ban/quyet-dinh-27-qd-ubnd");
  assert.match(after.html, /Bị thay thế/);
  assert.doesNotMatch(after.html, /Tệp đính kèm/);
  assert.equal((await p.fetch(file[1])).status, 404);
  // Delete.
  r = await save(editor, { xoa: "1" }, [], `/quan-tri/tep/van-ban/${id}`);
  assert.equal(r.status, 303);
  assert.equal((await p.fetch("/van-ban/quyet-dinh-27-qd-ubnd")).status, 404);
  assert.deepEqual(htmlErrors({ form, list: await (await editor.fetch("/quan-tri/van-ban")).text() }), []);
});

test("CSV import: every bad row reported with its line and reason, and nothing half-imported", async () => {
  const before = (await (await p.fetch("/api/v1/documents")).json()).meta.total;
  const bad = [
    "Số/ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu",
    "101/KH-UBND,Kế hoạch,UBND huyện Yên Sơn,01/02/2026,Dòng tốt",
    "102/KH-UBND,Kế hoạch,UBND huyện Yên Sơn,30/02/2026,Ngày không có thật",
    ",Kế hoạch,UBND huyện Yên Sơn,01/02/2026,Thiếu số",
    "15/QĐ-UBND,Quyết định,Ủy ban nhân dân huyện Yên Sơn,05/08/2021,Đã có trong hệ thống",
    "101/KH-UBND,Kế hoạch,UBND huyện Yên Sơn,01/02/2026,Trùng dòng 2",
  ].join("\r\n");
  let r = await importCsv(editor, bad);
  assert.equal(r.status, 422);
  const report = await r.text();
  assert.match(report, /Không nhập văn bản nào: 4 dòng có lỗi/);
  const rows = [...report.matchAll(/<tr><td>(\d+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(rows.map((x) => x[0]), [3, 4, 5, 6]);
  assert.match(rows[0][1], /Ngày ban hành &quot;30\/02\/2026&quot; không phải ngày hợp lệ/);
  assert.match(rows[1][1], /Số\/ký hiệu cần có/);
  assert.match(rows[2][1], /Đã có văn bản số 15\/QĐ-UBND/);
  assert.match(rows[3][1], /Trùng số 101\/KH-UBND/);
  assert.equal((await (await p.fetch("/api/v1/documents")).json()).meta.total, before, "nothing imported");
  // Not a CSV at all, or missing columns: one clear message.
  r = await importCsv(editor, "Tên,Tuổi\nA,1\n");
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Thiếu cột: Số\/ký hiệu/);
  // The template downloads, and a good file goes in whole.
  const tmpl = await editor.fetch("/quan-tri/van-ban/mau.csv");
  assert.equal(tmpl.status, 200);
  assert.match(tmpl.headers.get("content-type"), /^text\/csv/);
  const good = (await tmpl.text()) + "101/KH-UBND,Kế hoạch,UBND huyện Yên Sơn,,01/02/2026,,,Giáo dục,\"Tuyển sinh, năm học mới\",,\r\n";
  r = await importCsv(editor, good);
  assert.equal(r.status, 200, await r.clone().text());
  assert.match(await r.text(), /Đã nhập 2 văn bản\./);
  assert.equal((await (await p.fetch("/api/v1/documents")).json()).meta.total, before + 2);
  assert.ok(titles((await page("/van-ban?q=tuyen+sinh+nam+hoc")).html).includes("Kế hoạch số 101/KH-UBND"));
});
