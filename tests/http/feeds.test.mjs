// Feeds and sitemaps for machines: RSS 2.0 checked with xmllint and a real feed parser
// (Debian's python3-feedparser), sitemap.xml, robots.txt and the HTML site map.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Portico, apiToken, htmlErrors } from "../lib/portico.mjs";

let p, dir;
before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  dir = mkdtempSync(join(tmpdir(), "portico-feeds-"));
});
after(async () => { await p.cleanup(); rmSync(dir, { recursive: true, force: true }); });

const save = (name, text) => { const f = join(dir, name); writeFileSync(f, text); return f; };
const xmllint = (file) => execFileSync("xmllint", ["--noout", file], { stdio: ["ignore", "pipe", "pipe"] }).toString();
const feedparser = (file) => JSON.parse(execFileSync("/usr/bin/python3", ["-c", `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({"bozo": bool(d.bozo), "version": d.version, "title": d.feed.get("title"), "link": d.feed.get("link"),
  "language": d.feed.get("language"),
  "entries": [{"title": e.title, "link": e.link, "published": list(e.published_parsed)[:6], "summary": e.get("summary", "")} for e in d.entries]}))
`, file]).toString());

test("the site's RSS 2.0 feed is valid, absolute and dated in RFC 822", async () => {
  const r = await p.fetch("/rss.xml");
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "application/rss+xml; charset=utf-8");
  const text = await r.text();
  const file = save("site.xml", text);
  xmllint(file);
  const feed = feedparser(file);
  assert.equal(feed.bozo, false);
  assert.equal(feed.version, "rss20");
  assert.equal(feed.title, "Cổng thông tin điện tử Huyện Yên Sơn");
  assert.equal(feed.language, "vi");
  assert.equal(feed.entries.length, 20);
  for (const e of feed.entries) assert.match(e.link, new RegExp(`^${p.base}/bai-viet/[a-z0-9-]+$`));
  assert.match(text, /<pubDate>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT<\/pubDate>/);
  const times = feed.entries.map((e) => Date.UTC(...e.published.map((v, i) => (i === 1 ? v - 1 : v))));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), "newest first");
});

test("each category has its feed; unknown ones are 404", async () => {
  const text = await (await p.fetch("/rss/xay-dung-dang.xml")).text();
  const file = save("cat.xml", text);
  xmllint(file);
  const feed = feedparser(file);
  assert.equal(feed.bozo, false);
  assert.match(feed.title, /^Xây dựng Đảng – /);
  assert.ok(feed.entries.some((e) => e.title === "Gỡ khó phát triển đảng viên"));
  assert.equal((await p.fetch("/rss/khong-co.xml")).status, 404);
  assert.equal((await p.fetch("/rss/xay-dung-dang")).status, 404);
});

test("sitemap.xml lists the home page, categories and every published article, with lastmod", async () => {
  const r = await p.fetch("/sitemap.xml");
  assert.equal(r.status, 200);
  const text = await r.text();
  xmllint(save("sitemap.xml", text));
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
  const locs = [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.includes(`${p.base}/`));
  assert.ok(locs.includes(`${p.base}/chuyen-muc/xay-dung-dang`));
  assert.ok(!locs.includes(`${p.base}/chuyen-muc/thu-tuc-hanh-chinh`), "menu links are not pages of their own");
  assert.equal(locs.filter((l) => l.includes("/bai-viet/")).length, 38);
  assert.match(text, /<lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00<\/lastmod>/);
});

test("past 50,000 addresses sitemap.xml becomes an index of numbered sitemaps", async () => {
  const big = await Portico.start({ config: "weather_interval_s = 0\n" });
  try {
    await big.stop();
    execFileSync(process.env.PORTICO_BIN ?? join(process.cwd(), "portico"), ["seed", "--data", big.dataDir, "--articles", "50000"],
      { stdio: "ignore" });
    const again = await Portico.start({ dataDir: big.dataDir, config: "weather_interval_s = 0\n" });
    try {
      const index = await (await again.fetch("/sitemap.xml")).text();
      xmllint(save("index.xml", index));
      const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      assert.match(index, /<sitemapindex /);
      assert.equal(parts.length, 2);
      let articles = 0;
      for (const part of parts) {
        const text = await (await again.fetch(part.replace(again.base, ""))).text();
        xmllint(save("part.xml", text));
        const n = [...text.matchAll(/<loc>/g)].length;
        assert.ok(n <= 50000, `${part}: ${n}`);
        articles += [...text.matchAll(/\/bai-viet\//g)].length;
      }
      assert.equal(articles, 50038, "every article once");
      assert.equal((await again.fetch("/sitemap/3.xml")).status, 404);
    } finally {
      await again.stop();
    }
  } finally {
    await big.cleanup();
  }
});

test("robots.txt points to the sitemap and keeps crawlers out of private and endless pages", async () => {
  const text = await (await p.fetch("/robots.txt")).text();
  assert.match(text, new RegExp(`^Sitemap: ${p.base}/sitemap\\.xml$`, "m"));
  for (const path of ["/api/", "/quan-tri", "/tim-kiem", "/xem-truoc/"]) assert.match(text, new RegExp(`^Disallow: ${path}$`, "m"));
});

test("the HTML site map lists every section with its feed; every page links to it and to the feed", async () => {
  const html = await (await p.fetch("/so-do-cong")).text();
  assert.match(html, /<h1 class="page-heading">Sơ đồ cổng<\/h1>/);
  assert.match(html, /<a href="\/chuyen-muc\/xay-dung-dang">Xây dựng Đảng<\/a> <a class="rss-link" href="\/rss\/xay-dung-dang\.xml">/);
  const home = await (await p.fetch("/")).text();
  assert.match(home, /<a href="\/so-do-cong">Sơ đồ cổng<\/a>/);
  assert.match(home, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/rss\.xml">/);
  assert.deepEqual(htmlErrors({ site_map: html }), []);
});

test("articles carry Open Graph, Twitter card and JSON-LD NewsArticle metadata; other pages a plain card", async () => {
  const html = await (await p.fetch("/bai-viet/go-kho-phat-trien-dang-vien")).text();
  const meta = (attr, name) => html.match(new RegExp(`<meta ${attr}="${name}" content="([^"]*)">`))?.[1];
  const url = p.base + "/bai-viet/go-kho-phat-trien-dang-vien";
  assert.match(html, new RegExp(`<link rel="canonical" href="${url}">`));
  assert.equal(meta("property", "og:type"), "article");
  assert.equal(meta("property", "og:title"), "Gỡ khó phát triển đảng viên");
  assert.equal(meta("property", "og:url"), url);
  assert.equal(meta("property", "og:locale"), "vi_VN");
  assert.ok(meta("property", "og:description").startsWith(meta("name", "description").slice(0, 40)));
  const image = meta("property", "og:image");
  assert.ok(image.startsWith(p.base + "/media/"), image);
  assert.equal((await p.fetch(image.slice(p.base.length))).status, 200);
  assert.ok(Number(meta("property", "og:image:width")) > 0);
  assert.equal(meta("name", "twitter:card"), "summary_large_image");
  assert.equal(meta("name", "twitter:image"), image);
  assert.equal(meta("property", "article:published_time"), "2023-10-12T08:15:00+07:00");
  assert.equal(meta("property", "article:section"), "Xây dựng Đảng");
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)[1]);
  assert.equal(ld["@context"], "https://schema.org");
  assert.equal(ld["@type"], "NewsArticle");
  assert.equal(ld.headline, "Gỡ khó phát triển đảng viên");
  assert.equal(ld.datePublished, "2023-10-12T08:15:00+07:00");
  assert.equal(ld.mainEntityOfPage, url);
  assert.deepEqual(ld.image, [image]);
  assert.equal(ld.publisher.name, "Cổng thông tin điện tử Huyện Yên Sơn");
  assert.ok(ld.author.name.length > 0);
  // A home page is a website card with no article data.
  const home = await (await p.fetch("/")).text();
  assert.match(home, /<meta property="og:type" content="website">/);
  assert.match(home, /<meta name="twitter:card" content="summary">/);
  assert.doesNotMatch(home, /ld\+json|article:published_time/);
});

test("a hostile title cannot close the JSON-LD script or break out of a meta attribute", async () => {
  const [{ id, slug }] = (await (await p.fetch("/api/v1/articles?category=kinh-te")).json()).data;
  const title = `Ngày </script><script>alert(1)</script> "hội" & <b>lễ</b>`;
  // An editor gives it the title through the newsroom API (the published article's pages drop at once).
  const auth = { authorization: `Bearer ${apiToken(p.dataDir, "tieude", "admin")}`, "content-type": "application/json" };
  const a = (await (await p.fetch(`/api/v1/newsroom/articles/${id}`, { headers: auth })).json()).data;
  const put = await p.fetch(`/api/v1/newsroom/articles/${id}`, { method: "PUT", headers: auth, body: JSON.stringify({ ...a, title }) });
  assert.equal(put.status, 200, await put.text());
  const html = await (await p.fetch("/bai-viet/" + slug)).text();
  assert.equal([...html.matchAll(/<script/g)].length, [...html.matchAll(/<\/script>/g)].length);
  assert.ok(!html.includes("<script>alert"));
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)[1]);
  assert.equal(ld.headline, title);
  assert.match(html, /<meta property="og:title" content="Ngày &lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;hội&quot; &amp; &lt;b&gt;lễ&lt;\/b&gt;">/);
  assert.deepEqual(htmlErrors({ hostile_title: html }), []);
});
