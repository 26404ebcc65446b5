import pytest
from django.core.management import CommandError, call_command
from docx import Document as Docx

from hocvuso.reports.models import Report
from hocvuso.units.models import Kind, Level, Unit

from .helpers import ask_for_report, write_report


def docx_text(path):
    return "\n".join(p.text for p in Docx(str(path)).paragraphs)


def run(tmp_path, *extra, commune="Chí Minh"):
    return write_report(tmp_path / "bao-cao.docx", *extra, commune=commune)


def test_it_writes_the_report_of_a_commune_found_by_name(world, tmp_path):
    text = docx_text(run(tmp_path))
    assert "Kết quả triển khai phong trào “Bình dân học vụ số”" in text
    assert "trên địa bàn xã Chí Minh" in text
    assert "đã trực tiếp hỗ trợ 4 lượt công dân" in text
    assert not Report.objects.exists()  # a draft is not kept in the register


def test_it_finds_a_commune_by_its_code_and_its_full_name(world, tmp_path):
    assert "xã Chí Minh" in docx_text(run(tmp_path, commune="11131"))
    assert "xã Chí Minh" in docx_text(run(tmp_path, commune="Xã Chí Minh"))


def test_it_cites_the_citys_request_for_the_same_period(world, tmp_path):
    ask_for_report(world.haiphong)
    text = docx_text(run(tmp_path))
    assert "Thực hiện Công văn số 1885/SKHCN-TTTT ngày 15/5/2026" in text


def test_it_writes_the_xlsx_beside_the_docx(world, tmp_path):
    output = run(tmp_path, "--xlsx")
    assert output.with_suffix(".xlsx").read_bytes()[:2] == b"PK"


def test_it_issues_into_the_register_when_asked(world, tmp_path):
    run(tmp_path, "--issue")
    report = Report.objects.get()
    assert report.number == 1 and report.snapshot["figures"]["visits"]["people"] == 4
    cells = [c.text for t in Docx(str(tmp_path / "bao-cao.docx")).tables for c in t._cells]
    assert "Số: 01/BC-UBND" in cells


@pytest.mark.parametrize(
    "args,message",
    [
        (["--commune", "Không Có"], "Không tìm thấy xã/phường “Không Có”"),
        (["--from", "2026-13-01"], "không đúng dạng YYYY-MM-DD"),
        (["--from", "2026-06-01"], "--to phải sau ngày --from"),
        (["--output", "bao-cao.pdf"], "--output phải là tệp .docx"),
        (["--request", "9999/SKHCN-TTTT"], "Không có yêu cầu báo cáo 9999/SKHCN-TTTT"),
    ],
)
def test_it_explains_bad_arguments_in_vietnamese(world, tmp_path, args, message):
    base = {
        "--commune": "Chí Minh",
        "--from": "2026-01-01",
        "--to": "2026-05-31",
        "--output": str(tmp_path / "x.docx"),
    }
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    argv = [item for pair in base.items() for item in pair]
    with pytest.raises(CommandError, match=message):
        call_command("report", *argv)


def test_it_asks_for_the_code_when_two_communes_share_a_name(world, tmp_path):
    Unit.objects.create(
        level=Level.COMMUNE,
        kind=Kind.XA,
        code="99999",
        name="Xã Chí Minh",
        short_name="Chí Minh",
        parent=world.hanoi,
    )
    with pytest.raises(CommandError, match="Hãy dùng mã"):
        run(tmp_path)
