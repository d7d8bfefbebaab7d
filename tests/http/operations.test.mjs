// What an operator's monitoring reads: /metrics in the Prometheus text format, checked with
// Prometheus's own parser (Debian's python3-prometheus-client), answered only to metrics_allow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { Portico } from "../lib/portico.mjs";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

// Every sample of an exposition, as prometheus_client parses it; throws if it cannot.
function parse(text) {
  const script = "import json, sys\nfrom prometheus_client.parser import text_string_to_metric_families\n" +
    "out = []\nfor f in text_string_to_metric_families(sys.stdin.read()):\n" +
    "    for s in f.samples: out.append({'family': f.name, 'type': f.type, 'name': s.name, 'labels': s.labels, 'value': s.value})\n" +
    "print(json.dumps(out))\n";
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script], { input: text, encoding: "utf8" }));
}

test("/metrics: parsed by Prometheus's parser, it counts what happened; other addresses get 403", async () => {
  const p = await Portico.start({ config: 'weather_interval_s = 0\ntrust_proxy = ["127.0.0.1"]\n' });
  try {
    for (let i = 0; i < 3; ++i) assert.equal((await p.fetch("/", { headers: { "user-agent": BROWSER } })).status, 200);
    assert.equal((await p.fetch("/khong-co-trang-nay")).status, 404);
    const rated = await p.fetch("/api/v1/articles/1/ratings", { method: "POST",
      headers: { "content-type": "application/json", origin: p.base }, body: JSON.stringify({ stars: 4 }) });
    assert.equal(rated.status, 201);
    // An answer is counted once its last byte is sent, which the client may see first: the
    // rating's count may land a moment after its answer.
    let r, samples;
    for (let i = 0; i < 40; ++i) {
      r = await p.fetch("/metrics");
      samples = parse(await r.text());
      if (samples.some((s) => s.name === "portico_http_requests_total" && s.labels.family === "api" && s.labels.status === "201")) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type"), /^text\/plain; version=0\.0\.4/);
    assert.equal(r.headers.get("cache-control"), "no-store");
    const value = (name, labels = {}) => {
      const s = samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
      assert.ok(s, `${name} ${JSON.stringify(labels)}`);
      return s.value;
    };
    assert.equal(value("portico_build_info"), 1);
    assert.match(samples.find((s) => s.name === "portico_build_info").labels.version, /^\d+\.\d+\.\d+$/);
    assert.ok(value("portico_http_requests_total", { family: "pages", status: "200" }) >= 3);
    assert.equal(value("portico_http_requests_total", { family: "pages", status: "404" }), 1);
    assert.equal(value("portico_http_requests_total", { family: "api", status: "201" }), 1);
    assert.equal(value("portico_page_views_total"), 3);
    assert.equal(value("portico_ratings_total"), 1);
    assert.equal(value("portico_votes_total"), 0);
    assert.ok(value("portico_page_cache_hits_total") >= 2, "the second and third home page");
    assert.ok(value("portico_page_cache_bytes") > 0);
    assert.ok(value("portico_connections_open") >= 1);
    assert.ok(value("portico_work_threads") >= 1);
    assert.equal(value("portico_database_unavailable_total"), 0);
    assert.ok(value("portico_job_runs_total", { job: "scheduler" }) >= 0);
    // The histogram: cumulative buckets ending in +Inf, which is the count.
    const buckets = samples.filter((s) => s.name === "portico_http_request_duration_seconds_bucket" && s.labels.family === "pages");
    assert.equal(samples.find((s) => s.name === "portico_http_request_duration_seconds" || s.family === "portico_http_request_duration_seconds").type, "histogram");
    assert.equal(buckets.at(-1).labels.le, "+Inf");
    for (let i = 1; i < buckets.length; ++i) assert.ok(buckets[i].value >= buckets[i - 1].value);
    assert.equal(buckets.at(-1).value, value("portico_http_request_duration_seconds_count", { family: "pages" }));
    // Behind the proxy, a client elsewhere is not the monitoring system.
    const far = await p.fetch("/metrics", { headers: { "x-forwarded-for": "203.0.113.9" } });
    assert.equal(far.status, 403);
    assert.match((await far.json()).error.message, /metrics_allow/);
  } finally {
    await p.cleanup();
  }
});
