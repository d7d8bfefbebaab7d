// The editorial workflow through /api/v1/newsroom with bearer tokens from `portico token`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, bin } from "../lib/portico.mjs";

let p;
const tokens = {};
const cli = (...args) => execFileSync(bin, [...args, "--data", p.dataDir], { encoding: "utf8" });

before(async () => {
  p = await Portico.start();
  for (const [name, role] of [["bientap", "editor"], ["duyet", "approver"]]) {
    execFileSync(bin, ["user", "add", name, "--role", role, "--password-stdin", "--data", p.dataDir], { input: `mat-khau-${name}\n` });
    tokens[name] = cli("token", "create", name).trim().split("\n").at(-1);
  }
});
after(async () => { await p.cleanup(); });

const call = (who, method, path, body) => p.fetch("/api/v1/newsroom" + path, {
  method, headers: { authorization: `Bearer ${tokens[who] ?? who}`, "content-type": "application/json" },
  body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
});

test("without a valid token: 401 with WWW-Authenticate", async () => {
  for (const auth of [undefined, "Bearer ", "Bearer sai", "Basic abc"]) {
    const r = await p.fetch("/api/v1/newsroom/articles", { headers: auth ? { authorization: auth } : {} });
    assert.equal(r.status, 401, String(auth));
    assert.equal(r.headers.get("www-authenticate"), "Bearer");
    assert.equal((await r.json()).error.code, "unauthorized");
  }
});

test("the whole workflow over JSON: create, update with versions, submit, publish, take down", async () => {
  const created = await call("bientap", "POST", "/articles", {
    title: "Tin từ API", lead: "Sapo", body_html: "<p onclick=x>Nội dung<script>1</script></p>", category_id: await p.categoryId("kinh-te"), source: "API" });
  assert.equal(created.status, 201, await created.clone().text());
  let a = (await created.json()).data;
  assert.equal(a.status, "draft");
  assert.equal(a.body_html, "<p>Nội dung</p>");
  assert.equal(a.published_at, null);
  assert.match(created.headers.get("location"), /^\/api\/v1\/newsroom\/articles\/\d+$/);
  // update at the version read; a stale version is a conflict
  let r = await call("bientap", "PUT", `/articles/${a.id}`, { ...a, title: "Tin từ API (sửa)", version: a.version });
  assert.equal(r.status, 200);
  const updated = (await r.json()).data;
  assert.equal(updated.version, a.version + 1);
  r = await call("bientap", "PUT", `/articles/${a.id}`, { ...a, title: "Bản cũ", version: a.version });
  assert.equal(r.status, 409);
  assert.equal((await r.json()).error.code, "conflict");
  a = updated;
  // the editor cannot publish
  r = await call("bientap", "POST", `/articles/${a.id}/publish`, { version: a.version });
  assert.equal(r.status, 403);
  r = await call("bientap", "POST", `/articles/${a.id}/submit`, { version: a.version });
  assert.equal(r.status, 200);
  a = (await r.json()).data;
  assert.equal(a.status, "pending");
  const pending = await (await call("duyet", "GET", "/articles?status=pending")).json();
  assert.ok(pending.data.some((x) => x.id === a.id));
  r = await call("duyet", "POST", `/articles/${a.id}/publish`, { version: a.version });
  assert.equal(r.status, 200);
  a = (await r.json()).data;
  assert.equal(a.status, "published");
  assert.equal(a.url, p.base + "/bai-viet/tin-tu-api");
  assert.equal((await p.fetch("/bai-viet/tin-tu-api")).status, 200);
  r = await call("duyet", "POST", `/articles/${a.id}/take-down`, { version: a.version });
  assert.equal(r.status, 422, "a reason is required");
  r = await call("duyet", "POST", `/articles/${a.id}/take-down`, { version: a.version, reason: "Trùng lặp" });
  assert.equal(r.status, 200);
  assert.equal((await p.fetch("/bai-viet/tin-tu-api")).status, 410);
});

test("return with a comment and scheduled publishing over the API", async () => {
  let a = (await (await call("bientap", "POST", "/articles", { title: "Bài hẹn giờ qua API", category_id: await p.categoryId("kinh-te") })).json()).data;
  a = (await (await call("bientap", "POST", `/articles/${a.id}/submit`, { version: a.version })).json()).data;
  let r = await call("duyet", "POST", `/articles/${a.id}/return`, { version: a.version, comment: "Bổ sung ảnh" });
  a = (await r.json()).data;
  assert.equal(a.status, "draft");
  assert.equal(a.workflow_note, "Bổ sung ảnh");
  r = await call("duyet", "POST", `/articles/${a.id}/publish`, { version: a.version, publish_at: "2099-05-01T07:30" });
  a = (await r.json()).data;
  assert.equal(a.published_at, "2099-05-01T07:30:00+07:00");
  assert.equal((await p.fetch("/bai-viet/bai-hen-gio-qua-api")).status, 404);
  r = await call("duyet", "POST", `/articles/${a.id}/publish`, { version: a.version, publish_at: "mai" });
  assert.equal(r.status, 422);
});

test("bad JSON and bad values are 400/422 with messages, never 500", async () => {
  for (const body of ["{", "[]", '"x"', '{"title": 5}', '{"category_id": "3"}', '{"unknown": 1}', '{"featured": "yes"}',
    Buffer.from([0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])]) {
    const r = await call("bientap", "POST", "/articles", body);
    assert.equal(r.status, 400, String(body));
    const e = (await r.json()).error;
    assert.equal(e.code, "bad_request");
    assert.ok(e.message.length > 0);
  }
  assert.equal((await call("bientap", "POST", "/articles", { title: "", category_id: await p.categoryId("kinh-te") })).status, 422);
  assert.equal((await call("bientap", "POST", "/articles", { title: "x", category_id: 99999 })).status, 422);
  assert.equal((await call("bientap", "GET", "/articles/abc")).status, 400);
  assert.equal((await call("bientap", "GET", "/articles/99999999")).status, 404);
  assert.equal((await call("bientap", "GET", "/articles?status=xyz")).status, 400);
  assert.equal((await call("bientap", "POST", "/articles/1/fly", { version: 1 })).status, 404);
  assert.equal((await call("bientap", "DELETE", "/articles/1")).status, 405);
});

test("revoked tokens and disabled accounts stop working at once", async () => {
  assert.equal((await call("bientap", "GET", "/articles")).status, 200);
  assert.match(cli("token", "revoke", "bientap"), /Đã thu hồi 1 khoá API/);
  assert.equal((await call("bientap", "GET", "/articles")).status, 401);
  assert.equal((await call("duyet", "GET", "/articles")).status, 200);
  cli("user", "disable", "duyet");
  assert.equal((await call("duyet", "GET", "/articles")).status, 401);
});
