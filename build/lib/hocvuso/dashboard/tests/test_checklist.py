"""The setup checklist: each step computed from the commune's records."""

import datetime

import pytest
from django.urls import reverse

from hocvuso.accounts.models import User, UserRole
from hocvuso.accounts.tests.setup_units import build_new_communes
from hocvuso.dashboard.checklist import checklist_for
from hocvuso.reports.models import ReportSettings
from hocvuso.roster.models import DutyPlace, OpeningHours
from hocvuso.testing_units import NOT_IN_A_MOUNTAIN_COMMUNE, foreign_words, units_once
from hocvuso.units.models import UnitSettings

URL = "/thiet-lap-ban-dau/"


@pytest.fixture(scope="module")
def place(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as units:
        built = build_new_communes(units)
        built.new_officer = User.objects.create_user(
            "xanasang", role=UserRole.COMMUNE_OFFICER, unit=built.na_sang, is_staff=True
        )
        yield built


def steps(commune) -> dict[str, bool]:
    return {step.key: step.done for step in checklist_for(commune).steps}


def finish_setup(commune) -> None:
    place = DutyPlace.objects.get(commune=commune)
    OpeningHours.objects.create(
        place=place, weekday=0, starts=datetime.time(7, 30), ends=datetime.time(11, 30)
    )
    ReportSettings.objects.create(
        commune=commune,
        agency="ỦY BAN NHÂN DÂN\nXÃ MƯỜNG PHĂNG",
        agency_short="UBND xã Mường Phăng",
        place_name="Mường Phăng",
        recipients="Sở KH&CN tỉnh Điện Biên;\nLưu: VT.",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Lò Văn Pọm",
    )
    UnitSettings.objects.create(unit=commune)


def test_facts_not_looked_over_are_advised_but_keep_no_one_on_the_checklist(db, client, place):
    mountain = place.units.mountain
    finish_setup(mountain.commune)
    UnitSettings.objects.filter(unit=mountain.commune).delete()
    checklist = checklist_for(mountain.commune)
    assert checklist.ready and not checklist.complete
    client.force_login(mountain.officer)
    assert client.get("/").url != reverse("setup_checklist")
    assert "Nên xem lại" in client.get(URL).content.decode()


def test_a_new_commune_has_every_step_left_and_its_officer_lands_there(db, client, place):
    assert steps(place.na_sang) == dict.fromkeys(
        ["villages", "teams", "duty", "report", "facts"], False
    )
    client.force_login(place.new_officer)
    assert client.get("/").url == reverse("setup_checklist")
    text = client.get(URL).content.decode()
    assert "Bắt đầu sử dụng ở xã Na Sang" in text
    assert "Đã xong 0/5 bước" in text
    assert "Chưa có thôn nào" in text
    assert "Chưa có họ tên người ký." in text


def test_a_commune_with_villages_teams_and_a_duty_place_has_those_steps_done(db, place):
    mountain = place.units.mountain.commune
    assert steps(mountain) == {
        "villages": True,
        "teams": True,
        # Its duty place has no office hours yet.
        "duty": False,
        "report": False,
        "facts": False,
    }
    villages = checklist_for(mountain).steps[0]
    assert villages.title == "Danh sách bản, xóm"
    assert villages.facts == ["Đã có 02 bản, 01 xóm."]
    teams = checklist_for(mountain).steps[1]
    assert teams.facts == [
        "3 tổ công nghệ số cộng đồng; 2 thành viên đang hoạt động, 2 người có tài khoản đăng nhập."
    ]


def test_a_set_up_commune_is_complete_and_its_officer_lands_on_the_overview(db, client, place):
    mountain = place.units.mountain
    finish_setup(mountain.commune)
    checklist = checklist_for(mountain.commune)
    assert checklist.complete and checklist.ready
    assert checklist.steps[3].facts == ["Người ký: Lò Văn Pọm.", "2 nơi nhận."]
    client.force_login(mountain.officer)
    assert client.get("/").url != reverse("setup_checklist")
    text = client.get(URL).content.decode()
    assert "Đã xong cả 5 bước" in text
    assert foreign_words(text, NOT_IN_A_MOUNTAIN_COMMUNE) == {}


def test_the_checklist_is_in_the_commune_officers_menu_and_for_no_one_else(db, client, place):
    client.force_login(place.units.mountain.officer)
    assert f'href="{URL}"' in client.get(reverse("accounts:index")).content.decode()
    for other in (place.units.mountain.member, place.units.province_officer):
        client.force_login(other)
        assert client.get(URL).status_code == 403


def test_the_checklist_reads_a_few_queries_whatever_the_size(
    db, client, place, django_assert_max_num_queries
):
    client.force_login(place.units.mountain.officer)
    client.get(URL)
    with django_assert_max_num_queries(16):
        client.get(URL)
