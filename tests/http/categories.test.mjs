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

const menu = async () => {
  const html = await (await p.fetch("/")).text();
  const nav = /<ul id="menu-list" class="menu">([\s\S]*?)<\/ul>/.exec(html)[1];
  const all = [...nav.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1]);
  // Categories only: without "Trang chủ" and the fixed sections that follow the categories.
  assert.deepEqual(all.slice(-2), ["Văn bản", "Hỏi đáp"]);
  return all.slice(1, -2);
};
const idOf = async (name) => {
  const html = await (await admin.fetch("/quan-tri/chuyen-muc")).text();
  return new RegExp(`id="ten-(\\d+)" name="ten" type="text" required value="${name}"`).exec(html)[1];
};

test("add, rename, hide and reorder: the public menu follows at once", async () => {
  const before = await menu();
  assert.deepEqual(before.slice(0, 2), ["Tin tức – Sự kiện", "Xây dựng Đảng"]);
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
  const first = await idOf("Tin tức – Sự kiện");
  await admin.post(`/quan-tri/chuyen-muc/${first}/len`, { csrf: admin.csrf });  // already first: nothing happens
  assert.equal((await menu())[0], "Tin tức – Sự kiện");
});

test("nesting works and a category cannot go inside itself", async () => {
  const parent = await idOf("Kinh tế");
  let r = await admin.post("/quan-tri/chuyen-muc", { csrf: admin.csrf, ten: "Nông nghiệp", cha: parent });
  assert.equal(r.status, 303);
  const child = await idOf("Nông nghiệp");
  assert.ok(!(await menu()).includes("Nông nghiệp"), "children are not in the top menu");
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
