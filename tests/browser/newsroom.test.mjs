// The newsroom in real Chromium: sign-in by keyboard, and axe-core on its pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, bin } from "../lib/portico.mjs";
import { launch, axe, PHONE, DESKTOP } from "../lib/browser.mjs";

let p, browser;
before(async () => {
  p = await Portico.start();
  execFileSync(bin, ["user", "add", "quantri", "--role", "admin", "--platform", "--password-stdin", "--data", p.dataDir],
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
    await page.goto(p.url("/quan-tri/chuyen-muc"));
    assert.deepEqual(await axe(page), [], "categories");
    await page.goto(p.url("/quan-tri/bai-viet"));
    assert.deepEqual(await axe(page), [], "articles");
    await page.goto(p.url("/quan-tri/nhuan-but"));
    assert.deepEqual(await axe(page), [], "royalties");
    for (const [path, what] of [["/quan-tri/tien-ich", "widgets"], ["/quan-tri/binh-chon", "polls"],
                                ["/quan-tri/video", "videos"], ["/quan-tri/thong-ke", "visit statistics"],
                                ["/quan-tri/cong-thanh-phan", "sub-portals"], ["/quan-tri/van-hanh", "operations"]]) {
      await page.goto(p.url(path));
      assert.deepEqual(await axe(page), [], what);
    }
    await context.close();
  });
}

test("an administrator announces maintenance: the notice is on every page, readable on a phone and in high contrast", async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(p.url("/quan-tri/dang-nhap"));
  await signIn(page, "mat-khau-quan-tri");
  await page.goto(p.url("/quan-tri/van-hanh"));
  await page.getByLabel("Thông báo bảo trì").fill("Cổng thông tin tạm ngừng để bảo trì từ 22:00 đến 23:00 ngày 20/12/2026.");
  await page.getByRole("button", { name: "Lưu" }).click();
  assert.match(await page.locator("main").innerText(), /Đã lưu/);
  assert.deepEqual(await axe(page), [], "operations page, saved");
  await page.goto(p.url("/"));
  const notice = page.getByRole("region", { name: "Thông báo bảo trì" });
  assert.match(await notice.innerText(), /tạm ngừng để bảo trì từ 22:00/);
  assert.deepEqual(await axe(page), [], "home page with the notice");
  await page.getByRole("button", { name: "Tăng tương phản" }).click();
  assert.deepEqual(await axe(page), [], "the notice in high contrast");
  await page.getByRole("button", { name: "Giảm tương phản" }).click();
  await page.goto(p.url("/quan-tri/van-hanh"));
  await page.getByLabel("Thông báo bảo trì").fill("");
  await page.getByRole("button", { name: "Lưu" }).click();
  await page.goto(p.url("/"));
  assert.equal(await page.getByRole("region", { name: "Thông báo bảo trì" }).count(), 0);
  await context.close();
});

test("an editor writes and submits, an approver publishes, a reader sees it on the home page and its category", async () => {
  execFileSync(bin, ["user", "add", "bientap", "--role", "editor", "--password-stdin", "--data", p.dataDir],
    { input: "mat-khau-bien-tap\n" });
  const editor = await browser.newContext({ viewport: DESKTOP });
  let page = await editor.newPage();
  await page.goto(p.url("/quan-tri/dang-nhap"));
  await page.getByLabel("Tên đăng nhập").fill("bientap");
  await page.getByLabel("Mật khẩu").fill("mat-khau-bien-tap");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // An image for the article, uploaded first.
  const { png } = await import("../lib/png.mjs");
  await page.getByRole("link", { name: "Ảnh và tài liệu" }).click();
  await page.getByLabel(/^Ảnh \(JPEG, PNG, WebP\)/).setInputFiles({ name: "hoi-cho.png", mimeType: "image/png", buffer: png(1200, 800) });
  await page.getByLabel(/^Mô tả ảnh cho người khiếm thị/).fill("Gian hàng nông sản tại hội chợ");
  await page.getByRole("button", { name: "Tải lên" }).click();
  await page.getByText("Đã tải ảnh lên.").waitFor();
  await page.getByRole("link", { name: "Bài viết", exact: true }).click();
  await page.getByRole("link", { name: "Viết bài mới" }).click();
  assert.deepEqual(await axe(page), [], "editor form");
  await page.getByLabel("Tiêu đề", { exact: true }).fill("Hội chợ nông sản Yên Sơn 2026");
  await page.getByLabel("Chuyên mục").selectOption({ label: "Kinh tế" });
  await page.getByLabel("Sapo (tóm tắt)").fill("Hơn 100 gian hàng tham gia hội chợ.");
  // The visual editor: typed text with bold from the toolbar.
  const body = page.getByRole("textbox", { name: "Nội dung" });
  await body.click();
  await page.keyboard.type("Hội chợ diễn ra trong ");
  await page.getByRole("button", { name: "Chữ đậm" }).click();
  await page.keyboard.type("ba ngày");
  assert.deepEqual(await axe(page), [], "editor form with the visual editor");
  // A table copied from a spreadsheet, pasted as HTML (with Word's styling, which goes).
  await page.getByRole("button", { name: "Sửa dạng HTML" }).click();
  await page.locator("#noi-dung-bai").focus();
  await page.locator("#noi-dung-bai").press("End");
  await page.evaluate(() => {
    const box = document.getElementById("noi-dung-bai");
    box.value += '<table style="border:1px solid"><tr><th class="xl65">Ngày</th><th>Lượt khách</th></tr>' +
      '<tr><td style="mso-number-format:General">Thứ Sáu</td><td>1.200</td></tr></table>';
  });
  const coverOption = await page.locator("#anh-dai-dien option", { hasText: "Gian hàng nông sản tại hội chợ" }).getAttribute("value");
  await page.getByLabel("Ảnh đại diện").selectOption(coverOption);
  await page.getByLabel("Chú thích ảnh").fill("Khách tham quan gian hàng nông sản.");
  await page.getByRole("button", { name: "Lưu" }).click();
  await page.getByText("Đã lưu.").waitFor();
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await page.getByText("Chờ duyệt").first().waitFor();
  await editor.close();

  const approverCtx = await browser.newContext({ viewport: PHONE });
  page = await approverCtx.newPage();
  await signIn(page, "mat-khau-quan-tri");
  await page.goto(p.url("/quan-tri/bai-viet?trang-thai=pending"));
  await page.getByRole("link", { name: "Hội chợ nông sản Yên Sơn 2026" }).click();
  assert.deepEqual(await axe(page), [], "approver's view");
  await page.getByRole("button", { name: "Xuất bản" }).click();
  await page.getByText("Đã xuất bản").first().waitFor();
  await approverCtx.close();

  const reader = await browser.newPage({ viewport: PHONE });
  await reader.goto(p.url("/"));
  await reader.getByRole("link", { name: /Hội chợ nông sản Yên Sơn 2026/ }).first().click();
  assert.equal(await reader.locator("h1").innerText(), "Hội chợ nông sản Yên Sơn 2026");
  assert.equal(await reader.locator(".article-body strong").first().innerText(), "ba ngày");
  assert.equal(await reader.locator(".article-body td").first().innerText(), "Thứ Sáu");
  assert.equal(await reader.locator(".article-body [style], .article-body [class]").count(), 0, "Word's styling is gone");
  const cover = reader.locator(".article-cover img");
  assert.equal(await cover.getAttribute("alt"), "Gian hàng nông sản tại hội chợ");
  await cover.scrollIntoViewIfNeeded();
  await reader.waitForFunction(() => document.querySelector(".article-cover img").naturalWidth > 0);
  assert.equal(await reader.locator(".article-cover figcaption").innerText(), "Khách tham quan gian hàng nông sản.");
  await reader.goto(p.url("/chuyen-muc/kinh-te"));
  assert.ok(await reader.locator("main").getByRole("link", { name: /Hội chợ nông sản Yên Sơn 2026/ }).isVisible());
  await reader.close();
});

test("an uploaded image appears in the library, decodes in Chromium, and the page is axe-clean", async () => {
  const { png } = await import("../lib/png.mjs");
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(page, "mat-khau-quan-tri");
  await page.goto(p.url("/quan-tri/tep"));
  await page.getByLabel(/^Ảnh \(JPEG, PNG, WebP\)/).setInputFiles({ name: "dong-lua.png", mimeType: "image/png", buffer: png(900, 500) });
  await page.getByLabel(/^Mô tả ảnh cho người khiếm thị/).fill("Cánh đồng lúa chín ở xã Trung Sơn");
  await page.getByRole("button", { name: "Tải lên" }).click();
  await page.getByText("Đã tải ảnh lên.").waitFor();
  const img = page.getByRole("img", { name: "Cánh đồng lúa chín ở xã Trung Sơn" });
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((alt) => [...document.images].some((i) => i.alt === alt && i.complete && i.naturalWidth > 0),
    "Cánh đồng lúa chín ở xã Trung Sơn");
  assert.equal(await img.evaluate((i) => i.naturalWidth), 320);
  assert.deepEqual(await axe(page), [], "media library");
  await context.close();
});

test("the visual editor never opens a body it cannot keep, and switches to HTML for tables", async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(page, "mat-khau-quan-tri");
  // The reference article has a figure with a caption: it opens in the HTML box.
  await page.goto(p.url("/quan-tri/bai-viet/1"));
  assert.equal(await page.locator(".visual-editor").count(), 0);
  assert.ok(await page.getByLabel("Nội dung", { exact: true }).isVisible());
  // A new article opens in the visual editor; a table goes in through the HTML box.
  await page.goto(p.url("/quan-tri/bai-viet/moi"));
  await page.getByLabel("Tiêu đề", { exact: true }).fill("Bảng số liệu dán từ Word");
  await page.getByRole("textbox", { name: "Nội dung" }).click();
  await page.keyboard.type("Số liệu như sau.");
  await page.getByRole("button", { name: "Sửa dạng HTML" }).click();
  const box = page.locator("#noi-dung-bai");
  assert.ok(await box.isVisible());
  await box.press("End");
  await box.pressSequentially('<table><tr><th>Xã</th><th>Đảng viên mới</th></tr><tr><td>Trung Sơn</td><td>12</td></tr></table>');
  await page.getByRole("button", { name: "Lưu" }).click();
  await page.getByText("Đã lưu.").waitFor();
  const saved = await page.locator("#noi-dung-bai").inputValue();  // a table: the HTML box now
  assert.match(saved, /<p>Số liệu như sau.<\/p><table><tbody><tr><th>Xã<\/th><th>Đảng viên mới<\/th><\/tr><tr><td>Trung Sơn<\/td><td>12<\/td><\/tr><\/tbody><\/table>/);
  await context.close();
});

test("a platform administrator makes a commune's portal on a phone; its administrator publishes its first article and proposes it up; the province takes it and shares it to another commune", async () => {
  const add = (name, role, site, password, ...more) => execFileSync(bin, ["user", "add", name, "--role", role, "--site", site,
    "--password-stdin", "--data", p.dataDir, ...more], { input: `${password}\n` });
  const signInAt = async (page, base, name, password) => {
    await page.goto(base + "/quan-tri/dang-nhap");
    await page.getByLabel("Tên đăng nhập").fill(name);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: "Bảng điều khiển" }).waitFor();
  };
  // *.localhost is the loopback in Chromium: the demo's province and the commune made here.
  const province = `http://tuyenquang.localhost:${p.port}`, commune = `http://kimquan.localhost:${p.port}`;
  add("quantri-tinh", "admin", "tinh-tuyen-quang", "mat-khau-quantri-tinh", "--platform");
  let ctx = await browser.newContext({ viewport: PHONE });
  let page = await ctx.newPage();
  await signInAt(page, province, "quantri-tinh", "mat-khau-quantri-tinh");
  await page.getByRole("link", { name: "Cổng thành phần" }).click();
  assert.deepEqual(await axe(page), [], "sub-portals");
  await page.getByLabel("Tên, ví dụ Xã Trung Sơn").fill("Xã Kim Quan");
  await page.getByLabel(/^Tên miền, ví dụ/).fill("kimquan.localhost");
  await page.getByRole("button", { name: "Tạo cổng thành phần" }).click();
  await page.getByRole("status").getByText("Đã lưu.").waitFor();
  assert.ok(await page.getByRole("heading", { name: "Xã Kim Quan" }).isVisible());
  assert.deepEqual(await axe(page), [], "sub-portals with the new one");
  await ctx.close();

  add("quantri-kimquan", "admin", "xa-kim-quan", "mat-khau-quantri-kimquan");
  ctx = await browser.newContext({ viewport: DESKTOP });
  page = await ctx.newPage();
  await signInAt(page, commune, "quantri-kimquan", "mat-khau-quantri-kimquan");
  await page.getByRole("link", { name: "Bài viết", exact: true }).click();
  await page.getByRole("link", { name: "Viết bài mới" }).click();
  await page.getByLabel("Tiêu đề", { exact: true }).fill("Xã Kim Quan ra mắt cổng thông tin điện tử");
  await page.getByLabel("Chuyên mục").selectOption({ label: "Tin tức – Sự kiện" });
  await page.getByLabel("Sapo (tóm tắt)").fill("Người dân tra cứu thông tin, thủ tục của xã trên điện thoại.");
  await page.getByRole("textbox", { name: "Nội dung" }).click();
  await page.keyboard.type("Cổng thông tin điện tử của xã chính thức hoạt động từ hôm nay.");
  await page.getByRole("button", { name: "Lưu" }).click();
  await page.getByText("Đã lưu.").waitFor();
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await page.getByRole("button", { name: "Xuất bản" }).click();
  await page.getByText("Đã xuất bản").first().waitFor();
  // It proposes the article up to the province ("Tin từ cơ sở").
  await page.getByLabel("Lời nhắn cho người duyệt (không bắt buộc)").fill("Tin ra mắt cổng của xã");
  await page.getByRole("button", { name: "Đề xuất đăng" }).click();
  await page.getByText(/^Đang chờ xem xét/).waitFor();
  assert.deepEqual(await axe(page), [], "the article with its panels");
  await ctx.close();

  // The province's administrator, on a phone, takes it, then shares the copy to Xã Trung Sơn.
  ctx = await browser.newContext({ viewport: PHONE });
  page = await ctx.newPage();
  await signInAt(page, province, "quantri-tinh", "mat-khau-quantri-tinh");
  await page.getByRole("link", { name: "Tin từ cơ sở" }).click();
  assert.ok(await page.getByText("Lời nhắn: Tin ra mắt cổng của xã").isVisible());
  assert.deepEqual(await axe(page), [], "Tin từ cơ sở");
  await page.getByLabel("Đăng vào chuyên mục").selectOption({ label: "Tin tức – Sự kiện" });
  await page.getByRole("button", { name: /^Nhận và đăng/ }).click();
  await page.getByText("Đã xuất bản").first().waitFor();
  await page.getByLabel("Xã Trung Sơn", { exact: true }).check();
  await page.getByRole("button", { name: "Lưu chia sẻ" }).click();
  await page.getByText("Đang chia sẻ tới 1 cổng.", { exact: false }).waitFor();
  assert.deepEqual(await axe(page), [], "the copy, shared");
  await ctx.close();
  const shared = await browser.newPage({ viewport: PHONE });
  await shared.goto(`http://trungson.localhost:${p.port}/`);
  await shared.getByRole("link", { name: "Xã Kim Quan ra mắt cổng thông tin điện tử" }).first().click();
  assert.match(new URL(shared.url()).pathname, /^\/tin-chia-se\//);
  assert.ok(await shared.getByRole("link", { name: "Cổng thông tin điện tử Xã Kim Quan" }).isVisible(), "the source, linked");
  assert.deepEqual(await axe(shared), [], "a shared article on a commune");
  await shared.close();

  // A reader on a phone finds it on the commune's home page, and through the province's search.
  const reader = await browser.newPage({ viewport: PHONE });
  await reader.goto(commune + "/");
  await reader.getByRole("link", { name: "Xã Kim Quan ra mắt cổng thông tin điện tử" }).first().click();
  assert.equal(new URL(reader.url()).host, `kimquan.localhost:${p.port}`);
  assert.deepEqual(await axe(reader), [], "the commune's first article");
  await reader.goto(province + "/tim-kiem?q=kim+quan");
  assert.ok(await reader.getByText("Xã Kim Quan", { exact: true }).first().isVisible());
  await reader.close();
});
