// Takes phone- and desktop-sized screenshots of portal pages, for looking at changes.
// Usage: node scripts/screenshot.mjs BASE_URL OUT_DIR PATH...
// COOKIE="phien=…" sends a cookie with every page (a newsroom session); FULL=1: whole pages.
import { chromium } from "playwright-core";

const [base, out, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
for (const [name, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1366, height: 900 }]]) {
  const context = await browser.newContext({ viewport });
  if (process.env.COOKIE) {
    const [name, ...value] = process.env.COOKIE.split("=");
    await context.addCookies([{ name, value: value.join("="), url: base }]);
  }
  const page = await context.newPage();
  for (const p of paths) {
    await page.goto(base + p, { waitUntil: "networkidle" });
    const file = `${out}/${name}${p.replace(/[^a-z0-9]+/gi, "_")}.png`;
    await page.screenshot({ path: file, fullPage: process.env.FULL === "1" });
    console.log(file);
  }
  await context.close();
}
await browser.close();
