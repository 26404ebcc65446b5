"""No template runs script the Content-Security-Policy blocks: no inline event handler (onclick=,
onsubmit=…) and no javascript: link. They go through static/js/actions.js (data-confirm,
data-print, data-select-on-click). The browser tests see a violation only on the pages they
visit; this looks at every template."""

import pathlib
import re

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
INLINE = re.compile(r"""\son[a-z]+\s*=\s*["']|href\s*=\s*["']javascript:""", re.IGNORECASE)


def test_no_template_has_an_inline_event_handler():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.search(line)
    ]
    assert found == []
