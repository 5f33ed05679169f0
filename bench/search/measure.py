#!/usr/bin/env python3
"""Measures gongkai's search index on built sites, and Pagefind on the same sites.

    bench/search/measure.py SITE [SITE ...]    (each SITE a folder written by `gongkai build`)

For each site it prints, as Markdown:
- index size: all of search/ (shards and notice files), the shard files, the largest shard;
- bytes a typical query fetches: the shards of its tokens plus the notice files of the first 20
  results (median and 90th percentile over the generated queries), beside search.html and
  assets/search.js, which every query loads too;
- recall against a brute-force substring search over the same notices' text (title, 文号, body as
  in search/d/*.js) for every generated query of 2 or more characters: substrings of 2–6
  characters from random places of the notices, pieces of 文号 (prefix, year, 'N号', digits) and
  digit runs; queries are sampled with a fixed seed;
- precision (the share of returned notices that really hold the query as written) and whether the
  true matches come first among the first 20;
- the same recall for Pagefind (PyPI pagefind-bin-extended, which segments Chinese), indexing the
  notice pages of the same site (`*/notice/*.html`) and searching with its own pagefind.js in
  headless Chromium; a Pagefind result counts when its page is a notice the brute force found.

Needs node and chromium; QUERIES (default 3000) queries per site, PAGEFIND_QUERIES (default 600)
for Pagefind, SEED (default 11).
"""
import glob
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import http.server
import functools

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "Templates", "assets", "search.js")
QUERIES = int(os.environ.get("QUERIES", "3000"))
PAGEFIND_QUERIES = int(os.environ.get("PAGEFIND_QUERIES", "600"))
SEED = int(os.environ.get("SEED", "11"))

WORD = re.compile(r"[0-9A-Za-z\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")

# Runs every query through the page's own script (tokens, shards, rank) over the site's files.
NODE_ENGINE = r"""
const fs = require('fs'), path = require('path'), vm = require('vm');
const s = require(process.argv[2]);
const site = process.argv[3];
const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
const shards = {};
global.gongkaiSearch = { shard: (n, d) => { shards[n] = d; }, doc: () => {} };
const sdir = path.join(site, 'search', 's');
const sizes = {};
for (const f of fs.readdirSync(sdir)) {
  const p = path.join(sdir, f);
  sizes[f] = fs.statSync(p).size;
  vm.runInThisContext(fs.readFileSync(p, 'utf8'));
}
const n = Object.keys(shards).length;
const out = queries.map(q => {
  const toks = s.queryTokens(q), post = {}, need = new Set();
  toks.forEach(t => { const k = s.hash(t) % n; need.add(k); post[t] = shards[k][t]; });
  const ranked = toks.length ? s.rank(toks, post) : [];
  return { ids: ranked.map(h => h.id), shards: [...need].map(k => sizes[k + '.js']) };
});
process.stdout.write(JSON.stringify(out));
"""

# Pagefind in the browser: every query, every result's URL, written into the page.
PAGEFIND_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out"></pre>
<script type="module">
const pagefind = await import('./pagefind/pagefind.js');
await pagefind.options({ excerptLength: 0 });
await pagefind.init();
const queries = %s;
const out = [], url = {};
for (const q of queries) {
  const r = await pagefind.search(q);
  const urls = [];
  for (const x of r.results) {
    if (!(x.id in url)) { url[x.id] = (await x.data()).url; }
    urls.push(url[x.id]);
  }
  out.push(urls);
}
document.getElementById('out').textContent = JSON.stringify(out);
</script></body></html>
"""


def load_docs(site):
    docs = {}
    for p in glob.glob(os.path.join(site, "search", "d", "*.js")):
        text = open(p, encoding="utf-8").read()
        m = re.match(r"gongkaiSearch\.doc\((\d+),(.*)\);\n$", text, re.S)
        docs[int(m.group(1))] = json.loads(m.group(2))
    return [docs[i] for i in range(len(docs))]


def fields(d):
    return [d["t"], d.get("n", ""), d["x"]]


def generate_queries(docs, count, rng):
    """Substrings of 2–6 characters, 文号 pieces and digit runs, each of 2+ characters holding
    at least one word character, without spaces at the ends."""
    out = set()
    numbers = [d["n"] for d in docs if d.get("n")]
    texts = [f for d in docs for f in fields(d) if len(f) >= 2]
    digits = sorted({m for t in texts for m in re.findall(r"\d{2,}", t)})
    attempts = 0
    while len(out) < count and attempts < count * 50:
        attempts += 1
        kind = rng.random()
        if kind < 0.7:
            t = rng.choice(texts)
            n = rng.randint(2, 6)
            if len(t) < n:
                continue
            i = rng.randrange(0, len(t) - n + 1)
            q = t[i:i + n]
        elif kind < 0.9 and numbers:
            w = rng.choice(numbers)
            parts = [p for p in re.split(r"[〔〕\[\]（）()]", w) if p] + re.findall(r"\d+号", w) + re.findall(r"\d{2,}", w)
            q = rng.choice(parts + [w]) if parts else w
        elif digits:
            q = rng.choice(digits)
        else:
            continue
        q = q.strip()
        if len(q) >= 2 and WORD.search(q):
            out.add(q)
    return sorted(out)


def brute(docs, q):
    return {i for i, d in enumerate(docs) if any(q in f for f in fields(d))}


def run_engine(site, queries):
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
        f.write(NODE_ENGINE)
    try:
        p = subprocess.run(["node", "--max-old-space-size=4096", f.name, SCRIPT, site], input=json.dumps(queries),
                           capture_output=True, text=True, check=True)
    finally:
        os.unlink(f.name)
    return json.loads(p.stdout)


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p))] if v else 0


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run_pagefind(site, docs, queries):
    """Indexes the notice pages of a copy of the site with Pagefind and searches in Chromium."""
    work = tempfile.mkdtemp(prefix="pagefind-")
    try:
        copy = os.path.join(work, "site")
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("search", "files"))
        p = subprocess.run([sys.executable, "-m", "pagefind_bin_extended", "--site", copy, "--glob", "*/notice/*.html"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return None, p.stdout + p.stderr
        index_bytes = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(copy, "pagefind")) for f in fs)
        with open(os.path.join(copy, "pf-bench.html"), "w", encoding="utf-8") as f:
            f.write(PAGEFIND_PAGE % json.dumps(queries, ensure_ascii=False))
        port = free_port()
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *a):
                pass
        handler = functools.partial(Quiet, directory=copy)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=600000",
                                  "--timeout=600000", "--dump-dom", f"http://127.0.0.1:{port}/pf-bench.html"],
                                 capture_output=True, text=True, timeout=1800).stdout
        finally:
            httpd.shutdown()
        m = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
        if not m or not m.group(1):
            return None, "Pagefind gave no results in Chromium"
        import html
        urls = json.loads(html.unescape(m.group(1)))
        by_url = {"/" + d["u"]: i for i, d in enumerate(docs)}
        from urllib.parse import unquote
        by_url.update({unquote(k): v for k, v in list(by_url.items())})
        return ([{by_url.get(unquote(u)) for u in us} - {None} for us in urls], index_bytes), ""
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(site):
    rng = random.Random(SEED)
    docs = load_docs(site)
    shard_files = glob.glob(os.path.join(site, "search", "s", "*.js"))
    doc_files = glob.glob(os.path.join(site, "search", "d", "*.js"))
    shard_sizes = [size(p) for p in shard_files]
    doc_sizes = {int(os.path.basename(p)[:-3]): size(p) for p in doc_files}
    queries = generate_queries(docs, QUERIES, rng)
    results = run_engine(site, queries)
    truth = [brute(docs, q) for q in queries]

    found = [set(r["ids"]) for r in results]
    relevant = sum(len(t) for t in truth)
    hit = sum(len(t & f) for t, f in zip(truth, found))
    full = sum(1 for t, f in zip(truth, found) if t <= f)
    returned = sum(len(f) for f in found)
    misses = [(q, len(t - f)) for q, t, f in zip(queries, truth, found) if not t <= f]
    exact_first = 0
    for t, r in zip(truth, results):
        top = r["ids"][:20]
        flags = [i in t for i in top]
        if flags == sorted(flags, reverse=True):
            exact_first += 1
    fetched = [sum(r["shards"]) + sum(doc_sizes[i] for i in r["ids"][:20]) for r in results]
    shards_per_query = [len(r["shards"]) for r in results]
    page = size(os.path.join(site, "search.html")) + size(os.path.join(site, "assets", "search.js"))

    name = os.path.basename(os.path.normpath(site))
    print(f"### {name}: {len(docs)} notices in the index, {len(queries)} queries\n")
    print("| measure | value |\n|---|---|")
    print(f"| index total (search/) | {sum(shard_sizes) + sum(doc_sizes.values()):,} bytes |")
    print(f"| shards | {len(shard_sizes)} files, {sum(shard_sizes):,} bytes; largest {max(shard_sizes):,}, median {int(statistics.median(shard_sizes)):,} |")
    print(f"| notice files | {len(doc_sizes)} files, {sum(doc_sizes.values()):,} bytes; largest {max(doc_sizes.values()):,} |")
    print(f"| page + script (every query) | {page:,} bytes |")
    print(f"| shards loaded per query | median {statistics.median(shards_per_query)}, max {max(shards_per_query)} |")
    print(f"| bytes fetched per query (shards + first 20 notice files) | median {int(statistics.median(fetched)):,}, p90 {pct(fetched, .9):,} |")
    print(f"| recall vs brute-force substring | {hit}/{relevant} = {hit / max(relevant, 1):.4%}; queries fully found {full}/{len(queries)} |")
    print(f"| precision (returned notices holding the query as written) | {sum(len(t) for t in truth)}/{returned} = {relevant / max(returned, 1):.2%} |")
    print(f"| queries whose first 20 list the true matches before the others | {exact_first}/{len(queries)} = {exact_first / max(len(queries), 1):.2%} |")
    if misses:
        print(f"| missed (first 10) | {misses[:10]} |")

    pf_queries = queries[:PAGEFIND_QUERIES] if len(queries) > PAGEFIND_QUERIES else queries
    pf_sample = sorted(random.Random(SEED + 1).sample(range(len(queries)), len(pf_queries)))
    pf_queries = [queries[i] for i in pf_sample]
    pf, err = run_pagefind(site, docs, pf_queries)
    if pf is None:
        print(f"| Pagefind | failed: {err.strip()[:300]} |")
    else:
        pf_found, pf_bytes = pf
        pf_truth = [truth[i] for i in pf_sample]
        pf_rel = sum(len(t) for t in pf_truth)
        pf_hit = sum(len(t & f) for t, f in zip(pf_truth, pf_found))
        pf_full = sum(1 for t, f in zip(pf_truth, pf_found) if t <= f)
        ours = sum(len(truth[i] & found[i]) for i in pf_sample)
        print(f"| Pagefind index (notice pages only) | {pf_bytes:,} bytes |")
        print(f"| Pagefind recall, {len(pf_queries)} of the same queries | {pf_hit}/{pf_rel} = {pf_hit / max(pf_rel, 1):.2%}; queries fully found {pf_full}/{len(pf_queries)} (gongkai on the same: {ours}/{pf_rel}) |")
    print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for s in sys.argv[1:]:
        measure(s)
