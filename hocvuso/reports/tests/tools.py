"""Helpers of the renderer tests: outside programs and the files saved for people to see."""

import os
import shutil
from pathlib import Path

import pytest

# The generated files are kept here for people to look at; the folder is git-ignored.
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "reports"

# The Debian package that brings each program, to say what to install.
PACKAGES = {
    "soffice": "libreoffice-writer-nogui",
    "libreoffice": "libreoffice-writer-nogui",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
}


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


def save_artifact(name: str, data: bytes) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(data)
    return path
