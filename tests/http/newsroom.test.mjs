// The newsroom's accounts: CLI, sign-in with CSRF and throttling, sessions, roles, audit log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, htmlErrors } from "../lib/portico.mjs";

let p;
const PASSWORDS = { quantri: "mat-khau-quan-tri", bientap: "mat-khau-bien-tap" };

function cli(...args) {
  const input = args.at(-1)?.stdin;
  if (input !== undefined) args.pop();
  return execFileSync(bin, [...args, "--data", p.dataDir], { input: input ?? "", encoding: "utf8" });
}

before(async () => {
  p = await Portico.start();
  // accounts are created while the server runs
  cli("user", "add", "quantri", "--role", "admin", "--password-stdin", { stdin: PASSWORDS.quantri + "\n" });
  cli("user", "add", "bientap", "--role", "editor", "--password-stdin", { stdin: PASSWORDS.bientap + "\n" });
});
after(async () => { await p.cleanup(); });

test("user add prints a generated password once, and it signs in", async () => {
  const out = cli("user", "add", "xemxet", "--role", "reviewer", "--site", "huyen-yen-son");
  const pw = /Mật khẩu \(chỉ hiện một lần\): (\S+)/.exec(out)[1];
  assert.equal(pw.length, 20);
  const v = new Visitor(p);
  assert.equal((await v.signIn("xemxet", pw)).status, 303);
  assert.equal((await v.fetch("/quan-tri")).status, 200);
});

test("the newsroom needs a session; pages are private", async () => {
  const r = await p.fetch("/quan-tri");
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), "/quan-tri/dang-nhap");
  assert.equal((await p.fetch("/quan-tri/nhat-ky")).status, 303);
  const form = await p.fetch("/quan-tri/dang-nhap");
  assert.equal(form.status, 200);
  assert.equal(form.headers.get("cache-control"), "no-store");
  assert.match(form.headers.get("set-cookie"), /^csrf-dn=[\w-]{43}; Path=\/quan-tri; Max-Age=3600; HttpOnly; SameSite=Strict$/);
});

test("sign-in without or with a wrong CSRF token is 403", async () => {
  const v = new Visitor(p);
  const html = await (await v.fetch("/quan-tri/dang-nhap")).text();
  const fields = { ten: "quantri", "mat-khau": PASSWORDS.quantri };
  assert.equal((await v.post("/quan-tri/dang-nhap", fields)).status, 403);
  assert.equal((await v.post("/quan-tri/dang-nhap", { ...fields, csrf: "x".repeat(43) })).status, 403);
  // a token from another browser does not fit this browser's cookie
  const other = new Visitor(p);
  await other.fetch("/quan-tri/dang-nhap");
  const forged = await p.fetch("/quan-tri/dang-nhap", { method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `csrf-dn=${other.cookies.get("csrf-dn")}` },
    body: new URLSearchParams({ ...fields, csrf: Visitor.csrfOf(html) }).toString() });
  assert.equal(forged.status, 403);
  assert.match(await forged.text(), /Biểu mẫu đã hết hạn hoặc không hợp lệ/);
  assert.equal((await v.fetch("/quan-tri")).status, 303, "still signed out");
});

test("wrong password is 401 with a Vietnamese message; the right one opens a session", async () => {
  const v = new Visitor(p);
  const bad = await v.signIn("quantri", "sai-mat-khau");
  assert.equal(bad.status, 401);
  const html = await bad.text();
  assert.match(html, /Tên đăng nhập hoặc mật khẩu không đúng./);
  assert.match(html, /value="quantri"/);
  const ok = await v.signIn("quantri", PASSWORDS.quantri);
  assert.equal(ok.status, 303);
  const cookie = ok.headers.getSetCookie().find((c) => c.startsWith("phien="));
  assert.match(cookie, /^phien=[\w-]{43}; Path=\/quan-tri; Max-Age=28800; HttpOnly; SameSite=Lax$/);
  const dash = await v.fetch("/quan-tri");
  assert.equal(dash.status, 200);
  const text = await dash.text();
  for (const s of ["Bảng điều khiển", "Bài nháp của tôi", "Chờ duyệt", "Hẹn giờ xuất bản", "Mới xuất bản", "(Quản trị)",
    "Huyện Yên Sơn tổng kết công tác năm"])
    assert.ok(text.includes(s), s);
  // signed in, the sign-in page sends you on
  assert.equal((await v.fetch("/quan-tri/dang-nhap")).headers.get("location"), "/quan-tri");
});

test("brute force on an account is throttled with 429 and Retry-After", async () => {
  cli("user", "add", "nannhan", "--role", "editor", "--password-stdin", { stdin: "mat-khau-dung-roi\n" });
  const v = new Visitor(p);
  for (let i = 0; i < 5; i++) assert.equal((await v.signIn("nannhan", "doan-" + i)).status, 401);
  const locked = await v.signIn("nannhan", "mat-khau-dung-roi");
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get("retry-after")) > 800);
  assert.match(await locked.text(), /Đăng nhập sai quá nhiều lần/);
});

test("roles: an editor may not read the audit log", async () => {
  const v = new Visitor(p);
  assert.equal((await v.signIn("bientap", PASSWORDS.bientap)).status, 303);
  const r = await v.fetch("/quan-tri/nhat-ky");
  assert.equal(r.status, 403);
  assert.match(await r.text(), /Không có quyền/);
  assert.doesNotMatch(await (await v.fetch("/quan-tri")).text(), /Nhật ký hệ thống/);
});

test("the audit log records sign-ins, failures and account changes, with addresses", async () => {
  const v = new Visitor(p);
  await v.signIn("quantri", PASSWORDS.quantri);
  const r = await v.fetch("/quan-tri/nhat-ky");
  assert.equal(r.status, 200);
  const html = await r.text();
  for (const s of ["Đăng nhập</td>", "Đăng nhập không thành công</td>", "Thêm tài khoản</td>", "127.0.0.1", "role=editor"])
    assert.ok(html.includes(s), s);
  for (const bad of ["0", "-1", "x"]) assert.equal((await v.fetch("/quan-tri/nhat-ky?trang=" + bad)).status, 400);
});

test("sign-out needs the session's CSRF token and ends the session", async () => {
  const v = new Visitor(p);
  await v.signIn("bientap", PASSWORDS.bientap);
  const dash = await (await v.fetch("/quan-tri")).text();
  const session = v.cookies.get("phien");
  assert.equal((await v.post("/quan-tri/dang-xuat", { csrf: "sai" })).status, 403);
  const out = await v.post("/quan-tri/dang-xuat", { csrf: Visitor.csrfOf(dash) });
  assert.equal(out.status, 303);
  assert.equal((await v.fetch("/quan-tri")).status, 303);
  // the old cookie is dead on the server, not only forgotten by the browser
  assert.equal((await p.fetch("/quan-tri", { headers: { cookie: "phien=" + session } })).status, 303);
});

test("disable and passwd from the command line end sessions at once", async () => {
  cli("user", "add", "tamthoi", "--role", "editor", "--password-stdin", { stdin: "mat-khau-tam-thoi\n" });
  const v = new Visitor(p);
  await v.signIn("tamthoi", "mat-khau-tam-thoi");
  assert.equal((await v.fetch("/quan-tri")).status, 200);
  cli("user", "passwd", "tamthoi", "--password-stdin", { stdin: "mat-khau-moi-hon\n" });
  assert.equal((await v.fetch("/quan-tri")).status, 303);
  assert.equal((await v.signIn("tamthoi", "mat-khau-moi-hon")).status, 303);
  cli("user", "disable", "tamthoi");
  assert.equal((await v.fetch("/quan-tri")).status, 303);
  assert.equal((await v.signIn("tamthoi", "mat-khau-moi-hon")).status, 401);
});

test("a role change takes effect at once and is audited", async () => {
  cli("user", "add", "doivaitro", "--role", "editor", "--password-stdin", { stdin: "mat-khau-doi-vai-tro\n" });
  const v = new Visitor(p);
  await v.signIn("doivaitro", "mat-khau-doi-vai-tro");
  assert.equal((await v.fetch("/quan-tri/nhat-ky")).status, 403);
  assert.match(cli("user", "role", "doivaitro", "--role", "admin"), /Quản trị/);
  assert.equal((await v.fetch("/quan-tri")).status, 303, "the old session ended");
  await v.signIn("doivaitro", "mat-khau-doi-vai-tro");
  const log = await (await v.fetch("/quan-tri/nhat-ky")).text();
  assert.match(log, /Đổi vai trò<\/td><td>doivaitro<\/td><td><\/td><td>editor → admin/);
});

test("bad account commands fail with a message", () => {
  assert.throws(() => cli("user", "add", "ab", "--role", "editor"), /3–64 ký tự/);
  assert.throws(() => cli("user", "add", "hople", "--role", "sep"), /vai trò/);
  assert.throws(() => cli("user", "add", "quantri", "--role", "admin"), /đã có/);
  assert.throws(() => cli("user", "add", "ngan", "--role", "editor", "--password-stdin", { stdin: "ngan\n" }), /ít nhất 10/);
  assert.throws(() => cli("user", "passwd", "khongco"), /không có tài khoản/);
  assert.throws(() => cli("user", "add", "hople", "--role", "editor", "--site", "khong-co"), /không có trang/);
});

test("newsroom pages have no HTML errors", async () => {
  const v = new Visitor(p);
  const pages = { login: await (await v.fetch("/quan-tri/dang-nhap")).text() };
  pages.login_error = await (await v.signIn("quantri", "sai-mat-khau-nua")).text();
  await v.signIn("quantri", PASSWORDS.quantri);
  pages.dashboard = await (await v.fetch("/quan-tri")).text();
  pages.audit = await (await v.fetch("/quan-tri/nhat-ky")).text();
  pages.forbidden = await (await v.post("/quan-tri/dang-xuat", { csrf: "sai" })).text();
  assert.deepEqual(htmlErrors(pages), []);
});
