// The government sections in real Chromium: filtering legal documents by keyboard on a
// phone, sending a question and reading its tracking page, a dataset's chart and table,
// axe-core on every page, and 200% text without horizontal scrolling.
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

const ORG = ["/gioi-thieu", "/gioi-thieu/co-cau-to-chuc", "/lien-he", "/en", "/en/organisation", "/en/contact"];
const DRAFT = "/lay-y-kien/du-thao-quy-che-quan-ly-van-hanh-cong-thong-tin-dien-tu-huyen-yen-son";

test("drafts, the schedule and the organisation's pages in both languages pass axe-core on a phone and a desktop", async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const path of ["/lay-y-kien", DRAFT, "/lich-cong-tac", ...ORG]) {
      await page.goto(p.url(path));
      assert.deepEqual(await axe(page), [], path);
    }
    // The schedule's print button appears with JavaScript; print styles drop the navigation.
    await page.goto(p.url("/lich-cong-tac"));
    assert.equal(await page.getByRole("button", { name: "In lịch" }).isVisible(), true);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".week-nav").isVisible(), false);
    assert.equal(await page.locator(".sidebar").isVisible(), false);
    await context.close();
  }
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
    for (const path of ["/van-ban", "/van-ban/quyet-dinh-09-qd-ubnd", "/hoi-dap", "/hoi-dap/1", "/hoi-dap/gui",
      "/hoi-dap/tra-cuu?ma=HD-DEMO-0001", "/thong-tin-tong-hop", "/thong-tin-tong-hop/ket-nap-dang-vien-so-voi-ke-hoach", "/lay-y-kien", DRAFT, "/lich-cong-tac", ...ORG]) {
      await page.goto(p.url(path));
      await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client + 1, `${path} at ${viewport.width}px: ${scroll} > ${client}`);
    }
    await context.close();
  }
});

test("a citizen sends a question by keyboard and gets a tracking code", async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(p.url("/hoi-dap"));
  assert.deepEqual(await axe(page), []);
  await page.getByRole("link", { name: "Gửi câu hỏi, góp ý" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Gửi câu hỏi, góp ý" }).waitFor();
  assert.deepEqual(await axe(page), []);
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Hỏi");
  await page.keyboard.press("Tab");
  await page.keyboard.type("0912345678");
  await page.getByLabel("Lĩnh vực").selectOption("Giáo dục – Đào tạo");
  await page.getByLabel("Tiêu đề").fill("Lịch tuyển sinh lớp 1");
  await page.getByLabel("Nội dung câu hỏi, góp ý").fill("Xin hỏi khi nào trường tiểu học thị trấn nhận hồ sơ tuyển sinh lớp 1?");
  // The hidden field is out of the tab order: from the file input, Tab goes to the button.
  await page.getByLabel(/Tệp đính kèm/).focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Gửi");
  await page.waitForTimeout(3100);  // a person takes longer than the minimum fill time
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/hoi-dap\/tra-cuu\?ma=HD-/);
  const code = await page.locator(".qa-code").innerText();
  assert.match(code, /^HD-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  assert.equal(await page.locator(".doc-fields dd").nth(3).innerText(), "Đã tiếp nhận, chờ xử lý");
  assert.ok(!(await page.content()).includes("Nguyễn Thị Hỏi"));
  assert.deepEqual(await axe(page), []);
  await page.goto(p.url("/hoi-dap/1"));
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test("a dataset page: the chart is an image named by its title with every figure in its description", async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(p.url("/thong-tin-tong-hop/ket-nap-dang-vien-so-voi-ke-hoach"));
    const chart = page.getByRole("img", { name: "Kết nạp đảng viên so với kế hoạch" });
    assert.equal(await chart.count(), 1);
    const description = await chart.evaluate((svg) => svg.querySelector("desc").textContent);
    assert.match(description, /Hàm Yên \(kế hoạch năm 2023; 9 tháng\): Kế hoạch hoặc nguồn 248, Đã kết nạp 133/);
    const box = await chart.boundingBox();
    assert.ok(box.width <= viewport.width, "the chart fits the window");
    assert.equal(await page.getByRole("table", { name: /Kết nạp đảng viên so với kế hoạch/ }).count(), 1);
    assert.deepEqual(await axe(page), []);
    await page.goto(p.url("/thong-tin-tong-hop"));
    assert.deepEqual(await axe(page), []);
    await context.close();
  }
});

test("a reader switches language by keyboard and lands on the same page in English", async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(p.url("/gioi-thieu/co-cau-to-chuc"));
  await page.getByRole("link", { name: "English" }).first().focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/en\/organisation$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Organisation");
  await context.close();
});
