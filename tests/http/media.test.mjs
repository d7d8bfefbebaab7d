// Image uploads: type from content, size limits, alt text, WebP renditions without
// metadata, and srcset on readers' pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, htmlErrors } from "../lib/portico.mjs";
import { png, gpsExif } from "../lib/png.mjs";

let p, editor;
before(async () => {
  p = await Portico.start({ config: "upload_limit = 300000\n" });
  execFileSync(bin, ["user", "add", "bientap", "--role", "editor", "--password-stdin", "--data", p.dataDir], { input: "mat-khau-bientap\n" });
  editor = new Visitor(p);
  await editor.signIn("bientap", "mat-khau-bientap");
  editor.csrf = Visitor.csrfOf(await (await editor.fetch("/quan-tri/tep")).text());
});
after(async () => { await p.cleanup(); });

function upload(v, { file, name = "anh.png", type = "image/png", alt = "Cánh đồng lúa", csrf = v.csrf }) {
  const form = new FormData();
  if (csrf) form.append("csrf", csrf);
  form.append("mo-ta", alt);
  if (file) form.append("tep", new Blob([file], { type }), name);
  return v.fetch("/quan-tri/tep", { method: "POST", body: form });
}

test("an image becomes WebP renditions without metadata, listed in the library", async () => {
  const r = await upload(editor, { file: png(1000, 600, { exif: gpsExif }) });
  assert.equal(r.status, 303, await r.clone().text());
  const page = await (await editor.fetch(r.headers.get("location"))).text();
  assert.match(page, /Đã tải ảnh lên./);
  const snippet = /&lt;img src=&quot;(\/media\/anh-[\w-]+-1000\.webp)&quot; alt=&quot;Cánh đồng lúa&quot; width=&quot;1000&quot; height=&quot;600&quot;/.exec(page);
  assert.ok(snippet, "a snippet to paste into the body");
  for (const w of [320, 800, 1000]) {
    const f = await p.fetch(snippet[1].replace("-1000.webp", `-${w}.webp`));
    assert.equal(f.status, 200, String(w));
    assert.equal(f.headers.get("content-type"), "image/webp");
    const bytes = Buffer.from(await f.arrayBuffer());
    assert.equal(bytes.subarray(8, 12).toString("latin1"), "WEBP");
    assert.equal(bytes.indexOf("EXIF"), -1);
    assert.equal(bytes.indexOf("Exif"), -1);
  }
});

const libraryCount = async () => ((await (await editor.fetch("/quan-tri/tep")).text()).match(/class="media-item"/g) ?? []).length;

test("the type comes from the bytes: fakes are 415; no alt text is 422; too big is 413", async () => {
  const before = await libraryCount();
  let r = await upload(editor, { file: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), name: "a.svg", type: "image/svg+xml" });
  assert.equal(r.status, 415);
  assert.match(await r.text(), /Chỉ nhận ảnh JPEG, PNG, WebP hoặc tài liệu PDF/);
  r = await upload(editor, { file: Buffer.from("MZ not a picture"), name: "anh.jpg", type: "image/jpeg" });
  assert.equal(r.status, 415);
  r = await upload(editor, { file: Buffer.concat([png(10, 10).subarray(0, 30), Buffer.from("broken")]), name: "hong.png" });
  assert.equal(r.status, 422, "a PNG signature with garbage after it");
  r = await upload(editor, { file: png(200, 100), alt: "" });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Cần mô tả/);
  r = await upload(editor, { file: png(200, 100), csrf: "" });
  assert.equal(r.status, 403);
  r = await upload(editor, { file: Buffer.alloc(400000, 1), name: "to.png" });
  assert.equal(r.status, 413);
  r = await editor.fetch("/quan-tri/tep", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "--x\r\nrác" });
  assert.equal(r.status, 400);
  r = await editor.fetch("/quan-tri/tep", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
  assert.equal(r.status, 400);
  assert.equal(await libraryCount(), before, "nothing half-written");
});

test("a cover image is shown to readers with srcset", async () => {
  await upload(editor, { file: png(1800, 1200), alt: "Toàn cảnh hội nghị" });
  const form = await (await editor.fetch("/quan-tri/bai-viet/moi")).text();
  const imageId = /<option value="(\d+)">Ảnh \d+: Toàn cảnh hội nghị<\/option>/.exec(form)[1];
  const cat = /<option value="(\d+)"[^>]*>\u00a0*Kinh tế<\/option>/.exec(form)[1];
  let r = await editor.post("/quan-tri/bai-viet/moi", { csrf: editor.csrf, "phien-ban": "0", "tieu-de": "Hội nghị có ảnh",
    "chuyen-muc": cat, "noi-dung": "<p>Nội dung.</p>", "anh-dai-dien": imageId, "chu-thich": "Quang cảnh hội nghị." });
  assert.equal(r.status, 303);
  const edit = r.headers.get("location").replace(/\?.*/, "");
  r = await editor.post("/quan-tri/bai-viet/moi", { csrf: editor.csrf, "phien-ban": "0", "tieu-de": "Ảnh sai",
    "chuyen-muc": cat, "anh-dai-dien": "99999" });
  assert.equal(r.status, 422);
  // publish through an approver
  execFileSync(bin, ["user", "add", "duyet", "--role", "approver", "--password-stdin", "--data", p.dataDir], { input: "mat-khau-duyet1\n" });
  const approver = new Visitor(p);
  await approver.signIn("duyet", "mat-khau-duyet1");
  const html = await (await approver.fetch(edit)).text();
  await approver.post(edit + "/xuat-ban", { csrf: Visitor.csrfOf(html), "phien-ban": /name="phien-ban" value="(\d+)"/.exec(html)[1] });
  const article = await (await p.fetch("/bai-viet/hoi-nghi-co-anh")).text();
  assert.match(article, /<img src="\/media\/anh-[\w-]+-800\.webp" srcset="\/media\/anh-[\w-]+-320\.webp 320w, \/media\/anh-[\w-]+-800\.webp 800w, \/media\/anh-[\w-]+-1600\.webp 1600w" sizes="[^"]+" alt="Toàn cảnh hội nghị" width="1600" height="1067">/);
  assert.match(article, /<figcaption>Quang cảnh hội nghị.<\/figcaption>/);
  assert.match(await (await p.fetch("/chuyen-muc/kinh-te")).text(), /class="card-img" src="\/media\/anh-[\w-]+-800\.webp" srcset=/);
  assert.deepEqual(htmlErrors({ article, library: await (await editor.fetch("/quan-tri/tep")).text() }), []);
});

test("documents: PDF opens in the viewer, office files download; both are listed with a link to paste", async () => {
  let r = await upload(editor, { file: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), name: "ke-hoach.pdf",
    type: "application/pdf", alt: "Kế hoạch số 12/KH-UBND" });
  assert.equal(r.status, 303);
  const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....[Content_Types].xml....word/document.xml....")]);
  r = await upload(editor, { file: docx, name: "bao-cao.docx", type: "application/octet-stream", alt: "Báo cáo quý IV" });
  assert.equal(r.status, 303);
  const lib = await (await editor.fetch("/quan-tri/tep")).text();
  const pdf = /&lt;a href=&quot;(\/media\/tai-lieu-[\w-]+\.pdf)&quot;&gt;Kế hoạch số 12\/KH-UBND&lt;\/a&gt; \(PDF, 1 KB\)/.exec(lib);
  assert.ok(pdf, "a link snippet for the PDF");
  const served = await p.fetch(pdf[1]);
  assert.equal(served.headers.get("content-type"), "application/pdf");
  assert.equal(served.headers.get("content-disposition"), null);
  const word = /href="(\/media\/tai-lieu-[\w-]+\.docx)"/.exec(lib)[1];
  const dl = await p.fetch(word);
  assert.match(dl.headers.get("content-type"), /wordprocessingml/);
  assert.match(dl.headers.get("content-disposition"), /^attachment/);
  // documents are not offered as cover images
  assert.doesNotMatch(await (await editor.fetch("/quan-tri/bai-viet/moi")).text(), /Kế hoạch số 12/);
  r = await upload(editor, { file: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("a plain zip")]), name: "x.zip",
    type: "application/zip", alt: "Tệp nén" });
  assert.equal(r.status, 415);
});
