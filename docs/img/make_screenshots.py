"""Screenshots of the dashboard's overview, the keys page and the playground for the README.

    .venv/bin/python docs/img/make_screenshots.py

Starts `refleum serve` on an empty temporary data directory (as `make run` does on a first
start), signs in through the owner's printed one-time link, gives the development
organization some content through the API (examples/resume.pdf uploaded, parsed and
tailored twice, one more named key), and writes docs/img/{overview,keys,playground}.png at
1440 px wide with the system Chromium (REFLEUM_CHROMIUM, or /usr/bin/chromium).
`--base-url URL --link URL --key KEY` uses a running server instead.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples"
PASSWORD = "correct horse battery staple"
WIDTH = 1440


@contextlib.contextmanager
def first_serve() -> Iterator[tuple[str, str, str]]:
    """A new `refleum serve`: (base URL, the printed API key, the printed sign-in link)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "REFLEUM_DATA_DIR": data_dir, "REFLEUM_LOG_LEVEL": "WARNING"}
        env["REFLEUM_ADDRESS_RPM"] = "100000"
        for name in ("REFLEUM_DATABASE_URL", "REFLEUM_PUBLIC_BASE_URL"):
            env.pop(name, None)
        out_path = Path(data_dir) / "serve.out"
        with out_path.open("w") as out:
            cmd = [sys.executable, "-m", "refleum", "serve", "--port", str(port)]
            proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                if proc.poll() is not None:
                    sys.exit(out_path.read_text())
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{base}/api/v1/health", timeout=5).status_code < 500:
                        break
                if time.monotonic() > deadline:
                    sys.exit("refleum serve did not start")
                time.sleep(0.2)
            printed = out_path.read_text()
            key = re.search(r"^\s+(sk_live_\S+)$", printed, re.M)
            link = re.search(r"^\s+(http\S+/signin/link/\S+)$", printed, re.M)
            if not (key and link):
                sys.exit(f"no key or link in:\n{printed}")
            yield base, key.group(1), link.group(1)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def seed(base: str, key: str) -> None:
    """A parsed resume with two tailored children, so the pages show real content."""
    api = httpx.Client(
        base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {key}"}, timeout=120
    )
    with api:
        pdf = (EXAMPLES / "resume.pdf").read_bytes()
        made = api.post("/resumes", files={"file": ("resume.pdf", pdf, "application/pdf")})
        made.raise_for_status()
        resume_id = made.json()["data"]["resume_id"]
        deadline = time.monotonic() + 120
        while api.get(f"/resumes/{resume_id}").json()["data"]["status"] != "READY":
            if time.monotonic() > deadline:
                sys.exit("the example resume did not parse")
            time.sleep(0.5)
        jd = (EXAMPLES / "job_description.txt").read_text()
        for _ in range(2):
            api.post(
                f"/resumes/{resume_id}/tailor", json={"job_description": jd}
            ).raise_for_status()


def sign_in(page: Page, base: str, link: str) -> None:
    page.goto(base + link[link.index("/signin/link/") :])
    page.get_by_label("New password").fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    page.wait_for_url("**/dashboard", timeout=30_000)


def shoot(page: Page, name: str) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    # Palette PNGs are a fraction of the size; Pillow comes with the project's PDF stack.
    with contextlib.suppress(ImportError):
        from PIL import Image

        with Image.open(path) as image:
            image.convert("RGB").quantize(colors=128, dither=Image.Dither.NONE).save(
                path, optimize=True
            )
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def screenshots(base: str, key: str, link: str) -> None:
    seed(base, key)
    chromium = os.environ.get("REFLEUM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": WIDTH, "height": 900}, base_url=base)
        page = context.new_page()
        sign_in(page, base, link)
        shoot(page, "overview")

        page.goto("/dashboard/keys")
        page.get_by_label("Key name").fill("CI pipeline")
        page.get_by_role("button", name="Create key").click()
        page.goto("/dashboard/keys")
        shoot(page, "keys")

        page.goto("/playground")
        expect(page.locator('#operation option[value="GET /api/v1/usage"]')).to_be_attached()
        page.get_by_label("API key").fill(key)
        page.get_by_label("Operation").select_option("GET /api/v1/usage")
        page.locator("#send").click()
        expect(page.locator("#response-status")).to_have_text("200 OK", timeout=30_000)
        shoot(page, "playground")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url")
    parser.add_argument("--link", help="an owner's one-time sign-in link")
    parser.add_argument("--key", help="an API key of the same organization")
    args = parser.parse_args()
    if args.base_url:
        screenshots(args.base_url.rstrip("/"), args.key, args.link)
        return
    with first_serve() as (base, key, link):
        screenshots(base, key, link)


if __name__ == "__main__":
    main()
