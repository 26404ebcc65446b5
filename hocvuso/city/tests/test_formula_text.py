"""Every workbook hocvuso writes keeps a text that looks like a formula as text (SECURITY.md
row 16): a document, a member, a village or a commune named `=HYPERLINK(…)` is a name in
the report's appendix, the city's workbooks, the exports and the import templates, never a
live formula. And no module but hocvuso/core/xlsx.py writes a cell."""

import datetime
import io
import sys

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from hocvuso.accounts.scoping import scope_for
from hocvuso.city import officers
from hocvuso.city.render import render_city_xlsx, render_completeness_xlsx
from hocvuso.city.tests.test_render import city  # noqa: F401 (a fixture)
from hocvuso.core.xlsx import append_row, cell, write_cell
from hocvuso.imports.template import build_template
from hocvuso.overview.exports import EXPORTERS, write_xlsx
from hocvuso.overview.tests.records import add_visit
from hocvuso.reports.render.sample import sample_snapshot
from hocvuso.reports.render.xlsx import render_xlsx
from hocvuso.support.imports import sheet_for
from hocvuso.units.models import Unit

FORMULA = '=HYPERLINK("http://x","y")'
STARTS = ("=", "+", "-", "@")


@pytest.fixture(autouse=True)
def writers(monkeypatch):
    """The modules that put a value in a cell, while the test runs."""
    found = set()
    for cls in (Worksheet, WriteOnlyWorksheet):
        for name in ("append", "cell"):
            original = getattr(cls, name, None)
            if original is None:
                continue

            def spy(*args, _original=original, **kwargs):
                caller = sys._getframe(1).f_globals["__name__"]
                if not caller.startswith("openpyxl."):
                    found.add(caller)
                return _original(*args, **kwargs)

            monkeypatch.setattr(cls, name, spy)
    yield found
    assert found <= {"hocvuso.core.xlsx"}, f"cells written outside core/xlsx.py: {found}"


def formula_like(data: bytes) -> list:
    """The cells of the workbook whose text begins as a formula would."""
    book = load_workbook(io.BytesIO(data))
    return [
        c
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(STARTS)
    ]


def assert_texts(data: bytes, *expected: str) -> None:
    cells = formula_like(data)
    assert set(expected) <= {c.value for c in cells}
    assert [c.coordinate for c in cells if c.data_type != "s"] == []


def test_a_document_issuer_and_summary_that_look_like_formulas_stay_text_in_the_appendix():
    snapshot = sample_snapshot()
    document = snapshot["figures"]["documents"][0]
    document.update(issuer=FORMULA, summary="+1+1", number_symbol="-1/KH", kind="@SUM(A1)")
    assert_texts(render_xlsx(snapshot), FORMULA, "+1+1", "-1/KH", "@SUM(A1)")


def test_a_commune_named_like_a_formula_stays_text_in_the_citys_workbooks(world, city):  # noqa: F811
    Unit.objects.filter(pk=world.quang_phuc.commune.pk).update(name=FORMULA)
    assert_texts(render_city_xlsx(city), FORMULA)
    assert_texts(render_completeness_xlsx(city), FORMULA)
    assert_texts(officers.template_for(world.haiphong), FORMULA)


def test_a_village_member_and_note_like_formulas_stay_text_in_the_exports(world, tmp_path):
    cm = world.chiminh
    Unit.objects.filter(pk=cm.villages[0].pk).update(name=FORMULA)
    member = cm.members[1]
    member.full_name = "=1+1"
    member.save()
    add_visit(cm, datetime.date(2026, 4, 2), member=member, note="@cmd")
    exporter = EXPORTERS["visits"]
    records = exporter.filtered(scope_for(world.commune), {})[1]
    write_xlsx(exporter, records, tmp_path / "x.xlsx")
    assert_texts((tmp_path / "x.xlsx").read_bytes(), FORMULA, "@cmd")


def test_a_village_named_like_a_formula_stays_text_in_the_import_template(world):
    Unit.objects.filter(pk=world.chiminh.villages[0].pk).update(name=FORMULA)
    assert_texts(build_template(sheet_for(world.commune)), FORMULA)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_the_writer_keeps_every_formula_start_as_text(text):
    book = Workbook()
    sheet = book.active
    row = append_row(sheet, [text, 1, None])
    assert [c.data_type for c in row] == ["s", "n", "n"]
    assert write_cell(sheet, 5, 1, text).data_type == "s"
    streaming_book = Workbook(write_only=True)
    streaming = streaming_book.create_sheet()
    assert cell(streaming, text).data_type == "s"
    assert append_row(streaming, [text])[0].data_type == "s"
    streaming_book.save(io.BytesIO())
