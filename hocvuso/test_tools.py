"""Helpers of the tests: outside programs, a real browser, and files saved for people to see.

Everything a test produces for a human to look at (screenshots, generated
reports) goes under ``test-artifacts/`` at the top of the project; the folder
is git-ignored.
"""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# The Debian package that brings each program, to say what to install.
PACKAGES = {
    "soffice": "libreoffice-writer-nogui",
    "libreoffice": "libreoffice-writer-nogui",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "chromium": "chromium",
    # The deployment's files (deploy/) checked by the programs that read them.
    "nginx": "nginx-light",
    "caddy": "caddy",
    "systemd-analyze": "systemd",
    "openssl": "openssl",
    "docker-compose": "docker-compose",
}

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # This machine's network is closed: without these Chromium keeps trying.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_tool(*names: str) -> str:
    """The path of the first of `names` found on PATH.

    Without any of them the test is skipped, or fails when HOCVUSO_REQUIRE_TOOLS=1, as in CI,
    where a missing program must not pass silently as a skip.
    """
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    package = PACKAGES.get(names[0], names[0])
    reason = f"{' or '.join(names)} not on PATH (apt-get install {package})"
    if os.environ.get("HOCVUSO_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{reason}, and HOCVUSO_REQUIRE_TOOLS=1 requires it")
    pytest.skip(reason)


def save_artifact(folder: str, name: str, data: bytes) -> Path:
    directory = ARTIFACTS / folder
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(data)
    return path


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    directory = ARTIFACTS / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
