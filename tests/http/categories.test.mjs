// Categories and the menu, managed by administrators; readers' menus follow at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, htmlErrors } from "../lib/portico.mjs";

let p, admin;
before(async () => {
  p = await Portico.start();
  for (const [name, role] of [["quantri", "admin"], ["bientap", "editor"]])
    execFileSync(bin, ["user", "add", name, "--role", role, "--password-stdin", "--data", p.dataDir], { input: `mat-khau-${name}\n` });
  admin = new Visitor(p);
  await admin.signIn("quantri", "mat-khau-quantri");
  admin.csrf = Visitor.csrfOf(await (await admin.fetch("/quan-tri/chuyen-muc")).text());
});
after(async () => { await p.cleanup(); });

// The top level of the public menu, without "Trang chủ"; entries under another open from it.
const menuEntries = async (path = "/") => {
  const html = await (await p.fetch(path)).text();
  const nav = /<nav class="mainnav"[\s\S]*?<\/nav>/.exec(html)[0];
  const top = nav.replace(/<ul id="menu-sub-\d+" class="submenu">[\s\S]*?<\/ul>/g, "");
  return [...top.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].slice(1).map((m) => ({ url: m[1], label: m[2] }));
};
const menu = async () => (await menuEntries()).map((e) => e.label);
const submenu = async (label) => {
  const html = await (await p.fetch("/")).text();
  const m = new RegExp(`>${label}</a>\\s*<button[^>]*aria-controls="(menu-sub-\\d+)"[\\s\\S]*?<ul id="\\1" class="submenu">([\\s\\S]*?)</ul>`).exec(html);
  return m ? [...m[2].matchAll(/>([^<]+)<\/a>/g)].map((x) => x[1]) : [];
};
const idOf = async (name) => {
  const html = await (await admin.fetch("/quan-tri/chuyen-muc")).text();
  return new RegExp(`id="ten-(\\d+)" name="ten" type="text" required value="${name}"`).exec(html)[1];
};

test("a new site has the mandated sections as ordinary menu entries, some leading elsewhere", async () => {
  const entries = await menuEntries();
  assert.deepEqual(entries.map((e) => e.label), ["Giới thiệu", "Tin tức – Sự kiện", "Chỉ đạo – Điều hành", "Văn bản",
    "Chiến lược – Quy hoạch – Kế hoạch", "Thủ tục hành chính", "Phát ngôn báo chí", "Tiếp cận thông tin",
    "Tài chính – Ngân sách", "Đấu thầu – Mua sắm công", "Lấy ý kiến dự thảo", "Hỏi đáp"]);
  const url = Object.fromEntries(entries.map((e) => [e.label, e.url]));
  assert.equal(url["Thủ tục hành chính"], "https://dichvucong.gov.vn", "procedures link to the national portal, not copies");
  assert.equal(url["Văn bản"], "/van-ban");
  assert.equal(url["Hỏi đáp"], "/hoi-dap");
  assert.equal(url["Phát ngôn báo chí"], "/chuyen-muc/phat-ngon-bao-chi");
  assert.deepEqual(await submenu("Giới thiệu"), ["Cơ cấu tổ chức", "Liên hệ"]);
  assert.deepEqual(await submenu("Chỉ đạo – Điều hành"), ["Lịch công tác"]);
  assert.deepEqual(await submenu("Tin tức – Sự kiện"), ["Xây dựng Đảng", "Kinh tế", "Văn hoá – Xã hội", "Quốc phòng – An ninh", "Thông báo"]);
  // Every menu entry leads somewhere real.
  for (const e of entries.filter((x) => x.url.startsWith("/"))) {
    const r = await p.fetch(e.url);
    assert.equal(r.status, 200, e.url);
  }
  // A linked entry's own address goes where it links.
  let r = await p.fetch("/chuyen-muc/thu-tuc-hanh-chinh", { redirect: "manual" });
  assert.equal(r.status, 302);
  assert.equal(r.headers.get("location"), "https://dichvucong.gov.vn");
  r = await p.fetch("/chuyen-muc/van-ban", { redirect: "manual" });
  assert.equal(r.headers.get("location"), "/van-ban");
  assert.equal((await p.fetch("/rss/thu-tuc-hanh-chinh.xml")).status, 404, "a link has no feed");
  // A section lists the articles of the topics under it, newest first.
  const news = await (await p.fetch("/chuyen-muc/tin-tuc-su-kien?trang=2")).text();
  assert.match(news, /card-cat">(Xây dựng Đảng|Kinh tế|Văn hoá – Xã hội|Quốc phòng – An ninh|Thông báo)</);
  assert.match(news, new RegExp(`<link rel="canonical" href="${p.base}/chuyen-muc/tin-tuc-su-kien\\?trang=2">`), "page 2 is its own page");
  // The API says which entries are links.
  const cats = (await (await p.fetch("/api/v1/categories")).json()).data;
  const tthc = cats.find((c) => c.slug === "thu-tuc-hanh-chinh");
  assert.equal(tthc.link, "https://dichvucong.gov.vn");
  assert.equal(tthc.url, "https://dichvucong.gov.vn");
  assert.equal(tthc.rss, null);
  assert.equal(cats.find((c) => c.slug === "kinh-te").parent, "tin-tuc-su-kien");
});

test("editors point an entry elsewhere; bad addresses and entries holding articles are refused", async () => {
  let r = await admin.post("/quan-tri/chuyen-muc", { csrf: admin.csrf, ten: "Một cửa điện tử", cha: "0", "lien-ket": " https://motcua.example.gov.vn/tra-cuu " });
  assert.equal(r.status, 303);
  const entry = (await menuEntries()).find((e) => e.label === "Một cửa điện tử");
  assert.equal(entry.url, "https://motcua.example.gov.vn/tra-cuu", "spaces around the address are dropped");
  const id = await idOf("Một cửa điện tử");
  for (const bad of ["javascript:alert(1)", "//evil.example", "https://", "http://x", "/van ban", "/\"><script>", "ftp://a.gov.vn"]) {
    r = await admin.post(`/quan-tri/chuyen-muc/${id}`, { csrf: admin.csrf, ten: "Một cửa điện tử", cha: "0", "lien-ket": bad });
    assert.equal(r.status, 422, bad);
    assert.match(await r.text(), /Liên kết phải là một đường dẫn trong cổng/);
  }
  assert.equal((await menuEntries()).find((e) => e.label === "Một cửa điện tử").url, "https://motcua.example.gov.vn/tra-cuu", "nothing half-saved");
  // Back to a news category: the link goes, the page lists articles.
  r = await admin.post(`/quan-tri/chuyen-muc/${id}`, { csrf: admin.csrf, ten: "Một cửa điện tử", cha: "0", "lien-ket": "" });
  assert.equal(r.status, 303);
  assert.equal((await p.fetch("/chuyen-muc/mot-cua-dien-tu")).status, 200);
  // A category with articles cannot become a link: its articles would have nowhere to be listed.
  const economy = await idOf("Kinh tế");
  r = await admin.post(`/quan-tri/chuyen-muc/${economy}`, { csrf: admin.csrf, ten: "Kinh tế", cha: String(await p.categoryId("tin-tuc-su-kien")), "lien-ket": "/van-ban" });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /đang có \d+ bài viết/);
  assert.equal((await p.fetch("/chuyen-muc/kinh-te")).status, 200);
  // Nor can an article be filed under a link.
  const editor = new Visitor(p);
  await editor.signIn("bientap", "mat-khau-bientap");
  const form = await (await editor.fetch("/quan-tri/bai-viet/moi")).text();
  assert.doesNotMatch(form, />Thủ tục hành chính</, "links are not offered to writers");
  editor.csrf = Visitor.csrfOf(form);
  r = await editor.post("/quan-tri/bai-viet/moi", { csrf: editor.csrf, "phien-ban": "0", "tieu-de": "Bài vào mục liên kết",
    "chuyen-muc": String(await p.categoryId("thu-tuc-hanh-chinh")), "noi-dung": "<p>x</p>" });
  assert.equal(r.status, 422);
});

test("add, rename, hide and reorder: the public menu follows at once", async () => {
  const before = await menu();
  assert.deepEqual(before.slice(0, 2), ["Giới thiệu", "Tin tức – Sự kiện"]);
  let r = await admin.post("/quan-tri/chuyen-muc", { csrf: admin.csrf, ten: "Chuyển đổi số", cha: "0" });
  assert.equal(r.status, 303);
  assert.equal((await menu()).at(-1), "Chuyển đổi số");
  assert.equal((await p.fetch("/chuyen-muc/chuyen-doi-so")).status, 200);
  const id = await idOf("Chuyển đổi số");
  r = await admin.post(`/quan-tri/chuyen-muc/${id}`, { csrf: admin.csrf, ten: "Chuyển đổi số – Đề án 06", cha: "0" });
  assert.equal(r.status, 303);
  assert.equal((await menu()).at(-1), "Chuyển đổi số – Đề án 06");
  assert.equal((await p.fetch("/chuyen-muc/chuyen-doi-so")).status, 200, "the address does not change");
  await admin.post(`/quan-tri/chuyen-muc/${id}/len`, { csrf: admin.csrf });
  const moved = await menu();
  assert.equal(moved.at(-2), "Chuyển đổi số – Đề án 06");
  await admin.post(`/quan-tri/chuyen-muc/${id}`, { csrf: admin.csrf, ten: "Chuyển đổi số – Đề án 06", cha: "0", an: "1" });
  assert.ok(!(await menu()).includes("Chuyển đổi số – Đề án 06"));
  assert.equal((await p.fetch("/chuyen-muc/chuyen-doi-so")).status, 200, "hidden, still reachable");
  const first = await idOf("Giới thiệu");
  await admin.post(`/quan-tri/chuyen-muc/${first}/len`, { csrf: admin.csrf });  // already first: nothing happens
  assert.equal((await menu())[0], "Giới thiệu");
});

test("nesting works and a category cannot go inside itself", async () => {
  const parent = await idOf("Kinh tế");
  let r = await admin.post("/quan-tri/chuyen-muc", { csrf: admin.csrf, ten: "Nông nghiệp", cha: parent });
  assert.equal(r.status, 303);
  const child = await idOf("Nông nghiệp");
  assert.ok(!(await menu()).includes("Nông nghiệp"), "children are not in the top menu");
  assert.deepEqual(await submenu("Kinh tế"), [], "only the top level opens sub-lists");
  assert.ok((await submenu("Tin tức – Sự kiện")).includes("Kinh tế"));
  assert.match(await (await p.fetch("/chuyen-muc/kinh-te")).text(), /<ul class="subcats">[\s\S]*Nông nghiệp/);
  const crumbs = await (await p.fetch("/chuyen-muc/nong-nghiep")).text();
  assert.match(crumbs, /Trang chủ[\s\S]*Kinh tế[\s\S]*Nông nghiệp/);
  r = await admin.post(`/quan-tri/chuyen-muc/${parent}`, { csrf: admin.csrf, ten: "Kinh tế", cha: child });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /không thể nằm trong chính nó/);
  r = await admin.post(`/quan-tri/chuyen-muc/${parent}`, { csrf: admin.csrf, ten: "", cha: "0" });
  assert.equal(r.status, 422);
});

test("only administrators manage categories; forms need the CSRF token", async () => {
  const editor = new Visitor(p);
  await editor.signIn("bientap", "mat-khau-bientap");
  const csrf = Visitor.csrfOf(await (await editor.fetch("/quan-tri")).text());
  assert.equal((await editor.fetch("/quan-tri/chuyen-muc")).status, 403);
  assert.equal((await editor.post("/quan-tri/chuyen-muc", { csrf, ten: "Không được", cha: "0" })).status, 403);
  assert.equal((await admin.post("/quan-tri/chuyen-muc", { ten: "Không token", cha: "0" })).status, 403);
  assert.equal((await admin.post("/quan-tri/chuyen-muc/999999", { csrf: admin.csrf, ten: "x", cha: "0" })).status, 404);
  assert.equal((await admin.post("/quan-tri/chuyen-muc/1/ngang", { csrf: admin.csrf })).status, 404);
  assert.ok(!(await menu()).includes("Không được"));
});

test("the categories page has no HTML errors", async () => {
  assert.deepEqual(htmlErrors({ categories: await (await admin.fetch("/quan-tri/chuyen-muc")).text() }), []);
});

test("portico site add makes a commune's portal with the default sections and no content", async () => {
  const q = await Portico.start();
  try {
    const out = execFileSync(bin, ["site", "add", "--data", q.dataDir, "--name", "Xã Kim Phú", "--host", "kimphu.example.vn"]).toString();
    assert.match(out, /Đã tạo trang Xã Kim Phú \(xa-kim-phu, kimphu\.example\.vn\) với 16 mục mặc định/);
    for (const args of [["--name", "Xã Khác", "--host", "kimphu.example.vn"], ["--name", "Xã Kim Phú", "--host", "khac.example.vn"],
                        ["--name", "Xã Hoa", "--host", "Có Dấu.vn"], ["--name", "", "--host", "a.vn"]]) {
      assert.throws(() => execFileSync(bin, ["site", "add", "--data", q.dataDir, ...args], { stdio: "pipe" }), args.join(" "));
    }
    assert.match(execFileSync(bin, ["site", "list", "--data", q.dataDir]).toString(), /xa-kim-phu\tkimphu\.example\.vn\tXã Kim Phú\n/);
    // Siblings in Vietnamese alphabetical order, as the portal lists them (byte order put "Á" after "K").
    execFileSync(bin, ["site", "add", "--data", q.dataDir, "--name", "Xã Ánh Dương", "--host", "anhduong.example.vn"]);
    const listed = execFileSync(bin, ["site", "list", "--data", q.dataDir]).toString();
    assert.ok(listed.indexOf("xa-anh-duong\t") >= 0 && listed.indexOf("xa-anh-duong\t") < listed.indexOf("xa-kim-phu\t"), listed);
  } finally {
    await q.stop();
  }
  const r = await Portico.start({ dataDir: q.dataDir });
  try {
    const home = await r.raw("GET / HTTP/1.1\r\nHost: kimphu.example.vn\r\nConnection: close\r\n\r\n");
    assert.match(home, /HTTP\/1\.1 200/);
    assert.match(home, /<span class="brand-line2">Xã Kim Phú<\/span>/);
    assert.match(home, /Chưa có tin bài nào được đăng\./);
    assert.match(home, /<a href="https:\/\/dichvucong\.gov\.vn">Thủ tục hành chính<\/a>/);
    assert.match(home, /<a href="\/chuyen-muc\/tin-tuc-su-kien">Tin tức – Sự kiện<\/a>/);
    assert.doesNotMatch(home, /Xây dựng Đảng/, "the demo's topics belong to the demo site");
    for (const path of ["/chuyen-muc/tin-tuc-su-kien", "/van-ban", "/hoi-dap", "/gioi-thieu", "/lien-he", "/lich-cong-tac", "/lay-y-kien", "/thong-tin-tong-hop", "/so-do-cong"]) {
      const page = await r.raw(`GET ${path} HTTP/1.1\r\nHost: kimphu.example.vn\r\nConnection: close\r\n\r\n`);
      assert.match(page, /^HTTP\/1\.1 200/, path);
      assert.match(page, /Xã Kim Phú/, path);
    }
  } finally {
    await r.cleanup();
  }
});
