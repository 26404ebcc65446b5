"""Import templates in the officer's words, and files of any unit's words still read."""

import pytest
from django.urls import reverse

from hocvuso.support import imports as visits
from hocvuso.support.models import SupportVisit
from hocvuso.teams import imports as teams
from hocvuso.testing_units import (
    NOT_IN_A_MOUNTAIN_COMMUNE,
    NOT_IN_A_WARD,
    foreign_words,
    page_text,
    units_once,
    xlsx_text,
)

from .sheets import messages, xlsx

KINDS = ["thanh-vien", "luot-ho-tro"]


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


def _template(client, user, kind: str) -> str:
    client.force_login(user)
    response = client.get(reverse("imports:template", args=[kind]))
    assert response.status_code == 200
    return xlsx_text(response.content)


@pytest.mark.parametrize("kind", KINDS)
def test_a_ward_officers_template_speaks_the_wards_words(db, client, units, kind):
    text = _template(client, units.ward.officer, kind)
    assert foreign_words(text, NOT_IN_A_WARD) == {}
    headers = text.split("\n")
    assert "Phường" in headers and "Tổ dân phố" in headers
    assert "Phường Điện Biên Phủ" in headers and "Tổ dân phố 1" in headers  # the examples


@pytest.mark.parametrize("kind", KINDS)
def test_a_mountain_officers_template_speaks_the_communes_words(db, client, units, kind):
    text = _template(client, units.mountain.officer, kind)
    assert foreign_words(text, NOT_IN_A_MOUNTAIN_COMMUNE) == {}
    headers = text.split("\n")
    assert "Xã" in headers and "Bản, xóm" in headers
    assert "Xã Mường Phăng" in headers and "Bản Na Son" in headers


@pytest.mark.parametrize("kind", KINDS)
def test_a_province_officer_who_only_reads_gets_no_template(db, client, units, kind):
    client.force_login(units.province_officer)
    assert client.get(reverse("imports:template", args=[kind])).status_code == 403


def test_the_import_page_says_nothing_of_another_unit(db, client, units):
    # The page itself; the admin's menu around it lists the models.
    text = page_text(client, units.ward.officer, reverse("imports:index"))
    content = text[text.index('id="content-main"') :]
    assert foreign_words(content, NOT_IN_A_WARD) == {}


def test_the_template_of_a_ward_reads_back(db, units):
    officer = units.ward.officer
    sheet = visits.sheet_for(officer)
    row = {column.header: column.example for column in sheet.columns}
    row["Người hỗ trợ"] = units.ward.members[1].full_name
    row["Tổ"] = units.ward.village_teams[0].name
    before = SupportVisit.objects.count()
    result = visits.import_visits(officer, xlsx(list(row), list(row.values())))
    assert result.ok, messages(result)
    assert SupportVisit.objects.count() == before + 1


def test_a_file_with_the_old_headers_still_reads(db, units):
    # A file made from the template before it spoke the unit's words: "Xã", "Thôn".
    officer = units.mountain.officer
    file = xlsx(
        ["Xã", "Thôn", "Tổ", "Họ và tên"],
        ["Mường Phăng", "Bản Che Căn", "Cấp thôn", "Lò Thị Mới"],
        ["", "Xóm Đồi", "", "Lò Văn Mới"],
    )
    result = teams.import_members(officer, file)
    assert result.ok, messages(result)
    assert result.created


def test_a_row_error_names_the_column_and_the_village_in_the_units_words(db, units):
    file = xlsx(["Tổ dân phố", "Họ và tên"], ["Tổ dân phố 9", "Lò Văn Mới"])
    result = teams.import_members(units.ward.officer, file)
    assert messages(result) == [
        "Dòng 2, cột “Tổ dân phố”: Không tìm thấy tổ dân phố “Tổ dân phố 9” "
        "trong Phường Điện Biên Phủ."
    ]
