"""Asks a running hocvuso what a user and a monitor would, and fails on the first wrong answer.

    python deploy/smoke.py http://127.0.0.1:8000 [--username chiminh] [--password …]

Standard library only, so that it runs from any Python. It talks to the server as the proxy
of docs/deploy.md does, over plain HTTP with `X-Forwarded-Proto: https`, and checks:
/healthz; a static file under its hashed name, compressed and cached for a year; the service
worker's list of files (each one served); signing in with the CSRF token; the second factor,
set up through its pages with a code computed from the key the page shows (RFC 6238), as an
authenticator app would; a report made on the report page and downloaded as DOCX and XLSX;
the Content-Security-Policy and HSTS headers. `make prod-check` runs it against gunicorn with
production settings (deploy/prod_check.py). It signs in as a demo officer who has no second
factor yet: never point it at a site with real users.
"""

import argparse
import base64
import datetime
import hashlib
import hmac
import html.parser
import http.cookiejar
import io
import json
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

YEAR = 365 * 24 * 3600


class SmokeFailure(Exception):
    pass


def check(condition, message: str):
    if not condition:
        raise SmokeFailure(message)


def totp(key_base32: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows for `key_base32` (RFC 6238, HMAC-SHA1)."""
    key = base64.b32decode(key_base32.replace(" ", "").upper())
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


class Forms(html.parser.HTMLParser):
    """The fields of each form of a page, with the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select:
            # The first option, unless a later one is selected.
            if self._select not in self.forms[-1] or "selected" in attrs:
                self.forms[-1][self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_with(page: str, field: str) -> dict[str, str]:
    parser = Forms()
    parser.feed(page)
    for form in parser.forms:
        if field in form:
            return form
    raise SmokeFailure(f"no form with a field {field!r} on the page")


class Client:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        parts = urllib.parse.urlsplit(self.base)
        # The proxy ends TLS; the browser's origin is https:// on the same host.
        self.origin = f"https://{parts.netloc}"
        # The session and CSRF cookies are Secure (__Host-…): keep and send them over this
        # plain-HTTP hop too, as the browser does over HTTPS.
        policy = http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
        self.cookies = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path, data=None, headers=None, expect=200):
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers.update(Origin=self.origin, Referer=self.origin + path)
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        content = response.read()
        check(
            response.status == expect,
            f"{'POST' if body else 'GET'} {path} answered {response.status}, not {expect}"
            f" (at {response.url}): {content[:300]!r}",
        )
        response.content = content
        response.path = urllib.parse.urlsplit(response.url).path
        return response

    def page(self, path, **kwargs) -> tuple[str, str]:
        response = self.request(path, **kwargs)
        return response.content.decode(), response.path

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name.endswith(name)), None)


def check_health(client: Client):
    response = client.request("/healthz")
    check(response.content == b"ok", f"/healthz said {response.content!r}")


def check_static_files(client: Client) -> str:
    """The service worker names the hashed files; each is served compressed, kept a year."""
    worker = client.request("/sw.js").content.decode()
    found = re.search(r"const ASSETS = (\[.*?\]);", worker)
    check(found, "the service worker lists no files")
    assets = json.loads(found.group(1))
    check(assets, "the service worker's list of files is empty")
    for url in assets:
        check(
            re.search(r"\.[0-9a-f]{12}\.(css|js)$", url),
            f"{url}: not a hashed name (is collectstatic's manifest storage on?)",
        )
        response = client.request(url, headers={"Accept-Encoding": "gzip"})
        cache = response.headers.get("Cache-Control", "")
        max_age = re.search(r"max-age=(\d+)", cache)
        check(
            max_age and int(max_age.group(1)) >= YEAR and "immutable" in cache,
            f"{url}: Cache-Control {cache!r}, not a year and immutable",
        )
        check(
            response.headers.get("Content-Encoding") == "gzip",
            f"{url}: not served compressed to a browser that asks",
        )
        check_hsts(response, url)
    return next(url for url in assets if url.endswith(".css"))


def check_hsts(response, what: str):
    hsts = response.headers.get("Strict-Transport-Security", "")
    check(
        re.search(r"max-age=(\d{8,})", hsts) and "includeSubDomains" in hsts,
        f"{what}: Strict-Transport-Security is {hsts!r}",
    )


def check_page_headers(response, what: str):
    check_hsts(response, what)
    csp = response.headers.get("Content-Security-Policy", "")
    check(
        "default-src 'self'" in csp and "frame-ancestors 'none'" in csp,
        f"{what}: Content-Security-Policy is {csp!r}",
    )
    check(
        "no-store" in response.headers.get("Cache-Control", ""),
        f"{what}: a signed-in page may be kept by the browser",
    )


def sign_in(client: Client, username: str, password: str, stylesheet: str):
    page, _ = client.page("/dang-nhap/")
    check(stylesheet in page, f"the sign-in page does not link {stylesheet}")
    form = form_with(page, "password")
    form.update(username=username, password=password)
    page, path = client.page("/dang-nhap/", data=form)
    # An officer goes to the second factor first, whatever page was asked for.
    check(
        path.startswith("/tai-khoan/xac-thuc/cai-dat/"),
        f"after the password the officer was sent to {path}, not to set up the second factor",
    )
    _, path = client.page("/bao-cao/")
    check(path.startswith("/tai-khoan/xac-thuc/"), "the report page opened without the code")
    key = re.search(r'<code id="manual-key">([A-Z2-7 ]+)</code>', page)
    check(key, "the set-up page shows no key")
    form = form_with(page, "code")
    form["code"] = totp(key.group(1))
    page, _ = client.page(path, data=form)
    check("dự phòng" in page, "the code was refused, or the recovery codes were not shown")


def check_reports(client: Client, start: str, end: str):
    response = client.request("/bao-cao/")
    check_page_headers(response, "/bao-cao/")
    form = form_with(response.content.decode(), "period_start")
    form.update(request="", period_start=start, period_end=end)
    _, path = client.page("/bao-cao/", data=form)
    report = re.fullmatch(r"/bao-cao/(\d+)/", path)
    check(report, f"making a report led to {path}, not to the new report")
    for fmt, inside in (("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml")):
        response = client.request(f"{path}tai/{fmt}/")
        disposition = response.headers.get("Content-Disposition", "")
        check(f".{fmt}" in disposition, f"the {fmt} download is named {disposition!r}")
        try:
            names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        except zipfile.BadZipFile:
            raise SmokeFailure(f"the report's {fmt} is not a zip file") from None
        check(inside in names, f"the report's {fmt} holds no {inside}")
    return path


def check_export(client: Client, seconds: float = 60):
    """The visits' Excel export, written by the worker: asked for on the page, followed on
    its status page until done, downloaded."""
    page, _ = client.page("/tong-quan/luot-ho-tro/")
    form = form_with(page, "kind")
    form["kind"] = "visits"
    page, path = client.page("/tong-quan/xuat-excel/", data=form)
    job = re.fullmatch(r"/tong-quan/xuat-excel/(\d+)/", path)
    check(job, f"asking for the export led to {path}, not to its status page")
    response = wait_for_job(client, page, path, "export-download", "Xuất Excel bị lỗi", seconds)
    try:
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    except zipfile.BadZipFile:
        raise SmokeFailure("the exported file is not a zip file") from None
    check("xl/workbook.xml" in names, "the exported file is no workbook")


def wait_for_job(client: Client, page: str, path: str, ready: str, failed: str, seconds: float):
    """Follow a background job's page at `path` until it offers its file; the file."""
    end = time.monotonic() + seconds
    while ready not in page:
        check(failed not in page, f"the job of {path} failed")
        check(time.monotonic() < end, f"the worker did not finish {path} in {seconds:.0f} s")
        time.sleep(0.5)
        page, _ = client.page(path)
    return client.request(f"{path}tai/")


def check_report_pdf(client: Client, report_path: str, seconds: float = 90):
    """The report's PDF, which the worker makes with LibreOffice."""
    page, path = client.page(f"{report_path}tai/pdf/")
    check(re.fullmatch(r"/bao-cao/tep/\d+/", path), f"the PDF link led to {path}, not a job")
    response = wait_for_job(client, page, path, "render-download", "Chưa tạo được tệp PDF", seconds)
    check(response.content.startswith(b"%PDF"), "the report's PDF is not a PDF")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--username", default="chiminh")
    parser.add_argument("--password", default="hocvuso2026")
    parser.add_argument("--from", dest="start", default="2026-01-01")
    parser.add_argument("--to", dest="end", default=datetime.date.today().isoformat())
    args = parser.parse_args(argv)
    client = Client(args.url)
    try:
        check_health(client)
        print("ok  /healthz answers ok")
        stylesheet = check_static_files(client)
        print("ok  the service worker's files: hashed names, compressed, kept a year, HSTS")
        sign_in(client, args.username, args.password, stylesheet)
        print("ok  signed in with the password and a TOTP code from the set-up page")
        report_path = check_reports(client, args.start, args.end)
        print("ok  a report made on /bao-cao/, downloaded as DOCX and XLSX; CSP and HSTS sent")
        check_report_pdf(client, report_path)
        print("ok  the report's PDF made by the worker (LibreOffice), followed and downloaded")
        check_export(client)
        print("ok  the visits' export written by the worker, followed and downloaded")
    except SmokeFailure as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
