"""A minimal W3C WebDriver client (python3 stdlib only) for headless Chromium via chromedriver.

Used by html_browser_test.py and bench/report/. find_browser() says where chromium and
chromedriver are (or None); Browser starts chromedriver on a free port, opens one headless
session, and offers the few commands the tests need. Not thread-safe; close() ends both.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def find_browser():
    """(chromium, chromedriver) paths, or None when either is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        return None
    return chromium, driver


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(Exception):
    pass


class Browser:
    def __init__(self, chromium, driver, width=1400, height=1000):
        self.port = _free_port()
        self.proc = subprocess.Popen([driver, "--port=%d" % self.port],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % self.port
        self.session = None
        deadline = time.time() + 20
        while True:
            try:
                self._call("GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError, WebDriverError):
                if time.time() > deadline:
                    self.close()
                    raise WebDriverError("chromedriver did not start")
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=%d,%d" % (width, height)]},
            "goog:loggingPrefs": {"browser": "ALL"}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return json.loads(resp.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            try:
                value = json.loads(e.read()).get("value", {})
            except ValueError:
                value = {}
            raise WebDriverError("%s %s: %s: %s" % (method, path, value.get("error"),
                                                   value.get("message", "")[:300]))

    def _s(self, path):
        return "/session/%s%s" % (self.session, path)

    def open(self, url):
        self._call("POST", self._s("/url"), {"url": url})

    def run(self, script, *args):
        """Runs `script` (a function body) in the page and returns its value."""
        return self._call("POST", self._s("/execute/sync"), {"script": script, "args": list(args)})

    def find(self, css):
        return self._call("POST", self._s("/element"), {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css):
        found = self._call("POST", self._s("/elements"), {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]

    def click(self, element):
        self._call("POST", self._s("/element/%s/click" % element), {})

    def type(self, element, text):
        self._call("POST", self._s("/element/%s/value" % element), {"text": text})

    def text(self, element):
        return self._call("GET", self._s("/element/%s/text" % element))

    def alert_open(self):
        try:
            self._call("GET", self._s("/alert/text"))
            return True
        except WebDriverError:
            return False

    def console(self):
        """Browser console entries since the last call: [{level, message}] (chromedriver's log)."""
        return self._call("POST", self._s("/se/log"), {"type": "browser"}) or []

    def wait_for(self, script, timeout_s=20):
        deadline = time.time() + timeout_s
        while not self.run(script):
            if time.time() > deadline:
                raise WebDriverError("timed out waiting for: " + script)
            time.sleep(0.05)

    def screenshot(self, path):
        png = self._call("GET", self._s("/screenshot"))
        with open(path, "wb") as f:
            f.write(base64.b64decode(png))

    def close(self):
        try:
            if self.session:
                self._call("DELETE", self._s(""))
        except (WebDriverError, urllib.error.URLError, ConnectionError):
            pass
        self.session = None
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def file_url(path):
    return "file://" + os.path.abspath(path)
