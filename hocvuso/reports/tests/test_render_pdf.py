"""The PDF report, made by LibreOffice from the DOCX, with fonts that carry Vietnamese."""

import subprocess
import unicodedata

import pytest

from hocvuso.reports.render.docx import render_docx
from hocvuso.reports.render.pdf import LibreOfficeMissing, docx_to_pdf
from hocvuso.reports.render.sample import sample_snapshot

from .tools import ARTIFACTS, require_tool, save_artifact


@pytest.fixture(scope="module")
def pdf_path():
    require_tool("soffice", "libreoffice")
    data = docx_to_pdf(render_docx(sample_snapshot()))
    return save_artifact("bao-cao-mau.pdf", data)


def run(*command):
    return subprocess.run(command, capture_output=True, check=True, timeout=60).stdout


@pytest.mark.system
def test_it_is_a_pdf(pdf_path):
    assert pdf_path.read_bytes().startswith(b"%PDF")


@pytest.mark.system
def test_its_text_has_the_title_and_the_place(pdf_path):
    text = run(require_tool("pdftotext"), "-enc", "UTF-8", str(pdf_path), "-").decode()
    text = unicodedata.normalize("NFC", text)
    assert text.count("\f") >= 1  # pdftotext ends every page with a form feed
    assert "BÁO CÁO" in text
    assert "Chí Minh" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


@pytest.mark.system
def test_it_embeds_a_times_compatible_font_with_every_vietnamese_letter(pdf_path):
    fonts = run(require_tool("pdffonts"), str(pdf_path)).decode()
    assert "LiberationSerif" in fonts or "Times" in fonts
    # LibreOffice falls back to DejaVu for letters the serif font lacks, as the old
    # fonts-liberation 1.x does for most Vietnamese ones; fonts-liberation2 has them all.
    assert "DejaVu" not in fonts, fonts


@pytest.mark.system
def test_it_saves_page_one_as_an_image_for_people_to_look_at(pdf_path):
    run(
        require_tool("pdftoppm"),
        "-png",
        "-r",
        "80",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(pdf_path),
        str(ARTIFACTS / "bao-cao-mau-trang-1"),
    )
    assert (ARTIFACTS / "bao-cao-mau-trang-1.png").read_bytes().startswith(b"\x89PNG")


def test_it_says_in_vietnamese_when_libreoffice_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LibreOfficeMissing, match="Không tìm thấy LibreOffice"):
        docx_to_pdf(b"PK")
