#!/usr/bin/env python3
"""Measure the time from saving an input to the browser showing the rebuilt page.

    scripts/measure-reload.py [WORKSPACE] [--binary PATH] [--runs 10]
        [--file content/status.yaml] [--find TEXT] [--page /]

Copies WORKSPACE (default: the repository's example) to a scratch folder, starts
`cartograph serve --port 0` on it and headless Chromium (scripts/cdp.py) on PAGE. Each run
marks the page, saves FILE with TEXT replaced by a new note (written to a temporary file
and renamed over FILE, as editors do), and waits until the page has reloaded by itself
and shows the note. The latency is from the moment the rename returned to the reloaded
page's DOMContentLoaded (both on this machine's clock). It also collects the server's
"rebuilt in N ms" lines. Loopback only; every wait is bounded.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
from editor import HERE, find_binary, save  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workspace", nargs="?", default=HERE)
    parser.add_argument("--binary", default=None)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--file", default="content/status.yaml")
    parser.add_argument("--find", default="Likely needs restart (per completion report)")
    parser.add_argument("--page", default="/")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    binary = args.binary or find_binary()
    if not binary:
        sys.exit("no cartograph binary: build it first")
    scratch = tempfile.mkdtemp(prefix="cartograph-reload-")
    for item in ("cartograph.yaml", "content", "templates", "specs", "status.yaml", "pages"):
        source = os.path.join(args.workspace, item)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(scratch, item))
        elif os.path.exists(source):
            shutil.copy(source, scratch)
    target = os.path.join(scratch, args.file)
    original = open(target).read()
    if args.find not in original:
        sys.exit(f"'{args.find}' is not in {args.file}")

    server = subprocess.Popen(
        [binary, "serve", "--port", "0", "-C", scratch],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "NO_COLOR": "1"})
    browser = None
    rebuilt = []
    try:
        first = server.stdout.readline()
        match = re.match(r"Serving .* at http://127\.0\.0\.1:(\d+)/$", first.strip())
        if not match:
            sys.exit("serve did not start: " + first)
        port = int(match.group(1))

        def read_rest():
            for line in server.stdout:
                found = re.match(r"rebuilt in (\d+) ms", line)
                if found:
                    rebuilt.append(int(found.group(1)))

        threading.Thread(target=read_rest, daemon=True).start()
        browser = cdp.Browser()
        browser.open(f"http://127.0.0.1:{port}{args.page}")
        deadline = time.monotonic() + args.timeout
        while browser.evaluate("window.cartographLiveReload && window.cartographLiveReload.connected") is not True:
            if time.monotonic() > deadline:
                sys.exit("the page never connected to the event stream")
            time.sleep(0.05)
        time.sleep(0.5)  # let the catch-up build at start finish
        rebuilt.clear()

        latencies = []
        current = args.find
        for run in range(args.runs):
            note = f"Reload run {run} {time.time_ns() % 1000000}"
            browser.evaluate("window.cartographMeasureMarker = 1")
            text = original.replace(args.find, note)
            save(target, text, prefix=".measure-")
            saved = time.time() * 1000
            deadline = time.monotonic() + args.timeout
            while True:
                shown = browser.evaluate(
                    "window.cartographMeasureMarker === undefined && document.readyState !== 'loading' && "
                    f"document.body.innerText.includes({note!r})")
                if shown is True:
                    break
                if time.monotonic() > deadline:
                    sys.exit(f"run {run}: the page did not reload within {args.timeout} s")
                time.sleep(0.005)
            ready = browser.evaluate(
                "performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            latencies.append(ready - saved)
            current = note
            time.sleep(0.3)
        del current

        latencies.sort()
        print(f"workspace: {args.workspace}  binary: {binary}")
        print(f"page: {args.page}  file: {args.file}  runs: {len(latencies)}")
        print("save -> reloaded page (ms): median %.0f  min %.0f  max %.0f" % (
            statistics.median(latencies), latencies[0], latencies[-1]))
        if rebuilt:
            print("server 'rebuilt in' (ms): median %.0f  min %d  max %d  (%d rebuilds)" % (
                statistics.median(rebuilt), min(rebuilt), max(rebuilt), len(rebuilt)))
    finally:
        if browser:
            browser.close()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
