import { launch } from "./tests/lib/browser.mjs";
const b = await launch();
const base = "http://127.0.0.1:8097";
for (const [name, vp] of [["phone", {width: 390, height: 844}], ["desktop", {width: 1366, height: 900}]]) {
  const ctx = await b.newContext({ viewport: vp });
  const page = await ctx.newPage();
  await page.goto(base + "/quan-tri/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill("quantri");
  await page.getByLabel("Mật khẩu").fill("mat-khau-quantri");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  for (const p of ["/quan-tri/thong-ke", "/quan-tri/tien-ich", "/quan-tri/binh-chon", "/quan-tri/video"]) {
    await page.goto(base + p);
    await page.screenshot({ path: `/tmp/shots/adm-${name}${p.replace(/\//g, "-")}.png`, fullPage: name === "desktop" });
  }
  await page.goto(base + "/binh-chon/1");
  await page.screenshot({ path: `/tmp/shots/poll-${name}.png` });
  await ctx.close();
}
await b.close();
