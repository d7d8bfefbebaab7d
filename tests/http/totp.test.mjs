// Two-factor sign-in with time-based codes (RFC 6238), and roles that must use it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { Portico, Visitor, bin } from "../lib/portico.mjs";

let p;
const cli = (...args) => execFileSync(bin, [...args, "--data", p.dataDir], { encoding: "utf8" });

function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "", out = [];
  for (const c of text) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(out);
}
function code(key, t = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const mac = crypto.createHmac("sha1", key).update(counter).digest();
  const o = mac[19] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, "0");
}
async function signIn(name, password, ma) {
  const v = new Visitor(p);
  const form = await (await v.fetch("/quan-tri/dang-nhap")).text();
  const fields = { csrf: Visitor.csrfOf(form), ten: name, "mat-khau": password };
  if (ma !== undefined) fields.ma = ma;
  return v.post("/quan-tri/dang-nhap", fields);
}

before(async () => {
  p = await Portico.start();
  for (const [name, role] of [["quantri", "admin"], ["duyet", "approver"]])
    execFileSync(bin, ["user", "add", name, "--role", role, "--password-stdin", "--data", p.dataDir], { input: `mat-khau-${name}\n` });
});
after(async () => { await p.cleanup(); });

test("with two-factor sign-in on, the password alone is not enough", async () => {
  const out = cli("user", "totp", "quantri");
  const uri = /otpauth:\/\/totp\/\S+/.exec(out)[0];
  assert.match(uri, /issuer=/);
  const key = base32(new URL(uri).searchParams.get("secret"));
  let r = await signIn("quantri", "mat-khau-quantri");
  assert.equal(r.status, 401);
  assert.match(await r.text(), /Mã xác thực không đúng/);
  const wrong = String((Number(code(key)) + 1) % 1e6).padStart(6, "0");
  assert.equal((await signIn("quantri", "mat-khau-quantri", wrong)).status, 401);
  assert.equal((await signIn("quantri", "sai-mat-khau", code(key))).status, 401);
  r = await signIn("quantri", "mat-khau-quantri", code(key));
  assert.equal(r.status, 303);
  assert.equal((await signIn("quantri", "mat-khau-quantri", code(key, Date.now() / 1000 - 30))).status, 303, "one step of drift");
  assert.equal((await signIn("quantri", "mat-khau-quantri", code(key, Date.now() / 1000 - 120))).status, 401);
  cli("user", "totp", "quantri", "--off");
  assert.equal((await signIn("quantri", "mat-khau-quantri")).status, 303);
});

test("an administrator can require two-factor sign-in for a role", async () => {
  assert.match(cli("user", "require-totp", "approver"), /approver/);
  const r = await signIn("duyet", "mat-khau-duyet");
  assert.equal(r.status, 403);
  assert.match(await r.text(), /phải dùng xác thực hai bước/);
  assert.equal((await signIn("quantri", "mat-khau-quantri")).status, 303, "other roles are not affected");
  const key = base32(new URL(/otpauth:\/\/\S+/.exec(cli("user", "totp", "duyet"))[0]).searchParams.get("secret"));
  assert.equal((await signIn("duyet", "mat-khau-duyet", code(key))).status, 303);
  assert.throws(() => cli("user", "require-totp", "sep"), /vai trò không hợp lệ/);
  cli("user", "require-totp", "none");
});
