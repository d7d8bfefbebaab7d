// Behind a trusted reverse proxy: the client's address and HTTPS come from its headers.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin } from "../lib/portico.mjs";

const started = [];
after(async () => { for (const p of started) await p.cleanup(); });

async function signInVia(p, headers) {
  execFileSync(bin, ["user", "add", "quantri", "--role", "admin", "--password-stdin", "--data", p.dataDir], { input: "mat-khau-quantri\n" });
  const v = new Visitor(p);
  const form = await (await v.fetch("/quan-tri/dang-nhap", { headers })).text();
  const r = await v.fetch("/quan-tri/dang-nhap", { method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: Visitor.csrfOf(form), ten: "quantri", "mat-khau": "mat-khau-quantri" }).toString() });
  return { v, r };
}

test("with trust_proxy, X-Forwarded-For and X-Forwarded-Proto are believed", async () => {
  const p = await Portico.start({ config: "trust_proxy = true\n" });
  started.push(p);
  const headers = { "x-forwarded-for": "198.51.100.7, 203.0.113.9", "x-forwarded-proto": "https" };
  const { v, r } = await signInVia(p, headers);
  assert.equal(r.status, 303);
  assert.match(r.headers.getSetCookie().find((c) => c.startsWith("phien=")), /; Secure$/);
  const log = await (await v.fetch("/quan-tri/nhat-ky")).text();
  assert.match(log, /<td>203\.0\.113\.9<\/td>/);
});

test("without it (the default), the headers change nothing", async () => {
  const p = await Portico.start();
  started.push(p);
  const { v, r } = await signInVia(p, { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" });
  assert.equal(r.status, 303);
  assert.doesNotMatch(r.headers.getSetCookie().find((c) => c.startsWith("phien=")), /Secure/);
  const log = await (await v.fetch("/quan-tri/nhat-ky")).text();
  assert.doesNotMatch(log, /203\.0\.113\.9/);
  assert.match(log, /<td>127\.0\.0\.1<\/td>/);
});
