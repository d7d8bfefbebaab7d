// Starts the real portico binary on a free loopback port with a fresh data directory.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import http from "node:http";
import net from "node:net";

export const sourceDir = process.env.PORTICO_SOURCE_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "../..");
export const bin = process.env.PORTICO_BIN ?? join(sourceDir, "build/portico");
// The suites run twice: on SQLite files, and on PostgreSQL (tests/pg/http.sh: bin is then
// tests/pg/on_postgresql.sh). A test of one engine by nature says which: { skip: … }.
export const onPostgresql = process.env.PORTICO_TEST_DATABASE === "postgresql";
export const sqliteOnly = onPostgresql && "of the SQLite file itself";

export class Portico {
  // options: { config: "toml text", dataDir, args: [], openFiles, listen: "127.0.0.1:PORT" (a free one by default) }
  static async start(options = {}) {
    const p = new Portico();
    p.ownsData = !options.dataDir;
    p.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "portico-test-"));
    // The portal's clock is the system's plus the seconds in this file (see advance()).
    p.clockFile = join(p.dataDir, "test-clock");
    if (!existsSync(p.clockFile)) writeFileSync(p.clockFile, "0\n");
    const args = ["serve", "--data", p.dataDir, "--listen", options.listen ?? "127.0.0.1:0", "--test-clock-file", p.clockFile,
      ...(options.args ?? [])];
    if (options.config) {
      const file = join(p.dataDir, "test.toml");
      writeFileSync(file, options.config);
      args.push("--config", file);
    }
    // openFiles: run under that many file descriptors (`ulimit -n`, soft and hard).
    p.child = options.openFiles
      ? spawn("bash", ["-c", `ulimit -n ${Number(options.openFiles)} && exec "$0" "$@"`, bin, ...args],
              { stdio: ["ignore", "pipe", "pipe"] })
      : spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    p.stderr = "";
    p.child.stderr.on("data", (d) => (p.stderr += d));
    p.exited = new Promise((resolve) => p.child.on("exit", (code, signal) => resolve({ code, signal })));
    p.port = await new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error("portico did not start: " + p.stderr)), 20000);
      p.child.stdout.on("data", (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      });
      p.child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`portico exited ${code}: ${p.stderr}`)); });
    });
    p.base = `http://127.0.0.1:${p.port}`;
    return p;
  }

  // Moves the portal's clock forward (a form's age, a scheduled time, tomorrow) without sleeping.
  advance(seconds) {
    const now = Number(readFileSync(this.clockFile, "utf8")) || 0;
    writeFileSync(this.clockFile, `${now + seconds}\n`);
  }

  url(path) { return this.base + path; }
  // init.host: as a browser sends it to another host name that points at this server (a
  // sub-portal's; fetch itself may not set Host), answered as a Response. A sub-portal under
  // a path of its parent's host is named as the site is ("tuyenquang.localhost/xa-hung-loi"):
  // the path goes before `path` (unless `path` is one of its addresses already, as a
  // redirect's Location is).
  fetch(path, init = {}) {
    if (!init.host) return fetch(this.base + path, { redirect: "manual", ...init });
    const { method = "GET", headers = {}, body } = init;
    const [host, under] = init.host.split(/(?=\/)/);
    if (under && path !== under && !path.startsWith(under + "/") && !path.startsWith(under + "?")) path = under + path;
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: this.port, path, method,
        headers: { ...headers, host: `${host}:${this.port}` } }, (res) => {
        const chunks = [];
        res.on("data", (d) => chunks.push(d));
        res.on("end", () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) for (const x of [v].flat()) h.append(k, x);
          resolve(new Response([101, 204, 304].includes(res.statusCode) ? null : Buffer.concat(chunks),
            { status: res.statusCode, headers: h }));
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  // Sends raw bytes and collects everything until the server closes or `ms` pass.
  raw(bytes, ms = 3000) {
    return new Promise((resolve) => {
      const s = net.connect(this.port, "127.0.0.1");
      const chunks = [];
      const done = () => { s.destroy(); resolve(Buffer.concat(chunks).toString("utf8")); };
      const t = setTimeout(done, ms);
      s.on("data", (d) => chunks.push(d));
      s.on("close", () => { clearTimeout(t); done(); });
      s.on("error", () => {});
      s.write(bytes);
    });
  }

  // SIGTERM, then the exit status.
  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    const r = await this.exited;
    return r;
  }

  async cleanup() {
    await this.stop();
    if (this.ownsData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  // A category's id by its slug, from the open API: ids follow the order of creation, which
  // tests should not assume.
  async categoryId(slug) {
    const c = (await (await this.fetch("/api/v1/categories")).json()).data.find((x) => x.slug === slug);
    if (!c) throw new Error(`no category ${slug}`);
    return c.id;
  }
}

// The directory `portico backup` says it made ("… vào DIR trong N ms").
export const backupMadeIn = (stdout) => /vào (\S+) trong \d+ ms/.exec(stdout)[1];

export function statusOf(raw) {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(raw);
  return m ? Number(m[1]) : 0;
}

// Runs the W3C Nu HTML checker (npm vnu-jar) on named HTML texts; returns the errors.
export function htmlErrors(pages) {
  const dir = mkdtempSync(join(tmpdir(), "portico-vnu-"));
  const files = Object.entries(pages).map(([name, html]) => {
    const file = join(dir, name + ".html");
    writeFileSync(file, html);
    return file;
  });
  const jar = join(sourceDir, "node_modules/vnu-jar/build/dist/vnu.jar");
  const r = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...files], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  const out = JSON.parse(r.stderr || r.stdout);  // throws when the checker did not run
  return out.messages.filter((m) => m.type === "error").map((m) => `${m.url.split("/").pop()}:${m.lastLine}: ${m.message}`);
}

// A browser-like session for the newsroom: keeps cookies, fills CSRF fields.
export class Visitor {
  // host: a sub-portal's host name (the Host header sent; the cookies are its own).
  constructor(p, { host } = {}) { this.p = p; this.host = host; this.cookies = new Map(); }
  async fetch(path, init = {}) {
    const headers = { ...(init.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const r = await this.p.fetch(path, { ...init, headers, ...(this.host ? { host: this.host } : {}) });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (v === "" || /Max-Age=0/.test(c)) this.cookies.delete(k); else this.cookies.set(k, v);
    }
    return r;
  }
  post(path, fields) {
    return this.fetch(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString() });
  }
  static csrfOf(html) { return /name="csrf" value="([^"]+)"/.exec(html)?.[1]; }
  async signIn(name, password) {
    const form = await (await this.fetch("/quan-tri/dang-nhap")).text();
    return this.post("/quan-tri/dang-nhap", { csrf: Visitor.csrfOf(form), ten: name, "mat-khau": password });
  }
}

// A newsroom account of the given role, created with the CLI, and an API token for it:
// the bearer token the newsroom API takes. `dataDir` of a running or stopped portal.
export function apiToken(dataDir, name, role) {
  execFileSync(bin, ["user", "add", name, "--role", role, "--password-stdin", "--data", dataDir], { input: `mat-khau-${name}\n` });
  return execFileSync(bin, ["token", "create", name, "--data", dataDir], { encoding: "utf8" }).trim().split("\n").at(-1);
}

// A newsroom account of the given role, created with the CLI, signed in as a Visitor.
// site: the account's site (a slug; default: the default site), host: the host name it signs
// in on (that site's, or another it holds a role on), platform: a platform administrator.
export async function signedIn(p, name, role, { site, host, platform } = {}) {
  execFileSync(bin, ["user", "add", name, "--role", role, "--password-stdin", "--data", p.dataDir, ...(site ? ["--site", site] : []),
    ...(platform ? ["--platform"] : [])], { input: `mat-khau-${name}\n` });
  const v = new Visitor(p, { host });
  await v.signIn(name, `mat-khau-${name}`);
  return v;
}
