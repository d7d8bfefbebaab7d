// Lighthouse (from npm) in Debian's Chromium against the real server: performance,
// accessibility, best practices and SEO on home, a category, an article, a document, the
// Q&A list and a dataset page, with the mobile preset and the desktop one. Accessibility,
// best practices and SEO must be 100. Performance is asserted against a floor of 90, not
// 100: its score comes from a simulated slow network and CPU timed on this machine's two
// shared cores, and the same page moves by a few points from run to run (it scored 100 on
// every page here when measured alone); the run prints each score, and a layout shift or a
// render-blocking regression still takes it far below the floor. The map's tiles are out of
// reach in tests, as they are offline: no page may log a console error for them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import lighthouse from "lighthouse";
import desktop from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";
import { Portico } from "../lib/portico.mjs";

let p, chrome;
before(async () => {
  p = await Portico.start({ config: 'weather_interval_s = 0\nmap_tiles = "http://127.0.0.1:9/{z}/{x}/{y}.png"\n' });
  chrome = await chromeLauncher.launch({
    chromePath: "/usr/bin/chromium",
    chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await chrome?.kill(); await p.cleanup(); });

const PAGES = ["/", "/chuyen-muc/xay-dung-dang", "/bai-viet/go-kho-phat-trien-dang-vien", "/van-ban/thong-bao-45-tb-ubnd",
  "/hoi-dap", "/thong-tin-tong-hop/ket-nap-dang-vien-so-voi-ke-hoach"];

for (const [preset, config] of [["mobile", undefined], ["desktop", desktop]]) {
  for (const path of PAGES) {
    test(`Lighthouse (${preset}) on ${path}: 100 in accessibility, best practices and SEO; performance over 90`, async (t) => {
      const { lhr } = await lighthouse(p.base + path, { port: chrome.port, logLevel: "error" }, config);
      assert.equal(lhr.finalDisplayedUrl, p.base + path);
      const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
      t.diagnostic(`${preset} ${path}: ${JSON.stringify(scores)}, CLS ${lhr.audits["cumulative-layout-shift"].displayValue}, ` +
        `LCP ${lhr.audits["largest-contentful-paint"].displayValue}`);
      for (const category of ["accessibility", "best-practices", "seo"]) {
        const failed = lhr.categories[category].auditRefs
          .map((ref) => lhr.audits[ref.id])
          .filter((a) => a.score !== null && a.score < 1)
          .map((a) => `${a.id}: ${a.title}`);
        assert.deepEqual(failed, [], category);
        assert.equal(scores[category], 100, category);
      }
      assert.ok(scores.performance >= 90, `performance ${scores.performance}`);
      assert.ok(lhr.audits["cumulative-layout-shift"].numericValue < 0.1, "layout shift");
    });
  }
}
