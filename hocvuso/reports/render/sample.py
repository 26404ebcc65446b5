"""The sample snapshot: the reference data of the renderers' tests and of template validation."""

import functools
import json
from pathlib import Path

# One file serves both, so that a template that passes validation is one the tests describe.
SAMPLE = Path(__file__).resolve().parent / "sample_snapshot.json"


@functools.cache
def _sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def sample_snapshot() -> dict:
    """A fresh copy each time, so that a caller may change it freely."""
    return json.loads(_sample_text())
