// The open API against its own description: every route the server has is in the OpenAPI
// document, every operation is called here, and every answer (status, required headers,
// body) validates against what the document says, with undocumented fields refused.
// Also CORS, Link pagination, ETags and the per-address budget.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { Portico, apiToken, bin } from "../lib/portico.mjs";

let p, spec, ajv;
const tokens = {};
const exercised = new Set();

// Object schemas refuse properties they do not describe (unevaluatedProperties sees through allOf).
function tighten(node, inAllOf = false) {
  if (Array.isArray(node)) return node.forEach((n) => tighten(n, inAllOf));
  if (!node || typeof node !== "object") return;
  if (!inAllOf && (node.properties || node.allOf) && node.unevaluatedProperties === undefined)
    node.unevaluatedProperties = false;
  for (const [k, v] of Object.entries(node)) tighten(v, k === "allOf");
}

const pointer = (...parts) => "#/" + parts.map((s) => encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");
const resolve = (obj) => {
  if (!obj?.$ref) return [obj, null];
  const path = obj.$ref.slice(2).split("/");
  return [path.reduce((o, k) => o[k], spec), path];
};

before(async () => {
  p = await Portico.start({ config: "weather_interval_s = 0\nvotes_per_address = 12\n" });
  for (const [name, role] of [["bientap", "editor"], ["duyet", "approver"]]) {
    tokens[name] = apiToken(p.dataDir, name, role);
  }
  spec = await (await p.fetch("/api/v1/openapi.json")).json();
  // allOf members are copied in untightened, so an extension's own fields still count.
  const loose = structuredClone(spec.components.schemas);
  for (const schema of Object.values(spec.components.schemas))
    if (schema.allOf) schema.allOf = schema.allOf.map((s) => s.$ref ? structuredClone(loose[s.$ref.split("/").at(-1)]) : s);
  tighten(spec.components.schemas);
  tighten(spec.paths);
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(spec, "openapi");
});
after(async () => { await p.cleanup(); });

// The number tokens of a JSON text written with an exponent (2.48E2): none may be.
function exponents(text) {
  const found = [];
  for (let i = 0; i < text.length; ++i) {
    if (text[i] === '"') {
      for (++i; text[i] !== '"'; ++i) if (text[i] === "\\") ++i;
      continue;
    }
    if (!/[-\d]/.test(text[i])) continue;
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) continue;
    if (m[2]) found.push(m[0]);
    i += m[0].length - 1;
  }
  return found;
}

// Calls the server, checks that it answered `expected` (a status, or the statuses a loop
// may see) and that the answer is what the document says; returns [response, body].
async function call(method, template, path, expected, { token, body, headers = {} } = {}) {
  assert.ok(typeof expected === "number" || Array.isArray(expected), `${method} ${path}: the expected status`);
  const op = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${template} is documented`);
  exercised.add(`${method.toLowerCase()} ${template}`);
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${tokens[token]}`;
  if (body !== undefined) h["content-type"] = "application/json";
  const r = await p.fetch(path, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await r.text();
  const where = `${method} ${path} → ${r.status} ${text.slice(0, 200)}`;
  assert.ok([expected].flat().includes(r.status), `expected ${expected}: ${where}`);
  const ref = op.responses[String(r.status)];
  assert.ok(ref, `status documented: ${where}`);
  const [response, refPath] = resolve(ref);
  for (const [name, hRef] of Object.entries(response.headers ?? {})) {
    const [header] = resolve(hRef);
    const value = r.headers.get(name);
    if (header.required) assert.ok(value !== null, `header ${name}: ${where}`);
    if (value !== null && header.schema) {
      const v = header.schema.type === "integer" ? Number(value) : value;
      assert.ok(ajv.validate(header.schema, v), `header ${name}=${value}: ${where}`);
    }
  }
  const media = response.content?.["application/json"];
  let json;
  if (media) {
    assert.match(r.headers.get("content-type"), /^application\/json/, where);
    json = JSON.parse(text);
    assert.deepEqual(exponents(text), [], `numbers with an exponent: ${where}`);
    const at = refPath ? pointer(...refPath, "content", "application/json", "schema")
      : pointer("paths", template, method.toLowerCase(), "responses", String(r.status), "content", "application/json", "schema");
    const validate = ajv.getSchema("openapi" + at) ?? ajv.compile({ $ref: "openapi" + at });
    assert.ok(validate(json), `${where}\n${JSON.stringify(validate.errors, null, 1)}`);
  }
  return [r, json];
}

test("every /api route of the server is in the document, and nothing else is", () => {
  // The router's own table, as `portico routes` prints it: METHOD, pattern, how it is served.
  const routes = new Set();
  const table = execFileSync(bin, ["routes", "--data", p.dataDir], { encoding: "utf8" });
  for (const line of table.trim().split("\n")) {
    const [method, pattern] = line.split("\t");
    if (pattern.startsWith("/api/") || pattern === "/healthz" || pattern === "/readyz") routes.add(`${method.toLowerCase()} ${pattern}`);
  }
  const documented = new Set();
  for (const [path, ops] of Object.entries(spec.paths))
    for (const method of Object.keys(ops)) documented.add(`${method} ${path}`);
  assert.ok(routes.size >= 15, [...routes].join(", "));
  assert.deepEqual([...routes].sort(), [...documented].sort());
});

test("public reads answer as documented", async () => {
  await call("GET", "/healthz", "/healthz", 200);
  await call("GET", "/readyz", "/readyz", 200);
  await call("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", 200);
  const [, sites] = await call("GET", "/api/v1/sites", "/api/v1/sites", 200);
  assert.deepEqual(sites.data.map((s) => [s.slug, s.kind, s.parent, s.url]), [
    ["huyen-yen-son", "Huyện", "tinh-tuyen-quang", p.base + "/"],
    ["tinh-tuyen-quang", "Tỉnh", null, `http://tuyenquang.localhost:${p.port}/`],
    ["xa-trung-son", "Xã", "tinh-tuyen-quang", `http://trungson.localhost:${p.port}/`],
    ["xa-hung-loi", "Xã", "tinh-tuyen-quang", `http://tuyenquang.localhost:${p.port}/xa-hung-loi/`]]);
  const [, cats] = await call("GET", "/api/v1/categories", "/api/v1/categories", 200);
  const party = cats.data.find((c) => c.slug === "xay-dung-dang");
  assert.equal(party.name, "Xây dựng Đảng");
  assert.equal(party.url, p.base + "/chuyen-muc/xay-dung-dang");
  assert.equal((await p.fetch(party.rss.slice(p.base.length))).status, 200);
  const [, list] = await call("GET", "/api/v1/articles", party.articles.slice(p.base.length), 200);
  assert.ok(list.data.every((a) => a.category.slug === "xay-dung-dang"));
  await call("GET", "/api/v1/articles", "/api/v1/articles?page=2", 200);
  await call("GET", "/api/v1/articles", "/api/v1/articles?page=0", 400);
  await call("GET", "/api/v1/articles", "/api/v1/articles?category=khong-co", 404);
  await call("GET", "/api/v1/articles", "/api/v1/articles?page=999", 404);
  const [, one] = await call("GET", "/api/v1/articles/{id}", `/api/v1/articles/${list.data[0].id}`, 200);
  assert.equal(one.data.id, list.data[0].id);
  await call("GET", "/api/v1/articles/{id}", "/api/v1/articles/abc", 400);
  await call("GET", "/api/v1/articles/{id}", "/api/v1/articles/987654", 404);
  const [, found] = await call("GET", "/api/v1/search", "/api/v1/search?q=dang+vien", 200);
  assert.ok(found.meta.total > 0 && found.data.length > 0);
  await call("GET", "/api/v1/search", "/api/v1/search?q=%22", 400);
  const [, docs] = await call("GET", "/api/v1/documents", "/api/v1/documents?q=dang+vien&state=effective", 200);
  assert.ok(docs.data.some((d) => d.number === "03-ĐA/TU"));
  await call("GET", "/api/v1/documents", "/api/v1/documents?state=replaced", 200);
  await call("GET", "/api/v1/documents", "/api/v1/documents?year=20", 400);
  await call("GET", "/api/v1/documents", "/api/v1/documents?page=99", 404);
  const [, doc] = await call("GET", "/api/v1/documents/{id}", `/api/v1/documents/${docs.data.find((d) => d.number === "03-ĐA/TU").id}`, 200);
  assert.equal(doc.data.files.length, 1);
  await call("GET", "/api/v1/documents/{id}", "/api/v1/documents/x", 400);
  await call("GET", "/api/v1/documents/{id}", "/api/v1/documents/987654", 404);
  const [, qs] = await call("GET", "/api/v1/questions", "/api/v1/questions?q=khai+sinh", 200);
  await call("GET", "/api/v1/questions/{id}", `/api/v1/questions/${qs.data[0].id}`, 200);
  await call("GET", "/api/v1/questions/{id}", "/api/v1/questions/987654", 404);
  await call("GET", "/api/v1/questions", "/api/v1/questions?page=0", 400);
  await call("POST", "/api/v1/questions", "/api/v1/questions", 201, { body: { name: "Lê C", contact: "0987654321",
    topic: "Y tế – Bảo hiểm", title: "Thẻ bảo hiểm y tế", question: "Xin hỏi thủ tục cấp lại thẻ bảo hiểm y tế bị mất?" } });
  await call("POST", "/api/v1/questions", "/api/v1/questions", 422, { body: { name: "Lê C" } });
  await call("POST", "/api/v1/questions", "/api/v1/questions", 400, { body: "[" });
  const [, sets] = await call("GET", "/api/v1/datasets", "/api/v1/datasets", 200);
  const [, set] = await call("GET", "/api/v1/datasets/{id}", `/api/v1/datasets/${sets.data[0].id}`, 200);
  assert.ok(set.data.table.rows.length > 0);
  await call("GET", "/api/v1/datasets/{id}", "/api/v1/datasets/0", 400);
  await call("GET", "/api/v1/datasets/{id}", "/api/v1/datasets/987654", 404);
  await call("GET", "/api/v1/polls", "/api/v1/polls", 200);
  await call("GET", "/api/v1/stats/visits", "/api/v1/stats/visits", 200);
  const [, drafts] = await call("GET", "/api/v1/drafts", "/api/v1/drafts", 200);
  assert.deepEqual(drafts.data.map((d) => d.state), ["open", "closed"]);
  assert.equal((await p.fetch(drafts.data[0].url.slice(p.base.length))).status, 200);
  const [, draft] = await call("GET", "/api/v1/drafts/{id}", `/api/v1/drafts/${drafts.data[0].id}`, 200);
  assert.match(draft.data.body_html, /Phạm vi điều chỉnh/);
  await call("GET", "/api/v1/drafts/{id}", "/api/v1/drafts/-1", 400);
  await call("GET", "/api/v1/drafts/{id}", "/api/v1/drafts/987654", 404);
  // This week holds the demo's four engagements; any day of a week is that week.
  const [, week] = await call("GET", "/api/v1/schedule", "/api/v1/schedule", 200);
  assert.equal(week.data.items.length, 4);
  assert.ok(week.data.items.every((i) => i.date >= week.data.from && i.date <= week.data.to));
  const [, next] = await call("GET", "/api/v1/schedule", week.data.next.slice(p.base.length), 200);
  assert.equal(next.data.items.length, 0);
  assert.equal(next.data.previous, p.base + "/api/v1/schedule?week=" + week.data.from);
  const [, back] = await call("GET", "/api/v1/schedule", `/api/v1/schedule?week=${week.data.items.at(-1).date}`, 200);
  assert.equal(back.data.from, week.data.from);
  assert.equal((await p.fetch(week.data.url.slice(p.base.length))).status, 200);
  await call("GET", "/api/v1/schedule", "/api/v1/schedule?week=2026-02-30", 400);
});

test("numbers are data: counts are integers, and no answer or download writes an exponent", async () => {
  const [, sets] = await call("GET", "/api/v1/datasets", "/api/v1/datasets", 200);
  const texts = [];
  for (const s of sets.data) {
    const [, one] = await call("GET", "/api/v1/datasets/{id}", `/api/v1/datasets/${s.id}`, 200);
    const download = await p.fetch(new URL(s.json).pathname);
    assert.equal(download.status, 200);
    const text = await download.text();
    assert.deepEqual(exponents(text), [], s.json);
    texts.push(JSON.stringify(one.data.table), text);
  }
  // The demo's figures, as its CSV has them: 248 and 4000, not 2.48E2 and 4E3.
  assert.ok(texts.some((t) => /[[,:]248[,\]}]/.test(t)), "248");
  assert.ok(texts.some((t) => /[[,:]4000[,\]}]/.test(t)), "4000");
  assert.deepEqual(exponents('{"a":"2E3","b":[1,2.5,-0.1],"c":2.48E2,"d":4e3}'), ["2.48E2", "4e3"], "the check itself");
});

test("the developer page (/du-lieu-mo) is linked from every page, and every address it gives answers", async () => {
  const home = await (await p.fetch("/")).text();
  assert.match(home, /<a href="\/du-lieu-mo">Dữ liệu mở<\/a>/);
  const r = await p.fetch("/du-lieu-mo");
  assert.equal(r.status, 200);
  const page = await r.text();
  assert.match(page, /<a href="\/api\/v1\/openapi\.json">/);
  assert.ok(page.includes(`curl '${p.base}/api/v1/articles?category=kinh-te&amp;page=1'`), "the example at this site's address");
  const links = [...page.matchAll(/href="(\/(?:api\/v1|rss|sitemap)[^"]*)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));
  assert.ok(links.length >= 12, links.join(" "));
  for (const link of new Set(links)) {
    const answer = await p.fetch(link);
    assert.equal(answer.status, 200, link);
    if (link.startsWith("/api/v1/") && link !== "/api/v1/openapi.json") assert.ok("data" in (await answer.json()), link);
  }
  // Every operation it names for reading is in the OpenAPI document.
  for (const link of links.filter((l) => l.startsWith("/api/v1/")))
    assert.ok(spec.paths[new URL(link, p.base).pathname], link);
});

test("a taken-down article is 410 as documented", async () => {
  const [, list] = await call("GET", "/api/v1/articles", "/api/v1/articles?category=kinh-te", 200);
  const id = list.data.at(-1).id;
  // An approver takes it down through the newsroom API; the cached answer goes at once.
  const base = "/api/v1/newsroom/articles";
  const [, got] = await call("GET", `${base}/{id}`, `${base}/${id}`, 200, { token: "duyet" });
  await call("POST", `${base}/{id}/{action}`, `${base}/${id}/take-down`, 200,
    { token: "duyet", body: { version: got.data.version, reason: "Thông tin chưa được kiểm chứng" } });
  await call("GET", "/api/v1/articles/{id}", `/api/v1/articles/${id}`, 410);
});

test("ratings and votes answer as documented, up to the per-address budget", async () => {
  const cookie = { cookie: "khach=" + "a".repeat(43) };
  const [, list] = await call("GET", "/api/v1/articles", "/api/v1/articles", 200);
  const id = list.data[0].id;
  const rate = (path, body, status, headers = cookie) => call("POST", "/api/v1/articles/{id}/ratings", path, status, { body, headers });
  await rate(`/api/v1/articles/${id}/ratings`, { stars: 4 }, 201);
  await rate(`/api/v1/articles/${id}/ratings`, { stars: 4 }, 409);  // one rating per visitor
  await rate(`/api/v1/articles/${id}/ratings`, { stars: 9 }, 400);
  await rate("/api/v1/articles/987654/ratings", { stars: 3 }, 404);
  await rate(`/api/v1/articles/${id}/ratings`, { stars: 3 }, 403, { ...cookie, origin: "https://example.com" });
  const [, polls] = await call("GET", "/api/v1/polls", "/api/v1/polls", 200);
  const poll = polls.data[0];
  const vote = (path, body, status) => call("POST", "/api/v1/polls/{id}/votes", path, status, { body, headers: cookie });
  await vote(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[0].id] }, 201);
  await vote(`/api/v1/polls/${poll.id}/votes`, { options: [poll.options[0].id] }, 409);  // one vote per visitor
  await vote(`/api/v1/polls/${poll.id}/votes`, { options: "x" }, 400);
  await vote("/api/v1/polls/987654/votes", { options: [1] }, 404);
  let last;
  for (let i = 0; i < 12 && last?.status !== 429; i++) [last] = await rate(`/api/v1/articles/${id}/ratings`, { stars: 5 }, [409, 429]);
  assert.equal(last.status, 429);
});

test("the newsroom API answers as documented", async () => {
  const base = "/api/v1/newsroom/articles";
  await call("GET", base, base, 401);  // no token
  await call("GET", base, base + "?status=draft", 200, { token: "bientap" });
  await call("GET", base, base + "?status=bogus", 400, { token: "bientap" });
  const [, created] = await call("POST", base, base, 201, { token: "bientap", body: { title: "Tin thử tài liệu API", category_id: await p.categoryId("kinh-te") } });
  await call("POST", base, base, 401, { body: { title: "Không khoá", category_id: await p.categoryId("kinh-te") } });
  await call("POST", base, base, 400, { token: "bientap", body: "{" });
  await call("POST", base, base, 422, { token: "bientap", body: { title: "", category_id: await p.categoryId("kinh-te") } });
  const a = created.data;
  const one = `${base}/${a.id}`;
  await call("GET", `${base}/{id}`, one, 200, { token: "bientap" });
  await call("GET", `${base}/{id}`, `${base}/987654`, 404, { token: "bientap" });
  const [, updated] = await call("PUT", `${base}/{id}`, one, 200, { token: "bientap", body: { ...a, title: "Tin thử (sửa)" } });
  await call("PUT", `${base}/{id}`, one, 409, { token: "bientap", body: { ...a, title: "Bản cũ" } });  // an old version
  // An editor may not publish; an approver may, once it is submitted.
  await call("POST", `${base}/{id}/{action}`, `${one}/publish`, 403, { token: "bientap", body: { version: updated.data.version } });
  const [, submitted] = await call("POST", `${base}/{id}/{action}`, `${one}/submit`, 200, { token: "bientap", body: { version: updated.data.version } });
  await call("POST", `${base}/{id}/{action}`, `${one}/publish`, 200, { token: "duyet", body: { version: submitted.data.version } });
});

test("every documented operation was called", () => {
  const documented = [];
  for (const [path, ops] of Object.entries(spec.paths))
    for (const method of Object.keys(ops)) documented.push(`${method} ${path}`);
  assert.deepEqual(documented.filter((o) => !exercised.has(o)), []);
});

test("open data may be read from any site; private and write endpoints are not opened", async () => {
  const r = await p.fetch("/api/v1/articles", { headers: { origin: "https://data.gov.vn" } });
  assert.equal(r.headers.get("access-control-allow-origin"), "*");
  assert.match(r.headers.get("access-control-expose-headers"), /Link/);
  const pre = await p.fetch("/api/v1/articles", { method: "OPTIONS", headers: { origin: "https://data.gov.vn",
    "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), "*");
  assert.match(pre.headers.get("access-control-allow-methods"), /^GET, HEAD$/);
  assert.match(pre.headers.get("access-control-allow-headers"), /If-None-Match/);
  // Errors of open reads carry it too, so a browser can read the message.
  assert.equal((await p.fetch("/api/v1/articles/abc")).headers.get("access-control-allow-origin"), "*");
  for (const [method, path] of [["GET", "/api/v1/newsroom/articles"], ["OPTIONS", "/api/v1/newsroom/articles"],
    ["POST", "/api/v1/polls/1/votes"], ["GET", "/"], ["GET", "/rss.xml"]])
    assert.equal((await p.fetch(path, { method, headers: { origin: "https://data.gov.vn" } })).headers.get("access-control-allow-origin"), null, path);
});

test("lists link their neighbouring pages, from the cache too, and answer 304 to their ETag", async () => {
  const links = (r) => Object.fromEntries([...r.headers.get("link").matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], m[1]]));
  const pages = (await (await p.fetch("/api/v1/articles")).json()).meta.total_pages;
  assert.ok(pages >= 3);
  for (let i = 0; i < 2; i++) {  // the second answer comes from the page cache
    const r = await p.fetch("/api/v1/articles?page=2");
    assert.deepEqual(links(r), {
      first: p.base + "/api/v1/articles?page=1", prev: p.base + "/api/v1/articles?page=1",
      next: p.base + "/api/v1/articles?page=3", last: p.base + "/api/v1/articles?page=" + pages });
  }
  const cat = links(await p.fetch("/api/v1/articles?category=xay-dung-dang"));
  assert.equal(cat.first, p.base + "/api/v1/articles?category=xay-dung-dang&page=1");
  assert.equal(cat.prev, undefined);
  const s = await p.fetch("/api/v1/search?q=" + encodeURIComponent("đảng viên"));
  const sl = links(s);
  assert.equal(sl.first, p.base + "/api/v1/search?q=" + encodeURIComponent("đảng viên") + "&page=1");
  const total = (await s.json()).meta.total;
  assert.equal(sl.last, p.base + "/api/v1/search?q=" + encodeURIComponent("đảng viên") + "&page=" + Math.max(1, Math.ceil(total / 10)));
  const first = await p.fetch("/api/v1/categories");
  const etag = first.headers.get("etag");
  assert.ok(etag);
  const again = await p.fetch("/api/v1/categories", { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get("access-control-allow-origin"), "*");
});

test("past its budget an address gets 429 with Retry-After; other addresses and the site go on", async () => {
  const q = await Portico.start({ config: "weather_interval_s = 0\napi_requests_per_minute = 5\ntrust_proxy = true\n" });
  try {
    const from = (ip) => ({ headers: { "x-forwarded-for": ip } });
    for (let i = 0; i < 5; i++) assert.equal((await q.fetch("/api/v1/articles", from("203.0.113.7"))).status, 200, String(i));
    const r = await q.fetch("/api/v1/articles", from("203.0.113.7"));
    assert.equal(r.status, 429);
    const wait = Number(r.headers.get("retry-after"));
    assert.ok(wait >= 1 && wait <= 72, String(wait));
    const body = await r.json();
    assert.equal(body.error.code, "too_many_requests");
    assert.match(body.error.message, /thử lại sau \d+ giây/);
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
    assert.equal((await q.fetch("/api/v1/search?q=dang", from("203.0.113.7"))).status, 429, "every open read counts");
    assert.equal((await q.fetch("/api/v1/articles", from("203.0.113.8"))).status, 200, "another address");
    assert.equal((await q.fetch("/", from("203.0.113.7"))).status, 200, "pages are not metered");
  } finally {
    await q.cleanup();
  }
});
