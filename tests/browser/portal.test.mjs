// The portal in real Chromium: article elements, display controls, copy link, accessibility.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, Visitor, signedIn } from "../lib/portico.mjs";
import { png } from "../lib/png.mjs";
import { launch, axe, PHONE, DESKTOP } from "../lib/browser.mjs";

let p, browser;
before(async () => {
  p = await Portico.start();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await p?.cleanup();
});

const ARTICLE = "/bai-viet/go-kho-phat-trien-dang-vien";

test("the article page shows every element of the reference article", async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(p.url(ARTICLE));
  const crumbs = await page.locator("nav.breadcrumbs li").allInnerTexts();
  assert.deepEqual(crumbs.map((s) => s.replace(/^›\s*/, "").trim()), ["Trang chủ", "Tin tức – Sự kiện", "Xây dựng Đảng", "Gỡ khó phát triển đảng viên"]);
  assert.equal(await page.locator("h1").innerText(), "Gỡ khó phát triển đảng viên");
  assert.equal(await page.locator(".article-meta time").first().innerText(), "Thứ Năm, 12/10/2023 08:15");
  assert.match(await page.locator(".article-lead").innerText(), /^Phát triển đảng viên là một trong những nhiệm vụ/);
  const fig = page.locator(".article-body figure");
  assert.ok(await fig.locator("img").isVisible());
  assert.equal(await fig.locator("figcaption").innerText(),
    "Chi bộ thôn Ghềnh Nà, xã Công Đa (Yên Sơn) bàn giải pháp phát triển đảng viên mới.");
  assert.equal(await page.locator(".article-source").innerText(), "Nguồn: Theo TQĐT");
  assert.ok(await page.getByRole("button", { name: "Sao chép liên kết" }).isVisible());
  assert.ok(await page.getByRole("button", { name: "In bài viết" }).isVisible());
  assert.ok((await page.locator(".related-list li").count()) >= 3);
  assert.ok(await page.getByText("CHÀO MỪNG ĐẾN VỚI CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN YÊN SƠN").isVisible());
  for (const name of ["A- (giảm cỡ chữ)", "A (cỡ chữ mặc định)", "A+ (tăng cỡ chữ)", "Tăng tương phản", "Giảm tương phản"])
    assert.ok(await page.getByRole("button", { name, exact: true }).isVisible(), name);
  await page.close();
});

test("print stylesheet shows the article alone with its address", async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(p.url(ARTICLE));
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".sidebar").isVisible(), false);
  assert.equal(await page.locator(".mainnav").isVisible(), false);
  assert.ok(await page.locator("h1").isVisible());
  assert.ok(await page.locator(".article-source").isVisible());
  assert.match(await page.locator(".print-url").innerText(), /\/bai-viet\/go-kho-phat-trien-dang-vien$/);
  await page.close();
});

test("A+, A- and contrast change the page at once and survive a reload", async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(p.url(ARTICLE));
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const base = await rootSize();
  await page.getByRole("button", { name: "Tăng cỡ chữ" }).click();
  await page.getByRole("button", { name: "Tăng cỡ chữ" }).click();
  assert.equal(await rootSize(), base * 1.25);
  await page.getByRole("button", { name: "Tăng tương phản" }).click();
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), "rgb(0, 0, 0)");
  await page.reload();
  // the server sent the page already in the chosen size and contrast
  assert.equal(await page.evaluate(() => document.documentElement.className), "fs-3 hc js");
  assert.equal(await rootSize(), base * 1.25);
  assert.equal(await bg(), "rgb(0, 0, 0)");
  await page.getByRole("button", { name: "Giảm cỡ chữ" }).click();
  await page.getByRole("button", { name: "Giảm tương phản" }).click();
  assert.equal(await rootSize(), base * 1.125);
  assert.notEqual(await bg(), "rgb(0, 0, 0)");
  await page.getByRole("button", { name: "Cỡ chữ mặc định" }).click();
  assert.equal(await rootSize(), base);
  await context.close();
});

test("without JavaScript the display buttons still work through the form", async () => {
  const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(p.url("/chuyen-muc/kinh-te"));
  await page.getByRole("button", { name: "Tăng cỡ chữ" }).click();
  await page.waitForURL(p.url("/chuyen-muc/kinh-te"));
  assert.equal(await page.evaluate(() => document.documentElement.className), "fs-2");
  await page.getByRole("button", { name: "Tăng tương phản" }).click();
  assert.equal(await page.evaluate(() => document.documentElement.className), "fs-2 hc");
  await context.close();
});

test("The copy-link button puts the article's address on the clipboard", async () => {
  const context = await browser.newContext({ viewport: DESKTOP, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(p.url(ARTICLE));
  await page.getByRole("button", { name: "Sao chép liên kết" }).click();
  await page.getByText("Đã sao chép địa chỉ bài viết.").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), p.url(ARTICLE));
  await context.close();
});

test("The copy-link button falls back to selecting the address when the clipboard is refused", async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("no")) } });
    document.execCommand = () => false;
  });
  await page.goto(p.url(ARTICLE));
  await page.getByRole("button", { name: "Sao chép liên kết" }).click();
  await page.getByText("Đã chọn địa chỉ bài viết, nhấn Ctrl+C để sao chép.").waitFor();
  const selected = await page.evaluate(() => {
    const i = document.getElementById("dia-chi-bai-viet");
    return i.value.substring(i.selectionStart, i.selectionEnd);
  });
  assert.equal(selected, p.url(ARTICLE));
  await context.close();
});

test("keyboard: the first Tab reaches the skip link, which moves focus to the content", async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(p.url("/"));
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Bỏ qua đến nội dung chính");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "noi-dung");
  await page.close();
});

test("phone menu is a button that opens the list, and sub-lists open from their own buttons", async () => {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(p.url("/"));
  const button = page.getByRole("button", { name: "Danh mục" });
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  const menu = page.locator("#menu-list");
  assert.equal(await menu.getByRole("link", { name: "Văn bản" }).isVisible(), false);
  await button.click();
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.ok(await menu.getByRole("link", { name: "Văn bản" }).isVisible());
  assert.equal(await menu.getByRole("link", { name: "Kinh tế" }).isVisible(), false, "sub-lists start closed");
  const sub = page.getByRole("button", { name: "Các mục trong Tin tức – Sự kiện" });
  await sub.click();
  assert.equal(await sub.getAttribute("aria-expanded"), "true");
  assert.ok(await menu.getByRole("link", { name: "Kinh tế" }).isVisible());
  assert.deepEqual(await axe(page), []);
  await page.close();
});

test("desktop menu: a sub-list opens by keyboard, Escape closes it and gives focus back, one at a time", async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(p.url("/"));
  const news = page.getByRole("button", { name: "Các mục trong Tin tức – Sự kiện" });
  const about = page.getByRole("button", { name: "Các mục trong Giới thiệu" });
  await news.focus();
  await page.keyboard.press("Enter");
  assert.equal(await news.getAttribute("aria-expanded"), "true");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Xây dựng Đảng", "the first entry follows its button");
  assert.deepEqual(await axe(page), [], "axe with a sub-list open");
  await page.keyboard.press("Escape");
  assert.equal(await news.getAttribute("aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-controls")), "menu-sub-2");
  assert.equal(await page.locator("#menu-sub-2").isVisible(), false);
  await about.click();
  await news.click();
  assert.equal(await about.getAttribute("aria-expanded"), "false", "opening one closes the other");
  await page.mouse.click(5, 800);
  assert.equal(await news.getAttribute("aria-expanded"), "false", "a click elsewhere closes it");
  // The external entry leads to the national public-service portal.
  assert.equal(await page.getByRole("link", { name: "Thủ tục hành chính" }).getAttribute("href"), "https://dichvucong.gov.vn");
  await page.close();
});

test("without scripts the sub-list buttons stay hidden and a section's page lists what is under it", async () => {
  const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(p.url("/"));
  assert.equal(await page.locator(".sub-toggle").first().isVisible(), false);
  await page.getByRole("link", { name: "Tin tức – Sự kiện", exact: true }).first().click();
  assert.match(page.url(), /\/chuyen-muc\/tin-tuc-su-kien$/);
  assert.ok(await page.locator(".content").getByRole("link", { name: "Kinh tế", exact: true }).isVisible());
  await context.close();
});

for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  for (const path of ["/", "/chuyen-muc/xay-dung-dang", ARTICLE, "/khong-co", "/tim-kiem?q=%C4%91%E1%BA%A3ng+vi%C3%AAn", "/tim-kiem?q=xyzzy", "/so-do-cong", "/cong-thanh-phan", "/du-lieu-mo"]) {
    test(`axe-core: no WCAG 2.1 A/AA violations on ${path} (${name})`, async () => {
      for (const cookie of ["s1c0", "s4c1"]) {
        const context = await browser.newContext({ viewport });
        await context.addCookies([{ name: "hien-thi", value: cookie, url: p.base }]);
        const page = await context.newPage();
        await page.goto(p.url(path));
        assert.deepEqual(await axe(page), [], `${path} ${name} ${cookie}`);
        await context.close();
      }
    });
  }
}

test("search from the header box by keyboard; results mark the words in their original accents", async () => {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(p.url("/"));
  await page.getByRole("searchbox", { name: "Từ khoá tìm kiếm" }).fill("DANG VIEN");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/tim-kiem\?q=DANG\+VIEN/);
  assert.match(await page.locator(".search-summary").innerText(), /^Tìm thấy \d+ kết quả cho “DANG VIEN”$/);
  assert.ok(await page.getByRole("link", { name: "Gỡ khó phát triển đảng viên" }).isVisible());
  assert.ok((await page.locator(".result-snippet mark").allInnerTexts()).some((t) => t === "đảng" || t === "Đảng"));
  assert.equal(await page.getByRole("searchbox", { name: "Từ khoá tìm kiếm" }).inputValue(), "DANG VIEN");
  await page.close();
});

test("a sub-portal at its own host name, in its own colour, emblem and masthead image, and the province pass axe on phone and desktop, in high contrast too", async () => {
  const base = `http://trungson.localhost:${p.port}`;  // *.localhost is the loopback in Chromium
  // Its administrator gives it an emblem and a masthead image from its library.
  const admin = await signedIn(p, "quantri-ts", "admin", { site: "xa-trung-son", host: "trungson.localhost" });
  const csrf = Visitor.csrfOf(await (await admin.fetch("/quan-tri/giao-dien")).text());
  for (const [file, alt] of [[png(400, 400), "Biểu trưng"], [png(1800, 400), "Đồi chè"]]) {
    const form = new FormData();
    form.append("csrf", csrf);
    form.append("mo-ta", alt);
    form.append("tep", new Blob([file], { type: "image/png" }), "anh.png");
    const encoded = new Request("http://upload/", { method: "POST", body: form });
    const r = await admin.fetch(`/quan-tri/tep?csrf=${csrf}`, { method: "POST", body: Buffer.from(await encoded.arrayBuffer()),
      headers: { "content-type": encoded.headers.get("content-type") } });
    assert.equal(r.status, 303);
  }
  const options = await (await admin.fetch("/quan-tri/giao-dien")).text();
  const id = (alt) => new RegExp(`<option value="(\\d+)">${alt}</option>`).exec(options)[1];
  assert.equal((await admin.post("/quan-tri/giao-dien", { csrf, "bieu-trung": id("Biểu trưng"), "anh-dau-trang": id("Đồi chè") })).status, 303);
  for (const [name, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    for (const cookie of ["s1c0", "s4c1"]) {
      const context = await browser.newContext({ viewport });
      await context.addCookies([{ name: "hien-thi", value: cookie, url: base }]);
      const page = await context.newPage();
      await page.goto(base + "/");  // the demo's commune, in its own colour
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".masthead")).backgroundColor),
        cookie === "s1c0" ? "rgb(11, 83, 148)" : "rgb(0, 0, 0)", `${name} ${cookie}`);
      // The masthead image decodes; high contrast hides it.
      const banner = page.locator(".masthead-image");
      assert.equal(await banner.isVisible(), cookie === "s1c0", `banner ${name} ${cookie}`);
      assert.ok(await page.evaluate(() => document.querySelector(".logo").naturalWidth > 0), "the emblem decodes");
      assert.deepEqual(await axe(page), [], `${name} ${cookie}`);
      // The directory, and the news the province shared to it (list and article).
      for (const path of ["/cong-thanh-phan", "/tin-chia-se", "/tin-chia-se/tuyen-quang-trien-khai-mo-hinh-chinh-quyen-dia-phuong-hai-cap"]) {
        await page.goto(base + path);
        assert.deepEqual(await axe(page), [], `${path} ${name} ${cookie}`);
      }
      // The province: its sidebar lists the sub-portals; its search covers them.
      const province = `http://tuyenquang.localhost:${p.port}`;
      await context.addCookies([{ name: "hien-thi", value: cookie, url: province }]);
      // (Xã Hùng Lợi is under a path of the province's host.)
      for (const path of ["/", "/tim-kiem?q=xa", "/xa-hung-loi/", "/xa-hung-loi/tin-chia-se"]) {
        await page.goto(province + path);
        assert.deepEqual(await axe(page), [], `province ${path} ${name} ${cookie}`);
      }
      await context.close();
    }
  }
});
