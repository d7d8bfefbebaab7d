#!/usr/bin/env python3
"""make bench, two nodes: the delay from a publish on node A to the new article on node B.

   publish_delay.py A_BASE B_BASE EDITOR_TOKEN APPROVER_TOKEN [COUNT]

For each of COUNT articles: created, submitted and published through A's newsroom API;
then B's home page, which B had drawn and cached just before, is asked for every
millisecond until it lists the new article (B's article page itself is no measure: a
missing article's 404 is never cached). Prints "… median …, max …".
"""
import json
import statistics
import sys
import time
import urllib.error
import urllib.request


def call(base, token, method, path, body=None):
    req = urllib.request.Request(base + "/api/v1/newsroom" + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"authorization": "Bearer " + token, "content-type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            return json.load(r)["data"]
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()}")


def page(url):
    with urllib.request.urlopen(url) as r:
        return r.read().decode()


def main():
    a, b, editor, approver = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    with urllib.request.urlopen(a + "/api/v1/categories") as r:  # one that holds articles, not a link
        category = next(c["id"] for c in json.load(r)["data"] if c["slug"] == "kinh-te")
    delays = []
    stamp = int(time.time())
    for i in range(count):
        title = f"Đo độ trễ xuất bản {stamp} số {i}"
        art = call(a, editor, "POST", "/articles", {"title": title, "lead": "Sapo", "body_html": "<p>Nội dung</p>",
                                                     "category_id": category})
        assert title not in page(b + "/")  # and B's home page is in B's cache
        art = call(a, editor, "POST", f"/articles/{art['id']}/submit", {"version": art["version"]})
        call(a, approver, "POST", f"/articles/{art['id']}/publish", {"version": art["version"]})
        published = time.monotonic()
        while title not in page(b + "/"):
            if time.monotonic() - published > 10:
                sys.exit(f"{title}: not on B's home page after 10 s")
            time.sleep(0.001)
        delays.append((time.monotonic() - published) * 1000)
    print(f"publish on A to B's home page: median {statistics.median(delays):.1f} ms, max {max(delays):.1f} ms "
          f"(of {count})")


main()
