// The rules each route declares, checked on every route of the router's own table
// (`portico routes`), so a new route cannot slip past them: a "session" route sends a
// visitor without one to the sign-in form, a POST under it is refused without the session's
// CSRF token (and nothing changes), a route that names a permission ("may:…") refuses an
// account without it, a "same-origin" write is refused from another origin, and a route with
// a "budget" refuses an address past it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin, signedIn } from "../lib/portico.mjs";

let p, admin, table;

// A concrete address for a pattern: ids that exist nowhere, actions and areas that do.
const fill = (pattern) => pattern.replace("{action}", "xuat-ban").replace("{what}", "thu-tu").replace(/\{[^}]+\}/g, "987654");

before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\n" });
  admin = await signedIn(p, "quantri", "admin", { platform: true });  // passes every permission, the platform's too
  admin.csrf = Visitor.csrfOf(await (await admin.fetch("/quan-tri/tep")).text());
  table = execFileSync(bin, ["routes", "--data", p.dataDir], { encoding: "utf8" }).trim().split("\n")
    .map((line) => { const [method, pattern, about] = line.split("\t"); return { method, pattern, about: about.split(" ") }; });
});
after(async () => { await p.cleanup(); });

test("the route table names every route once with how it is served", () => {
  const kinds = new Set(["cached", "page", "counted", "upload", "direct"]);
  assert.ok(table.length > 100, `${table.length} routes`);
  for (const r of table) assert.ok(kinds.has(r.about[0]), `${r.method} ${r.pattern}: ${r.about}`);
  const keys = table.map((r) => `${r.method} ${r.pattern}`);
  assert.equal(new Set(keys).size, keys.length, "no route twice");
  // Every newsroom route but the sign-in form is guarded; nothing outside it is.
  for (const r of table) {
    const newsroom = r.pattern.startsWith("/quan-tri") && r.pattern !== "/quan-tri/dang-nhap";
    assert.equal(r.about.includes("session"), newsroom, `${r.method} ${r.pattern}`);
  }
});

test("every session route sends a visitor without a session to the sign-in form", async () => {
  const guarded = table.filter((r) => r.about.includes("session"));
  assert.ok(guarded.length > 40);
  for (const r of guarded) {
    const res = await p.fetch(fill(r.pattern), { method: r.method, headers: { "content-type": "application/x-www-form-urlencoded" },
      body: r.method === "GET" ? undefined : "csrf=x" });
    assert.equal(res.status, 303, `${r.method} ${r.pattern}`);
    assert.equal(res.headers.get("location"), "/quan-tri/dang-nhap", `${r.method} ${r.pattern}`);
  }
});

test("every POST under a session needs the session's token, in the form or the address", async () => {
  const posts = table.filter((r) => r.method === "POST" && r.about.includes("session"));
  assert.ok(posts.length > 25);
  const audit = async () => ((await (await admin.fetch("/quan-tri/nhat-ky")).text()).match(/<tr/g) ?? []).length;
  const before = await audit();
  for (const r of posts) {
    const path = fill(r.pattern);
    for (const body of ["csrf=sai", "ten=x", ""]) {
      const res = await admin.post(path, Object.fromEntries(new URLSearchParams(body)));
      assert.equal(res.status, 403, `${r.pattern} with "${body}"`);
      assert.match(await res.text(), /Biểu mẫu đã hết hạn hoặc không hợp lệ/, r.pattern);
    }
    const wrong = await admin.fetch(`${path}?csrf=sai`, { method: "POST" });
    assert.equal(wrong.status, 403, `${r.pattern}?csrf=sai`);
    // A body that is no form is refused as such, whatever it carries.
    const plain = await admin.fetch(path, { method: "POST", headers: { "content-type": "text/plain" }, body: `csrf=${admin.csrf}` });
    assert.equal(plain.status, 400, `${r.pattern} as text/plain`);
  }
  assert.equal(await audit(), before, "nothing was done");
  // The right token passes the guard: the handler answers (here: there is no such article).
  const res = await admin.post("/quan-tri/bai-viet/987654/xuat-ban", { csrf: admin.csrf });
  assert.ok(![400, 403].includes(res.status), `${res.status}`);
});

test("every route that names a permission refuses an account without it, and lets one with it through", async () => {
  const guarded = table.filter((r) => r.about.some((a) => a.startsWith("may:")));
  assert.ok(guarded.length > 35, `${guarded.length}`);
  // A reviewer may read the newsroom and nothing that any of these routes needs.
  const reviewer = await signedIn(p, "docgia", "reviewer");
  const csrf = Visitor.csrfOf(await (await reviewer.fetch("/quan-tri/tep")).text());
  for (const r of guarded) {
    const path = fill(r.pattern);
    const res = r.method === "GET" ? await reviewer.fetch(path) : await reviewer.post(path, { csrf });
    assert.equal(res.status, 403, `${r.method} ${r.pattern}`);
  }
  // The administrator passes every one of these guards (what follows is the handler's answer).
  for (const r of guarded.filter((x) => x.method === "GET")) {
    const res = await admin.fetch(fill(r.pattern));
    assert.ok([200, 404].includes(res.status), `${r.pattern}: ${res.status}`);
  }
});

test("every visitor's write is refused from another origin, before anything is counted", async () => {
  const writes = table.filter((r) => r.about.includes("same-origin"));
  assert.deepEqual(writes.map((r) => `${r.method} ${r.pattern}`).sort(), [
    "POST /api/v1/articles/{id}/ratings", "POST /api/v1/polls/{id}/votes", "POST /api/v1/questions",
    "POST /bai-viet/{slug}/danh-gia", "POST /binh-chon/{id}", "POST /hoi-dap/gui", "POST /lay-y-kien/{slug}/gop-y"]);
  for (const r of writes) {
    for (const hint of [{ origin: "https://evil.example" }, { referer: "https://evil.example/x" }, { "sec-fetch-site": "cross-site" }]) {
      const res = await p.fetch(fill(r.pattern), { method: "POST", headers: { "content-type": "application/json", ...hint }, body: "{}" });
      assert.equal(res.status, 403, `${r.pattern} ${JSON.stringify(hint)}`);
      const text = await res.text();
      if (r.pattern.startsWith("/api/")) assert.equal(JSON.parse(text).error.code, "cross_origin", r.pattern);
      else assert.match(text, /Yêu cầu gửi từ trang khác bị từ chối/, r.pattern);
    }
    // The same request from the portal itself reaches the handler (which finds nothing here).
    const own = await p.fetch(fill(r.pattern), { method: "POST", headers: { "content-type": "application/json", origin: p.base }, body: "{}" });
    assert.notEqual(own.status, 403, r.pattern);
  }
});

test("every route with a budget refuses an address past it with 429 and Retry-After; another address goes on", async () => {
  const metered = table.filter((r) => r.about.includes("budget"));
  assert.deepEqual(metered.map((r) => `${r.method} ${r.pattern}`).sort(), [
    "GET /hoi-dap/tra-cuu", "POST /api/v1/articles/{id}/ratings", "POST /api/v1/polls/{id}/votes", "POST /api/v1/questions",
    "POST /bai-viet/{slug}/danh-gia", "POST /binh-chon/{id}", "POST /hoi-dap/gui", "POST /lay-y-kien/{slug}/gop-y"]);
  const q = await Portico.start({ config: "weather_interval_s = 0\ntrust_proxy = true\nvotes_per_address = 2\nquestions_per_address = 2\n" });
  try {
    let address = 1;
    for (const r of metered) {
      const send = (from) => q.fetch(fill(r.pattern), { method: r.method, body: r.method === "GET" ? undefined : "{}",
        headers: { "content-type": "application/json", origin: q.base, "x-forwarded-for": from } });
      const from = `203.0.113.${address++}`;  // an address of its own: every budget is whole
      const before = [];
      let res;
      while ((res = await send(from)).status !== 429 && before.length < 25) before.push(res.status);
      assert.equal(res.status, 429, `${r.pattern}: ${before}`);
      assert.ok(before.length >= 2 && before.length <= 20, `${r.pattern}: every attempt counts, ${before.length} before 429`);
      assert.ok(Number(res.headers.get("retry-after")) > 0, r.pattern);
      const text = await res.text();
      if (r.pattern.startsWith("/api/")) assert.equal(JSON.parse(text).error.code, "too_many_requests", r.pattern);
      assert.match(text, /Vui lòng thử lại sau \d+ (phút|giây)\./, r.pattern);
      assert.notEqual((await send(`203.0.113.${address++}`)).status, 429, `${r.pattern}: another address`);
    }
  } finally {
    await q.cleanup();
  }
});

test("an account of one site reaches none of another site's records through any newsroom route", async () => {
  // The province's administrator, on the province's host; every record numbered 1 is the
  // reference portal's (the demo's first site): its article, category, document, poll…
  const tinh = await signedIn(p, "quantritinh", "admin", { site: "tinh-tuyen-quang", host: "tuyenquang.localhost" });
  const csrf = Visitor.csrfOf(await (await tinh.fetch("/quan-tri/tep")).text());
  const audit = async () => ((await (await admin.fetch("/quan-tri/nhat-ky")).text()).match(/<tr/g) ?? []).length;
  const before = await audit();
  const theirs = /Gỡ khó phát triển đảng viên|Giới thiệu chung|Huyện Yên Sơn/;
  // (Its own sub-portals' records are its to manage: the reference portal is one of them.)
  const routes = table.filter((r) => r.about.includes("session") && r.pattern.includes("{id}") &&
    !r.pattern.startsWith("/quan-tri/cong-thanh-phan/"));
  assert.ok(routes.length >= 18, `${routes.length}`);
  const refused = [];
  for (const r of routes) {
    const path = r.pattern.replace("{id}", "1").replace("{action}", "xuat-ban").replace("{what}", "don-vi");
    let res;
    if (r.method === "GET") res = await tinh.fetch(path);
    else if (r.about[0] !== "upload") res = await tinh.post(path, { csrf, xoa: "1", ten: "x", "tieu-de": "x" });
    else {  // an upload form: multipart, its token in the address
      const form = new FormData();
      form.append("so-hieu", "x");
      const encoded = new Request("http://upload/", { method: "POST", body: form });
      res = await tinh.fetch(`${path}?csrf=${csrf}`, { method: "POST", body: Buffer.from(await encoded.arrayBuffer()),
        headers: { "content-type": encoded.headers.get("content-type") } });
    }
    const text = await res.text();
    if (res.status !== 404 || theirs.test(text)) refused.push(`${r.method} ${path}: ${res.status}${theirs.test(text) ? " (shows their record)" : ""}`);
  }
  // The newsroom's API alike, with a token of the province's administrator.
  const token = execFileSync(bin, ["token", "create", "quantritinh", "--site", "tinh-tuyen-quang", "--data", p.dataDir], { encoding: "utf8" }).trim().split("\n").at(-1);
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  for (const r of table.filter((x) => x.about.includes("api") && x.pattern.includes("{id}"))) {
    const path = r.pattern.replace("{id}", "1").replace("{action}", "take-down");
    const res = await p.fetch(path, { host: "tuyenquang.localhost", method: r.method, headers: auth,
      body: r.method === "GET" ? undefined : JSON.stringify({ title: "x", version: 1, reason: "x" }) });
    const text = await res.text();
    if (res.status !== 404 || theirs.test(text)) refused.push(`${r.method} ${path} (API): ${res.status}`);
  }
  assert.deepEqual(refused, [], "each answers 404 and names nothing of the other site");
  assert.equal(await audit(), before, "nothing of the reference portal changed");
  assert.equal((await p.fetch("/api/v1/articles/1")).status, 200, "its article is still published");
});

test("the sections write their own audit entries, with who and what", async () => {
  let r = await admin.post("/quan-tri/lich-cong-tac", { csrf: admin.csrf, "thoi-gian": "2026-12-07T08:00", "lanh-dao": "Chủ tịch UBND",
    "noi-dung": "Họp giao ban đầu tuần", "dia-diem": "Hội trường", "thanh-phan": "Các phòng" });
  assert.equal(r.status, 303);
  r = await admin.post("/quan-tri/gioi-thieu/don-vi", { csrf: admin.csrf, ten: "Phòng Văn hoá – Thông tin" });
  assert.equal(r.status, 303);
  const audit = await (await admin.fetch("/quan-tri/nhat-ky")).text();
  // Each entry: who, the action in Vietnamese, the record's id, the address, what it was.
  assert.match(audit, /<td>quantri<\/td><td>Thêm lịch công tác<\/td><td>\d+<\/td><td>[^<]*<\/td><td>Họp giao ban đầu tuần<\/td>/);
  assert.match(audit, /<td>quantri<\/td><td>Thêm đơn vị<\/td><td>\d+<\/td><td>[^<]*<\/td><td>Phòng Văn hoá – Thông tin<\/td>/);
  assert.doesNotMatch(audit, /<td>Khác<\/td>/, "every action the newsroom writes has its name");
});
