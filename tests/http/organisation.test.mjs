// The organisation's pages in Vietnamese and English: introduction, organisation chart and
// contact, each pair linked with hreflang, English pages with the English interface; edited
// by administrators.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, Visitor, htmlErrors, signedIn } from "../lib/portico.mjs";

let p, admin, editor;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  admin = await signedIn(p, "quantri", "admin");
  editor = await signedIn(p, "bientap", "editor");
});
after(async () => { await p.cleanup(); });

const PAIRS = [["/gioi-thieu", "/en"], ["/gioi-thieu/co-cau-to-chuc", "/en/organisation"], ["/lien-he", "/en/contact"]];

test("each page and its English version link each other with hreflang; English pages speak English", async () => {
  const pages = {};
  for (const [vi, en] of PAIRS) {
    const v = await (await p.fetch(vi)).text();
    const e = await (await p.fetch(en)).text();
    for (const html of [v, e]) {
      assert.match(html, new RegExp(`<link rel="alternate" hreflang="vi" href="${p.base}${vi}">`));
      assert.match(html, new RegExp(`<link rel="alternate" hreflang="en" href="${p.base}${en}">`));
    }
    assert.match(v, /<html lang="vi"/);
    assert.match(e, /<html lang="en"/);
    assert.match(v, new RegExp(`<a class="lang-switch" href="${en}" lang="en" hreflang="en">English</a>`));
    assert.match(e, new RegExp(`<a class="lang-switch" href="${vi}" lang="vi" hreflang="vi">Tiếng Việt</a>`));
    assert.match(e, /<a class="skip-link" href="#noi-dung">Skip to main content<\/a>/);
    assert.match(e, /aria-label="Text size and contrast"/);
    assert.doesNotMatch(e, /Bỏ qua đến nội dung chính|Tăng tương phản|Chịu trách nhiệm chính/);
    assert.doesNotMatch(e, /<aside class="sidebar"/, "the Vietnamese sidebar stays off English pages");
    pages[vi] = v;
    pages[en] = e;
  }
  assert.match(pages["/en"], /Yen Son District lies at the centre of Tuyen Quang Province/);
  assert.match(pages["/gioi-thieu"], /Huyện Yên Sơn nằm ở trung tâm tỉnh Tuyên Quang/);
  // The chart: units, leaders with title, phone and e-mail, in each language.
  assert.match(pages["/gioi-thieu/co-cau-to-chuc"], /<th scope="row">Nguyễn Văn An<\/th><td>Chủ tịch UBND huyện<\/td><td><a href="tel:02073000001">0207 3 000 001<\/a>/);
  assert.match(pages["/en/organisation"], /<th scope="row">Nguyễn Văn An<\/th><td>Chairman<\/td>/);
  assert.match(pages["/en/organisation"], /Department of Justice/);
  // Contact: address with a map link, phone, e-mail.
  assert.match(pages["/lien-he"], /<a href="https:\/\/www\.openstreetmap\.org\/\?mlat=21\.85[\d]*&amp;mlon=105\.22[\d]*#map=16/);
  assert.match(pages["/en/contact"], /Office hours: 7:30–11:30/);
  // Every page's footer offers English; the menu and site map reach the introduction.
  assert.match(await (await p.fetch("/")).text(), /<a href="\/en" lang="en" hreflang="en">English<\/a>/);
  assert.deepEqual(htmlErrors(Object.fromEntries(Object.entries(pages).map(([k, v]) => [k.replaceAll("/", "_") || "root", v]))), []);
});

test("administrators edit the texts and the units; others cannot", async () => {
  assert.equal((await editor.fetch("/quan-tri/gioi-thieu")).status, 403);
  const form = await (await admin.fetch("/quan-tri/gioi-thieu")).text();
  const csrf = Visitor.csrfOf(form);
  let r = await admin.post("/quan-tri/gioi-thieu/noi-dung", { csrf, site_name_en: "Yen Son District", site_name_vi: "",
    intro_vi: "<p>Giới thiệu mới.</p><script>x()</script>", intro_en: "<p>A new introduction.</p>",
    functions_vi: "", functions_en: "", contact_vi: "", contact_en: "" });
  assert.equal(r.status, 303);
  const vi = await (await p.fetch("/gioi-thieu")).text();
  assert.match(vi, /<p>Giới thiệu mới\.<\/p>/);
  assert.doesNotMatch(vi, /x\(\)/);
  assert.match(await (await p.fetch("/en")).text(), /A new introduction\./);
  // A unit under the committee, with a bad leader line first.
  const committee = /<option value="(\d+)">Ủy ban nhân dân huyện Yên Sơn<\/option>/.exec(form)[1];
  r = await admin.post("/quan-tri/gioi-thieu/don-vi", { csrf, ten: "Phòng Y tế", "cap-tren": committee,
    "lanh-dao": "Ngô Văn Giang; Trưởng phòng; Head; 0207 3 000 041; khong-phai-email" });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /Dòng 1: &quot;khong-phai-email&quot; không phải thư điện tử\./);
  r = await admin.post("/quan-tri/gioi-thieu/don-vi", { csrf, ten: "Phòng Y tế", "ten-en": "Department of Health", "cap-tren": committee,
    "lanh-dao": "Ngô Văn Giang; Trưởng phòng; Head of Department; 0207 3 000 041; yte@yenson.example.vn" });
  assert.equal(r.status, 303);
  assert.match(await (await p.fetch("/en/organisation")).text(), /Department of Health[\s\S]*Ngô Văn Giang<\/th><td>Head of Department/);
  const id = r.headers.get("location").match(/don-vi-(\d+)/)[1];
  r = await admin.post(`/quan-tri/gioi-thieu/don-vi/${id}`, { csrf, xoa: "1" });
  assert.equal(r.status, 303);
  assert.doesNotMatch(await (await p.fetch("/gioi-thieu/co-cau-to-chuc")).text(), /Phòng Y tế/);
  assert.equal((await admin.post("/quan-tri/gioi-thieu/don-vi", { csrf, ten: "" })).status, 422);
  assert.equal((await admin.post("/quan-tri/gioi-thieu/noi-dung", { csrf: "sai" })).status, 403);
  assert.deepEqual(htmlErrors({ admin: form }), []);
});
