// The newsroom in real Chromium: sign-in by keyboard, and axe-core on its pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, bin } from "../lib/portico.mjs";
import { launch, axe, PHONE, DESKTOP } from "../lib/browser.mjs";

let p, browser;
before(async () => {
  p = await Portico.start();
  execFileSync(bin, ["user", "add", "quantri", "--role", "admin", "--password-stdin", "--data", p.dataDir],
    { input: "mat-khau-quan-tri\n" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await p?.cleanup();
});

async function signIn(page, password) {
  await page.goto(p.url("/quan-tri"));
  await page.getByLabel("Tên đăng nhập").focus();
  await page.keyboard.type("quantri");
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  const submitted = page.waitForNavigation();
  await page.keyboard.press("Enter");
  await submitted;
}

test("an administrator signs in with the keyboard, sees the dashboard and signs out", async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await signIn(page, "sai-mat-khau");
  assert.ok(await page.getByRole("alert").getByText("Tên đăng nhập hoặc mật khẩu không đúng.").isVisible());
  await signIn(page, "mat-khau-quan-tri");
  assert.equal(new URL(page.url()).pathname, "/quan-tri");
  assert.equal(await page.locator("h1").innerText(), "Bảng điều khiển");
  await page.getByRole("link", { name: "Nhật ký hệ thống" }).click();
  assert.ok(await page.getByRole("cell", { name: "Đăng nhập không thành công" }).first().isVisible());
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  assert.equal(new URL(page.url()).pathname, "/quan-tri/dang-nhap");
  await page.close();
});

for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  test(`axe-core: newsroom pages have no WCAG 2.1 A/AA violations (${name})`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(p.url("/quan-tri/dang-nhap"));
    assert.deepEqual(await axe(page), [], "sign-in");
    await signIn(page, "sai-mat-khau");
    assert.deepEqual(await axe(page), [], "sign-in with error");
    await signIn(page, "mat-khau-quan-tri");
    assert.deepEqual(await axe(page), [], "dashboard");
    await page.goto(p.url("/quan-tri/nhat-ky"));
    assert.deepEqual(await axe(page), [], "audit log");
    await context.close();
  });
}
