import datetime

import pytest
from django.core.exceptions import ValidationError

from hocvuso.documents.models import (
    Document,
    DocumentKind,
    check_kind_matches,
    parse_number_symbol,
)


@pytest.mark.parametrize(
    "text,number,symbol,kind",
    [
        ("41/KH-UBND", 41, "KH-UBND", DocumentKind.PLAN),
        ("Số: 444/UBND-VHXH", 444, "UBND-VHXH", DocumentKind.OFFICIAL_LETTER),
        (" 12 / QĐ-UBND ", 12, "QĐ-UBND", DocumentKind.DECISION),
        ("1885/SKHCN-TTTT", 1885, "SKHCN-TTTT", DocumentKind.OFFICIAL_LETTER),
        ("05/BC-UBND", 5, "BC-UBND", DocumentKind.REPORT),
        ("3/TTr-UBND", 3, "TTr-UBND", DocumentKind.SUBMISSION),
    ],
)
def test_it_parses_number_and_symbol(text, number, symbol, kind):
    parsed = parse_number_symbol(text)
    assert (parsed.number, parsed.symbol, parsed.kind) == (number, symbol, kind)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "KH-UBND",
        "41",
        "41/",
        "/KH-UBND",
        "41/KH UBND",
        "0/KH-UBND",
        "abc/KH-UBND",
        "41/KH--UBND",
    ],
)
def test_it_rejects_malformed_number_symbols_in_vietnamese(text):
    with pytest.raises(ValidationError) as error:
        parse_number_symbol(text)
    assert "ví dụ 41/KH-UBND" in error.value.messages[0] or "lớn hơn 0" in error.value.messages[0]


def test_it_checks_that_the_symbol_names_the_kind():
    check_kind_matches(DocumentKind.PLAN, "KH-UBND")
    check_kind_matches(DocumentKind.OFFICIAL_LETTER, "UBND-VHXH")
    with pytest.raises(ValidationError, match="KH-"):
        check_kind_matches(DocumentKind.PLAN, "UBND-VHXH")
    with pytest.raises(ValidationError, match="Ký hiệu công văn"):
        check_kind_matches(DocumentKind.OFFICIAL_LETTER, "KH-UBND")


def test_it_refuses_the_same_number_twice_in_a_year(world):
    again = Document(
        commune=world.chiminh.commune,
        kind=DocumentKind.PLAN,
        number=41,
        symbol="KH-UBND",
        issuer="UBND xã Chí Minh",
        issued_on=datetime.date(2025, 12, 1),
        summary="về việc khác",
    )
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "đã được dùng trong năm 2025" in error.value.message_dict["number"][0]
    again.issued_on = datetime.date(2026, 1, 5)
    again.full_clean()  # numbering starts again each year


def test_it_names_a_document_as_the_report_does(world):
    assert str(world.chiminh.document) == "Kế hoạch số 41/KH-UBND ngày 19/08/2025"
