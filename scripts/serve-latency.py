#!/usr/bin/env python3
"""Measure `cartograph serve` from an editor's save to the changed page served over HTTP.

    scripts/serve-latency.py [--binary PATH] [--apps 200] [--saves 7] [--field status|note]
        [--workspace DIR] [--generator PATH] [--app NAME]

Generates the scale workload (../shared/bench/gen_bench.py: N apps, a status file, N
runbook pages) in a scratch folder, or copies WORKSPACE there, and starts
`cartograph serve --port 0` on it. Each save changes one app's `status:` in the status
file to the next of healthy, degraded, down, configured (its app page shows it in the
status badge; the index, the apps directory, the costs, the diagrams and the Markdown map
change with it), or with `--field note` its `note:` to a new text (its app page and the
Markdown map show it). It saves the way editors do: the whole file written to a temporary
file in the same folder, then renamed over the status file. The latency runs from the
moment the rename returned to the first HTTP response of that app's page that shows the
new value (the page is polled every 3 ms over one keep-alive connection). Between saves
the script waits for the server to settle, so every save is measured on its own. Prints
each latency, the server's "rebuilt in" lines, and the median. Python standard library
only; loopback only; every wait is bounded. A measurement, not a test: the machine's load
shows in it.
"""

import argparse
import http.client
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
from editor import HERE, find_binary, save  # noqa: E402

POLL = 0.003  # seconds between polls of the page


class Client:
    """One keep-alive connection, reopened when the server closes it: a poll every few
    milliseconds must not cost a connection each, on a machine whose cores the server needs."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def get(self, path):
        for attempt in (1, 2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                self.connection.request("GET", path)
                response = self.connection.getresponse()
                return response.status, response.read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=None, help="cartograph binary (default: .build/release, else .build/debug)")
    parser.add_argument("--apps", type=int, default=200, help="apps (and pages) to generate")
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--workspace", default=None, help="measure a copy of this gen_bench workspace instead")
    parser.add_argument("--generator", default=os.path.join(HERE, "..", "shared", "bench", "gen_bench.py"))
    parser.add_argument("--app", default=None, help="the app whose status changes (default: the middle one)")
    parser.add_argument("--field", choices=("status", "note"), default="status")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one save to show")
    args = parser.parse_args()

    binary = args.binary or find_binary()
    if not binary:
        sys.exit("no cartograph binary: build it first (swift build -c release --product cartograph)")
    scratch = tempfile.mkdtemp(prefix="cartograph-latency-")
    workspace = os.path.join(scratch, "workspace")
    if args.workspace:
        shutil.copytree(args.workspace, workspace, ignore=shutil.ignore_patterns("site", "hugo"))
    else:
        if not os.path.exists(args.generator):
            sys.exit(f"no workload generator at {args.generator}: pass --generator or --workspace")
        subprocess.run([sys.executable, args.generator, workspace, str(args.apps)], check=True, stdout=subprocess.DEVNULL)
    status_path = os.path.join(workspace, "content", "status.yaml")
    status = open(status_path).read()
    app = args.app or f"app-{args.apps // 2:05d}"
    field = re.compile(rf"(\n  {re.escape(app)}:\n(?:    .*\n)*?    {args.field}: )(.*)\n")
    found = field.search(status)
    if not found:
        sys.exit(f"no {args.field} for {app} in {status_path}")
    healths = ["healthy", "degraded", "down", "configured"]
    current = found.group(2).strip()
    page = f"/apps/{app}/index.html"

    server = subprocess.Popen(
        [binary, "serve", "--port", "0", "-C", workspace],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "NO_COLOR": "1"})
    lines = []
    ready = threading.Event()
    port = []

    def read_stdout():
        for line in server.stdout:
            lines.append((time.monotonic(), line.rstrip("\n")))
            match = re.search(r"Serving .* at http://127\.0\.0\.1:(\d+)/", line)
            if match and not port:
                port.append(int(match.group(1)))
                ready.set()

    threading.Thread(target=read_stdout, daemon=True).start()
    latencies = []
    try:
        if not ready.wait(args.timeout):
            sys.exit("the server did not start")
        # The catch-up build after the watch starts, and the page cache warming up.
        time.sleep(2.0)
        client = Client(port[0])
        status_code, body = client.get(page)
        if status_code != 200:
            sys.exit(f"{page} answered {status_code}")
        print(f"{binary}: {args.apps if not args.workspace else 'copied'} apps, saving {app}'s {args.field} in content/status.yaml, polling {page}")
        for run in range(1, args.saves + 1):
            if args.field == "status":
                current = healths[(healths.index(current) + 1) % len(healths)] if current in healths else healths[0]
                value, shows = current, f'class="status-badge tone-{current}"'
            else:
                value = f"Latency probe {run} at {time.time_ns()}"
                shows = value
                value = f'"{value}"'
            text = field.sub(lambda m: f"{m.group(1)}{value}\n", status, count=1)
            status = text
            seen_before = len(lines)
            start = time.monotonic()
            save(status_path, text, prefix=".latency-")
            saved = time.monotonic()
            shown = None
            while time.monotonic() - saved < args.timeout:
                _, body = client.get(page)
                if shows in body:
                    shown = time.monotonic()
                    break
                time.sleep(POLL)
            if shown is None:
                sys.exit(f"save {run}: the change did not show within {args.timeout:.0f} s")
            latency = (shown - saved) * 1000
            latencies.append(latency)
            # Settle: the server's line for this rebuild, and no build running into the next save.
            time.sleep(0.5)
            rebuilt = [line for _, line in lines[seen_before:] if line.startswith("rebuilt")]
            print(f"save {run}: {latency:7.1f} ms   (rename took {(saved - start) * 1000:.1f} ms; server: {'; '.join(rebuilt) or '-'})")
        print(f"median of {len(latencies)}: {statistics.median(latencies):.1f} ms"
              f"   (min {min(latencies):.1f}, max {max(latencies):.1f})")
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
