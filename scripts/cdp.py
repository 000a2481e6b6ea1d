#!/usr/bin/env python3
"""Drive headless Chromium through the DevTools protocol, with only the standard library.

As a module: `Browser` launches Chromium (`--remote-debugging-port=0`), reads the
`DevTools listening on ws://...` line from its stderr, and speaks the protocol over a
minimal WebSocket client (RFC 6455: handshake, masked client frames, fragmented and
control frames). `Browser.evaluate(expr)` runs JavaScript in the page.

As a program it is a line-based driver for tests in other languages: it prints
`ready` once the browser is up, then reads one JSON command per line on stdin and answers
one JSON line on stdout:

    {"cmd": "open", "url": "http://127.0.0.1:8000/"}   -> {"ok": true}
    {"cmd": "eval", "expr": "document.title"}          -> {"ok": true, "value": "..."}
    {"cmd": "quit"}                                    -> {"ok": true}, then exits

Errors answer {"ok": false, "error": "..."}. The browser is always killed on exit.
"""

import base64
import hashlib
import json
import os
import re
import select
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class WebSocket:
    """A blocking WebSocket client: text messages only, enough for the DevTools protocol."""

    def __init__(self, url, timeout=10.0):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "ws":
            raise ValueError("only ws:// URLs: " + url)
        host = parts.hostname or "127.0.0.1"
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the DevTools socket must be on loopback: " + url)
        self.sock = socket.create_connection((host, parts.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        path = parts.path + ("?" + parts.query if parts.query else "")
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{parts.port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed during the WebSocket handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        if " 101 " not in lines[0] + " ":
            raise ConnectionError("handshake refused: " + lines[0])
        expected = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        accept = [l.split(":", 1)[1].strip() for l in lines[1:] if l.lower().startswith("sec-websocket-accept:")]
        if accept != [expected]:
            raise ConnectionError("bad Sec-WebSocket-Accept")

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])  # FIN + text
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("WebSocket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        """The next text message (fragments joined); answers pings; None on close."""
        message = b""
        while True:
            first, second = self._read(2)
            opcode = first & 0x0F
            n = second & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                return None
            if opcode == 0x9:  # ping -> pong
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if first & 0x80:
                return message.decode()

    def close(self):
        try:
            self.sock.sendall(bytes([0x88, 0x80]) + os.urandom(4))
        except OSError:
            pass
        self.sock.close()


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Headless Chromium with one page, attached through a flat DevTools session."""

    def __init__(self, timeout=30.0):
        executable = find_chromium()
        if not executable:
            raise FileNotFoundError("chromium is not on PATH")
        self.profile = tempfile.mkdtemp(prefix="cartograph-chromium-")
        self.process = subprocess.Popen(
            [
                executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--metrics-recording-only",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + self.profile, "about:blank",
            ],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        url = None
        deadline = time.monotonic() + timeout
        seen = b""
        while url is None:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise TimeoutError("no DevTools line from chromium; stderr: " + seen.decode(errors="replace")[-2000:])
            ready, _, _ = select.select([self.process.stderr], [], [], 0.2)
            if ready:
                line = self.process.stderr.readline()
                seen += line
                match = re.search(rb"DevTools listening on (ws://\S+)", line)
                if match:
                    url = match.group(1).decode()
        # Keep draining stderr so chromium never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _drain(self):
        try:
            while self.process.stderr.read(65536):
                pass
        except (OSError, ValueError):
            pass

    def call(self, method, params=None, session=False, timeout=30.0):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        self.ws.sock.settimeout(timeout)
        while True:
            text = self.ws.receive()
            if text is None:
                raise ConnectionError("DevTools closed the connection")
            reply = json.loads(text)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
                del self.events[:-200]

    def open(self, url):
        self.call("Page.navigate", {"url": url}, session=True)

    def evaluate(self, expression):
        """The value of `expression` in the page; None while the page is between documents."""
        try:
            result = self.call(
                "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        except RuntimeError as error:
            if "navigated" in str(error) or "context" in str(error).lower():
                return None
            raise
        if "exceptionDetails" in result:
            return None
        return result.get("result", {}).get("value")

    def close(self):
        try:
            if getattr(self, "ws", None):
                self.ws.close()
        except OSError:
            pass
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def serve_commands():
    try:
        browser = Browser()
    except Exception as error:  # noqa: BLE001 — reported to the caller as a line
        print(json.dumps({"ok": False, "error": str(error)}), flush=True)
        return 1
    try:
        print("ready", flush=True)
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                command = json.loads(line)
                if command["cmd"] == "open":
                    browser.open(command["url"])
                    answer = {"ok": True}
                elif command["cmd"] == "eval":
                    answer = {"ok": True, "value": browser.evaluate(command["expr"])}
                elif command["cmd"] == "quit":
                    print(json.dumps({"ok": True}), flush=True)
                    break
                else:
                    answer = {"ok": False, "error": "unknown command " + command["cmd"]}
            except Exception as error:  # noqa: BLE001
                answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(answer), flush=True)
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(serve_commands())
