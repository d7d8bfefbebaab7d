// The legal-document register in real Chromium: filtering by keyboard on a phone, the
// document page, axe-core on both, and 200% text without horizontal scrolling.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico } from "../lib/portico.mjs";
import { launch, axe, PHONE, DESKTOP } from "../lib/browser.mjs";

let p, browser;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await p?.cleanup();
});

test("a reader filters documents by keyboard and opens one", async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(p.url("/van-ban"));
  assert.deepEqual(await axe(page), []);
  await page.getByLabel("Số, ký hiệu hoặc từ khoá").fill("dang vien");
  await page.getByLabel("Tình trạng hiệu lực").focus();
  await page.getByLabel("Tình trạng hiệu lực").selectOption("con-hieu-luc");
  await page.keyboard.press("Tab");  // on to the next control, then submit from the keyboard
  await page.getByRole("button", { name: "Tra cứu" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/hieu-luc=con-hieu-luc/);
  const found = await page.locator(".doc-title a").allInnerTexts();
  assert.deepEqual(found.sort(), ["Chỉ thị số 28-CT/TW", "Đề án số 03-ĐA/TU"]);
  assert.equal(await page.getByLabel("Tình trạng hiệu lực").inputValue(), "con-hieu-luc", "the choice is kept");
  assert.deepEqual(await axe(page), []);
  await page.getByRole("link", { name: "Đề án số 03-ĐA/TU" }).click();
  await page.getByRole("heading", { level: 1, name: "Đề án số 03-ĐA/TU" }).waitFor();
  assert.equal(await page.locator(".doc-state").innerText(), "Còn hiệu lực");
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test("at 200% text on a phone and on a desktop the pages do not scroll sideways", async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const path of ["/van-ban", "/van-ban/quyet-dinh-09-qd-ubnd"]) {
      await page.goto(p.url(path));
      await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client + 1, `${path} at ${viewport.width}px: ${scroll} > ${client}`);
    }
    await context.close();
  }
});
