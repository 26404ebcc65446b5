"""Helpers of the renderer tests (shared with the rest of the suite in hocvuso/test_tools.py)."""

from hocvuso.test_tools import ARTIFACTS as _ROOT
from hocvuso.test_tools import require_tool
from hocvuso.test_tools import save_artifact as _save

ARTIFACTS = _ROOT / "reports"


def save_artifact(name: str, data: bytes):
    return _save("reports", name, data)


__all__ = ["ARTIFACTS", "require_tool", "save_artifact"]
