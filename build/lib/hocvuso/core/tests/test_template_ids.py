"""An id printed in a template is never localized: "1.234" is no id.

With USE_THOUSAND_SEPARATOR, `{{ obj.pk }}` prints 1234 as "1.234"; in a form field's
name or value that breaks the form for every unit past the thousandth (it did, twice,
on PostgreSQL whose ids run high). Ids go through `|unlocalize`; `{% url %}` is safe.
"""

import pathlib
import re

PACKAGE = pathlib.Path(__file__).resolve().parents[2]
BARE_ID = re.compile(r"\{\{\s*[\w.]*(?:\.pk|\.id|_id)\s*\}\}")


def test_no_template_prints_an_id_with_a_thousand_separator():
    bare = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in BARE_ID.finditer(line)
        # A bound form field named "id" renders its own widget.
        if match.group(0).replace(" ", "") != "{{form.id}}"
    ]
    assert bare == []
