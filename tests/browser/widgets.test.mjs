// The reader's sidebar in real Chromium: rate and vote by keyboard and see the totals
// change, the same without JavaScript, the map's fallback list, and axe-core on the
// pages the widgets add.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico } from "../lib/portico.mjs";
import { launch, axe, PHONE, DESKTOP } from "../lib/browser.mjs";

let p, browser;
before(async () => {
  // No tiles from the internet in tests: the map still draws its markers on a blank layer.
  p = await Portico.start({ config: 'weather_interval_s = 0\nmap_tiles = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await p?.cleanup();
});

const ARTICLE = "/bai-viet/go-kho-phat-trien-dang-vien";
const totalsText = (page) => page.locator(".rating-total").innerText();

test("a reader rates an article by keyboard and sees the totals change in place", async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(p.url(ARTICLE));
  assert.equal(await totalsText(page), "Tổng số điểm của bài viết là: 0 trong 0 đánh giá");
  assert.equal(await page.locator(".stars legend").innerText(), "Click để đánh giá bài viết");
  // A radio group: Tab reaches it, arrows move between the stars, the submit button sends.
  await page.getByRole("radio", { name: "1 sao" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.ok(await page.getByRole("radio", { name: "4 sao" }).isChecked());
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Gửi đánh giá");
  await page.keyboard.press("Enter");
  await page.getByText("Cảm ơn bạn đã đánh giá bài viết.").waitFor();
  assert.equal(await totalsText(page), "Tổng số điểm của bài viết là: 4 trong 1 đánh giá");
  assert.equal(new URL(page.url()).pathname, ARTICLE, "no page load");
  // The same reader again: told, not counted.
  await page.reload();
  await page.locator('label[for="sao-5"]').click();
  await page.getByRole("button", { name: "Gửi đánh giá" }).click();
  await page.getByText("Bạn đã đánh giá bài viết này rồi.").waitFor();
  assert.equal(await totalsText(page), "Tổng số điểm của bài viết là: 4 trong 1 đánh giá");
  await context.close();
});

test("without JavaScript the rating form posts and comes back with the new totals", async () => {
  const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(p.url(ARTICLE));
  await page.locator('label[for="sao-2"]').click();
  assert.ok(await page.getByRole("radio", { name: "2 sao" }).isChecked());
  await page.getByRole("button", { name: "Gửi đánh giá" }).click();
  await page.getByText("Cảm ơn bạn đã đánh giá bài viết.").waitFor();
  assert.equal(await totalsText(page), "Tổng số điểm của bài viết là: 6 trong 2 đánh giá");
  await context.close();
});

test("a reader votes by keyboard and sees the results as labelled bars", async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(p.url("/"));
  const poll = page.locator("form.poll");
  const first = poll.getByRole("radio").first();
  await first.focus();
  await page.keyboard.press("ArrowDown");  // the second option
  const chosen = await poll.getByRole("radio", { checked: true }).getAttribute("id");
  const label = await poll.locator(`label[for="${chosen}"]`).innerText();
  await poll.getByRole("button", { name: "Bình chọn" }).focus();
  await page.keyboard.press("Enter");
  await poll.getByText("Cảm ơn bạn đã tham gia bình chọn.").waitFor();
  const bar = poll.getByRole("progressbar", { name: label, exact: true });
  assert.equal(await bar.getAttribute("value"), "100");
  assert.match(await poll.locator(".poll-count").nth(1).innerText(), /^1 phiếu \(100%\)$/);
  assert.equal(await poll.locator("fieldset").getAttribute("disabled"), "");
  await context.close();
});

test("without JavaScript a vote goes to the results page", async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(p.url("/"));
  await page.locator("form.poll").getByRole("radio").first().check();
  await page.locator("form.poll").getByRole("button", { name: "Bình chọn" }).click();
  await page.getByText("Cảm ơn bạn đã tham gia bình chọn.").waitFor();
  assert.match(new URL(page.url()).pathname, /^\/binh-chon\/\d+$/);
  assert.equal(await page.getByRole("progressbar").count(), 4);
  assert.match(await page.locator(".poll-total").innerText(), /Tổng số: 2 người tham gia\./);
  await context.close();
});

test("the map loads when the reader asks for it and draws markers with Leaflet; without scripts the address list stands alone", async () => {
  let context = await browser.newContext({ viewport: DESKTOP });
  let page = await context.newPage();
  // Nothing goes to the tile server, nor Leaflet to the page, before the reader asks.
  const asked = [];
  page.on("request", (r) => asked.push(r.url()));
  await page.goto(p.url("/"));
  await page.waitForLoadState("networkidle");
  assert.deepEqual(asked.filter((u) => u.includes("127.0.0.1:9/") || u.includes("leaflet")), []);
  assert.ok(!(await page.locator("[data-map]").isVisible()));
  const show = page.getByRole("button", { name: "Hiện bản đồ tương tác" });
  await show.focus();
  await page.keyboard.press("Enter");
  await page.locator(".leaflet-marker-icon").first().waitFor();
  assert.equal(await page.locator(".leaflet-marker-icon").count(), 2);
  assert.ok(await page.locator("[data-map]").isVisible());
  assert.ok(!(await show.isVisible()));
  assert.ok(asked.some((u) => u.includes("leaflet.")), "Leaflet from this site");
  await context.close();
  context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  page = await context.newPage();
  await page.goto(p.url("/"));
  assert.ok(!(await page.locator("[data-map]").isVisible()));
  const link = page.getByRole("link", { name: /^Xem trên bản đồ\s*: Ủy ban nhân dân huyện Yên Sơn$/ });
  assert.equal(await link.count(), 1);
  assert.ok(await link.isVisible());
  await context.close();
});

test("the links widget opens the chosen site through the portal's redirect", async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.route("https://dichvucong.gov.vn/**", (route) => route.fulfill({ status: 200, body: "dich vu cong" }));
  await page.goto(p.url("/"));
  await page.getByLabel("Chọn website").selectOption({ label: "Cổng Dịch vụ công quốc gia" });
  await page.getByRole("button", { name: "Mở" }).click();
  await page.waitForURL("https://dichvucong.gov.vn/**");
  await context.close();
});

for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  test(`axe-core: the sidebar and the widget pages have no WCAG 2.1 A/AA violations (${name})`, async () => {
    for (const cookie of ["s1c0", "s4c1"]) {
      const context = await browser.newContext({ viewport });
      await context.addCookies([{ name: "hien-thi", value: cookie, url: p.base }]);
      const page = await context.newPage();
      for (const path of [ARTICLE, "/binh-chon/1"]) {
        await page.goto(p.url(path));
        await page.locator(".links-list summary").click();  // open the list too
        assert.deepEqual(await axe(page), [], `${path} ${cookie}`);
      }
      await context.close();
    }
  });
}
