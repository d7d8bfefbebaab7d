// Lighthouse (from npm) runs its SEO audits in Debian's Chromium against the real server:
// home, a category and the reference article must score 100.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { Portico } from "../lib/portico.mjs";

let p, chrome;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  chrome = await chromeLauncher.launch({
    chromePath: "/usr/bin/chromium",
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await chrome?.kill(); await p.cleanup(); });

for (const path of ["/", "/chuyen-muc/xay-dung-dang", "/bai-viet/go-kho-phat-trien-dang-vien"]) {
  test(`Lighthouse SEO scores 100 on ${path}`, async () => {
    const { lhr } = await lighthouse(p.base + path, { port: chrome.port, onlyCategories: ["seo"], logLevel: "error" });
    const failed = lhr.categories.seo.auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1)
      .map((a) => `${a.id}: ${a.title}`);
    assert.deepEqual(failed, []);
    assert.equal(lhr.categories.seo.score, 1);
    assert.equal(lhr.finalDisplayedUrl, p.base + path);
  });
}
