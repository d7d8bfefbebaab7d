// Royalties: genre and authors recorded per article, the monthly report per author and
// genre in HTML and CSV, coefficients set by administrators.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, htmlErrors } from "../lib/portico.mjs";

let p, admin, approver;
const month = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 7);  // this month in Hà Nội

before(async () => {
  p = await Portico.start();
  for (const [name, role] of [["quantri", "admin"], ["duyet", "approver"], ["bientap", "editor"]])
    execFileSync(bin, ["user", "add", name, "--role", role, "--password-stdin", "--data", p.dataDir], { input: `mat-khau-${name}\n` });
  const token = execFileSync(bin, ["token", "create", "duyet", "--data", p.dataDir], { encoding: "utf8" }).trim().split("\n").at(-1);
  const api = (method, path, body) => p.fetch("/api/v1/newsroom" + path, { method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  for (const [title, author, genre] of [["Tin thứ nhất", "Hà Vân", "tin"], ["Phóng sự vùng cao", "Hà Vân, Minh Đức", "phong-su"]]) {
    const a = (await (await api("POST", "/articles", { title, author, genre, category_id: await p.categoryId("kinh-te") })).json()).data;
    const r = await api("POST", `/articles/${a.id}/publish`, { version: a.version });
    assert.equal(r.status, 200);
  }
  assert.equal((await api("POST", "/articles", { title: "x", genre: "khong-co", category_id: await p.categoryId("kinh-te") })).status, 422);
  admin = new Visitor(p);
  await admin.signIn("quantri", "mat-khau-quantri");
  approver = new Visitor(p);
  await approver.signIn("duyet", "mat-khau-duyet");
});
after(async () => { await p.cleanup(); });

test("the monthly report shares points among authors and pays the base per point", async () => {
  const html = await (await approver.fetch("/quan-tri/nhuan-but?thang=" + month)).text();
  // Hà Vân: 1 (tin) + 3/2 (phóng sự, shared) = 2.5 points × 100.000 đ
  assert.match(html, /<td>Hà Vân<\/td><td>2<\/td><td>2,50<\/td><td>250.000<\/td>/);
  assert.match(html, /<td>Minh Đức<\/td><td>1<\/td><td>1,50<\/td><td>150.000<\/td>/);
  assert.match(html, /<td>Phóng sự<\/td><td>1<\/td><td>3,00<\/td><td>300.000<\/td>/);
  assert.match(html, /<th scope="row">Tổng cộng<\/th><td>2<\/td><td>4,00<\/td><td>400.000<\/td>/);
  assert.doesNotMatch(html, /Lưu hệ số/, "approvers see, administrators set");
  assert.deepEqual(htmlErrors({ royalties: html, admin_view: await (await admin.fetch("/quan-tri/nhuan-but?thang=" + month)).text() }), []);
});

test("the CSV downloads with a byte-order mark and the same figures", async () => {
  const r = await approver.fetch("/quan-tri/nhuan-but.csv?thang=" + month);
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type"), /^text\/csv; charset=utf-8/);
  assert.equal(r.headers.get("content-disposition"), `attachment; filename="nhuan-but-${month}.csv"`);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  assert.match(text, /Phóng sự vùng cao,Phóng sự,"?Hà Vân; Minh Đức"?,3.00,300000/);
  assert.match(text, /Hà Vân,2,2.50,250000/);
});

test("administrators change the coefficients and the base; others may not; bad input is refused", async () => {
  const form = await (await admin.fetch("/quan-tri/nhuan-but")).text();
  const csrf = Visitor.csrfOf(form);
  const fields = { csrf, "muc-co-so": "150000", "he-so-tin": "1,5", "he-so-tin-anh": "1.2", "he-so-bai-viet": "2",
    "he-so-phong-van": "2.5", "he-so-phong-su": "3", "he-so-binh-luan": "2.5" };
  assert.equal((await admin.post("/quan-tri/nhuan-but/he-so", { ...fields, "he-so-tin": "-1" })).status, 422);
  assert.equal((await admin.post("/quan-tri/nhuan-but/he-so", { ...fields, "he-so-tin": "101" })).status, 422);
  assert.equal((await admin.post("/quan-tri/nhuan-but/he-so", { ...fields, csrf: "sai" })).status, 403);
  const approverCsrf = Visitor.csrfOf(await (await approver.fetch("/quan-tri")).text());
  assert.equal((await approver.post("/quan-tri/nhuan-but/he-so", { ...fields, csrf: approverCsrf })).status, 403);
  assert.equal((await admin.post("/quan-tri/nhuan-but/he-so", fields)).status, 303);
  const html = await (await admin.fetch("/quan-tri/nhuan-but?thang=" + month)).text();
  // Hà Vân: 1.5 + 1.5 = 3 points × 150.000 đ
  assert.match(html, /<td>Hà Vân<\/td><td>2<\/td><td>3,00<\/td><td>450.000<\/td>/);
  const editor = new Visitor(p);
  await editor.signIn("bientap", "mat-khau-bientap");
  assert.equal((await editor.fetch("/quan-tri/nhuan-but")).status, 403);
  for (const bad of ["2026-13", "2026", "abc", "2026-1"])
    assert.equal((await admin.fetch("/quan-tri/nhuan-but?thang=" + bad)).status, 400, bad);
  assert.match(await (await admin.fetch("/quan-tri/nhuan-but?thang=2001-01")).text(), /Không có dữ liệu/);
});
