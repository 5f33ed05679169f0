#!/usr/bin/env python3
"""Edit-to-reload time of `gongkai serve`: file written -> "reload" event received by a page.

Usage: bench/reload.py GONGKAI SITE_DIR [ROUNDS]

SITE_DIR holds Content/ (for instance made by `bench/gen.py SITE_DIR 10000`; its edit-target names
the notice to edit, else the first notice found is used). Starts `GONGKAI serve --port 0` there,
listens to /__gongkai/events like an open page, then ROUNDS times (default 5): writes the notice
with one more line in its body and a correction record for it (a published notice changed
without one is an error, which the preview would show instead of rebuilding), waits for the
event, and restores it (waiting for that event too).
Prints each time and the median. Only 127.0.0.1 is contacted; the server is stopped with SIGINT.
"""
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request


def edited(text, i):
    """The notice with one more line in its body and, as a published notice needs, a correction
    record saying so (the same edit as bench/run.sh's one-edit build): a valid edit, not an error."""
    lines = text.split("\n")
    closing = [k for k, l in enumerate(lines) if l == "---"][1]
    entry = ["corrections:", f"  - {{ date: 2026-11-30, what: 正文末尾补充第{i}条说明, why: 原稿漏写 }}"]
    return "\n".join(lines[:closing] + entry + lines[closing:]) + f"\n补充说明第{i}条。\n"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, site = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    target_file = os.path.join(site, "edit-target")
    if os.path.exists(target_file):
        target = os.path.join(site, "Content", open(target_file).read().strip())
    else:
        target = next(os.path.join(d, f) for d, _, fs in sorted(os.walk(os.path.join(site, "Content/notices")))
                      for f in sorted(fs) if f.endswith(".md"))
    server = subprocess.Popen([binary, "serve", "--port", "0", "--date", "2026-11-30"], cwd=site,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        started = time.monotonic()
        for line in server.stdout:
            if "预览地址：" in line:
                base = line.split("预览地址：")[1].split()[0].rstrip("/")
                break
        else:
            sys.exit("serve stopped before it printed its address")
        print(f"first build and start: {time.monotonic() - started:.2f} s")
        rebuilds = []  # the server's own "预览已更新（N 秒）" lines: the rebuild alone
        threading.Thread(target=lambda: [rebuilds.append(l.strip()) for l in server.stdout if "预览已更新" in l],
                         daemon=True).start()
        events = urllib.request.urlopen(base + "/__gongkai/events", timeout=600)

        def wait_reload():
            for raw in events:
                if raw.decode().strip() == "event: reload":
                    return

        original = open(target, encoding="utf-8").read()
        times = []
        for i in range(rounds):
            for text in (edited(original, i), original):
                t0 = time.monotonic()
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)
                wait_reload()
                times.append(time.monotonic() - t0)
        print("edit to reload (s):", " ".join(f"{t:.3f}" for t in times))
        print(f"median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s")
        print("the server's rebuilds:", " ".join(r.split("（")[1].split(" ")[0] for r in rebuilds))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
