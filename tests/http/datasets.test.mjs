// "Thông tin tổng hợp" over HTTP: the demo dataset from the reference article as a table and
// a chart with its text alternative, the CSV and JSON downloads, the sidebar's headline
// figures, and the newsroom's form (pasted tables, CSV files, bad cells).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, Visitor, htmlErrors, signedIn } from "../lib/portico.mjs";

let p, editor;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  editor = await signedIn(p, "bientap", "editor");
  editor.csrf = Visitor.csrfOf(await (await editor.fetch("/quan-tri/so-lieu/moi")).text());
});
after(async () => { await p.cleanup(); });

const DEMO = "/thong-tin-tong-hop/ket-nap-dang-vien-so-voi-ke-hoach";

function save(fields, { file, path = "/quan-tri/tep/so-lieu" } = {}) {
  const form = new FormData();
  form.append("csrf", editor.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("tep", new Blob([file]), "so-lieu.csv");
  return editor.fetch(path, { method: "POST", body: form });
}

test("the reference article's figures: a table, a chart with its words, the article as source", async () => {
  const r = await p.fetch(DEMO);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<th scope="row">Hàm Yên \(kế hoạch năm 2023; 9 tháng\)<\/th><td class="num">248<\/td><td class="num">133<\/td>/);
  assert.match(html, /<th scope="row">Na Hang \(quần chúng được bồi dưỡng; từ đầu nhiệm kỳ\)<\/th><td class="num">300<\/td><td class="num">152<\/td>/);
  assert.match(html, /<td class="num">95<\/td><td class="num">35<\/td>/);
  assert.match(html, /<svg class="chart"[^>]* role="img" aria-labelledby="bd-tieu-de bd-mo-ta"/);
  const desc = /<desc id="bd-mo-ta">([^<]+)<\/desc>/.exec(html)[1];
  for (const n of ["248", "133", "300", "152", "95", "35"]) assert.ok(desc.includes(n), n);
  assert.match(html, /<figcaption>Biểu đồ cột/);
  assert.match(html, /Nguồn: <a href="\/bai-viet\/go-kho-phat-trien-dang-vien">/);
  const province = await (await p.fetch("/thong-tin-tong-hop/dang-vien-duoc-ket-nap-toan-tinh-nhiem-ky-2020-2025")).text();
  assert.match(province, /<td class="num">4.000<\/td>/);
  assert.match(province, /<td class="num">1.111<\/td>/);
  assert.deepEqual(htmlErrors({ dataset: html, list: await (await p.fetch("/thong-tin-tong-hop")).text() }), []);
});

test("downloads: CSV with a BOM for spreadsheets, JSON with the table", async () => {
  const csv = await p.fetch(DEMO + "/du-lieu.csv");
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /^text\/csv; charset=utf-8/);
  assert.match(csv.headers.get("content-disposition"), /^attachment; filename="ket-nap-dang-vien-so-voi-ke-hoach\.csv"/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(bytes.toString("utf8"), /Hàm Yên \(kế hoạch năm 2023; 9 tháng\),248,133\r\n/);
  const json = await (await p.fetch(DEMO + "/du-lieu.json")).json();
  assert.deepEqual(json.table.columns, ["Đảng bộ", "Kế hoạch hoặc nguồn", "Đã kết nạp"]);
  assert.deepEqual(json.table.rows[0], ["Hàm Yên (kế hoạch năm 2023; 9 tháng)", 248, 133]);
  assert.equal((await p.fetch(DEMO + "/du-lieu.xml")).status, 404);
  assert.equal((await p.fetch("/thong-tin-tong-hop/khong-co")).status, 404);
});

test("the sidebar's Thông tin tổng hợp shows the featured figures on every page", async () => {
  const home = await (await p.fetch("/")).text();
  const widget = /<section class="widget widget-thong-tin-tong-hop"[\s\S]*?<\/section>/.exec(home)[0];
  assert.match(widget, /<h2 class="widget-title" id="w-thong-tin-tong-hop">Thông tin tổng hợp<\/h2>/);
  assert.match(widget, /<strong>Hơn 4.000 đảng viên mới toàn tỉnh từ đầu nhiệm kỳ 2020–2025<\/strong>/);
  assert.match(widget, new RegExp(`<a href="${DEMO}">Kết nạp đảng viên so với kế hoạch</a>`));
});

test("editors add a dataset pasted from a spreadsheet or from a CSV file; bad cells are named", async () => {
  let r = await save({ ten: "Học sinh lên lớp", "don-vi": "%", "bieu-do": "line", bang: "Năm học\tTỷ lệ\n2022–2023\t97,5\n2023–2024\t98,1\n" });
  assert.equal(r.status, 303, await r.clone().text());
  let page = await (await p.fetch("/thong-tin-tong-hop/hoc-sinh-len-lop")).text();
  assert.match(page, /<polyline/);
  assert.match(page, /<td class="num">97,5<\/td>/);
  r = await save({ ten: "Sai số liệu", bang: "Đơn vị,Số\nXã A,nhiều\n" });
  assert.equal(r.status, 422);
  const form = await r.text();
  assert.match(form, /Dòng 2, cột &quot;Số&quot;: &quot;nhiều&quot; không phải số\./);
  assert.match(form, /Sai số liệu/, "what was typed is kept");
  assert.equal((await p.fetch("/thong-tin-tong-hop/sai-so-lieu")).status, 404);
  r = await save({ ten: "Nổi bật thiếu số", "noi-bat": "1", bang: "A,B\nx,1\n" });
  assert.equal(r.status, 422);
  // A CSV file replaces the pasted table; the sidebar picks up a featured one at once.
  r = await save({ ten: "Diện tích trồng rừng", "don-vi": "ha", "noi-bat": "1", "so-noi-bat": "5.200 ha rừng trồng mới năm 2026",
    bang: "bỏ qua" }, { file: "\ufeffNăm,Diện tích\r\n2025,\"4.800\"\r\n2026,5.200\r\n" });
  assert.equal(r.status, 303);
  assert.match(await (await p.fetch("/so-do-cong")).text(), /5.200 ha rừng trồng mới năm 2026/);
  const id = r.headers.get("location").match(/\d+/)[0];
  r = await save({ xoa: "1" }, { path: `/quan-tri/tep/so-lieu/${id}` });
  assert.equal(r.status, 303);
  assert.doesNotMatch(await (await p.fetch("/so-do-cong")).text(), /5.200 ha/);
  assert.deepEqual(htmlErrors({ form, list: await (await editor.fetch("/quan-tri/so-lieu")).text() }), []);
});
