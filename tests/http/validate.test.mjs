// Every public page passes the W3C Nu HTML checker (npm vnu-jar on the machine's JDK) with zero errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Portico, htmlErrors } from "../lib/portico.mjs";

let p;
before(async () => { p = await Portico.start(); });
after(async () => { await p.cleanup(); });

test("home, category, article and error pages have no HTML errors", async () => {
  const pages = {
    home: "/", category: "/chuyen-muc/tin-tuc-su-kien", article: "/bai-viet/go-kho-phat-trien-dang-vien",
    plain_article: "/bai-viet/khanh-thanh-cau-treo-ban-khuon-he-nguoi-dan-di-lai-thuan-tien",
    not_found: "/khong-co", bad_request: "/chuyen-muc/kinh-te?trang=0", open_data: "/du-lieu-mo",
  };
  const html = {};
  for (const [name, path] of Object.entries(pages))
    html[name] = await (await p.fetch(path, { headers: { cookie: name === "home" ? "hien-thi=s4c1" : "" } })).text();
  assert.deepEqual(htmlErrors(html), []);
});
