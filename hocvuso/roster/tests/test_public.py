"""The public page at /lich-truc/: who is on duty, for citizens, without signing in."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hocvuso.roster.models import CalendarException, DayKind, DutyPlace
from hocvuso.roster.services import aware, generate_roster

from .conftest import BEFORE_JUNE, make_rapid_team

pytestmark = pytest.mark.django_db

# Family and middle names that appear nowhere else, so that finding them in
# the page would mean a full name leaked.
SECRET_NAMES = [
    "Qzxhọ Wyvtên Trung",
    "Jkqhọ Pqvtên Hoa",
    "Xzvhọ Mmqtên Khánh",
    "Vvkhọ Zqptên Mai",
]
PHONES = ["0911000111", "0922000222", "0933000333", "0944000444"]
MONDAY = datetime.datetime(2026, 6, 8, 9, 0)  # during the morning shift


def page(client, code="11131", **params):
    return client.get(reverse("roster:public_commune", args=[code]), params)


@pytest.fixture
def private_names(world, june):
    """Members with secret family names and phones; only the leader publishes theirs."""
    for member, name, phone in zip(world.chiminh.members, SECRET_NAMES, PHONES, strict=True):
        member.full_name = name
        member.phone = phone
        member.publish_phone = member == world.chiminh.members[0]
        member.save()
    return world.chiminh.members


@pytest.fixture
def rapid_team(world):
    return make_rapid_team(
        world.chiminh.commune,
        "Tổ ứng cứu công nghệ số xã Chí Minh",
        "Ykzhọ Văn Dũng",
        "0955000555",
        publish_phone=False,
    )


def test_it_sends_the_citizen_to_the_only_commune_with_a_roster(client, world, june):
    response = client.get(reverse("roster:public"))
    assert response.url == reverse("roster:public_commune", args=["11131"])


def test_it_lets_the_citizen_pick_when_two_communes_have_rosters(client, world, june):
    place = DutyPlace.objects.create(commune=world.tanky.commune, name="Trung tâm xã Tân Kỳ")
    place.add_default_hours(members_needed=1)
    generate_roster(
        world.tanky.commune,
        datetime.date(2026, 6, 1),
        datetime.date(2026, 6, 5),
        teams=world.tanky.village_teams,
        now=BEFORE_JUNE,
    )
    response = client.get(reverse("roster:public"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Xã Chí Minh" in text and "Xã Tân Kỳ" in text
    assert reverse("roster:public_commune", args=["11132"]) in text


def test_it_shows_who_is_on_duty_today_and_this_week(client, world, june):
    with time_machine.travel(aware(MONDAY.date(), MONDAY.time()), tick=False):
        response = page(client)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hôm nay, 08/06/2026" in text
    assert "Tuần này: 08/06/2026 – 14/06/2026" in text
    assert "Trung tâm Phục vụ hành chính công xã Chí Minh" in text
    assert "Địa chỉ: Trụ sở UBND xã Chí Minh" in text
    assert "Giờ trực: Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00" in text
    [today] = response.context["on_today"]
    names = [d.name for _, cell in today.today.slots for d in cell]
    assert len(names) == 2 and set(names) <= {"Trung", "Hoa", "Khánh", "Mai"}
    week = response.context["week"][0]
    assert [row.day.day for row in week.rows] == [8, 9, 10, 11, 12]
    assert "(Tổ trưởng)" in text and "(Tổ viên)" in text


def test_it_shows_another_week_by_its_date(client, world, june):
    response = page(client, ngay="2026-06-17")
    assert "Tuần: 15/06/2026 – 21/06/2026" in response.content.decode()
    assert 'href="?ngay=2026-06-08"' in response.content.decode()


def test_it_never_shows_full_names_nor_unpublished_phones(client, world, private_names, rapid_team):
    with time_machine.travel(aware(MONDAY.date(), MONDAY.time()), tick=False):
        text = page(client).content.decode()
        index = client.get(reverse("roster:public"), follow=True).content.decode()
    for html in (text, index):
        for name in SECRET_NAMES + ["Ykzhọ Văn Dũng"]:
            for word in name.split()[:2]:
                assert word not in html
        for phone in PHONES[1:] + ["0955000555"]:
            assert phone not in html
    assert "Trung" in text and "Dũng" in text
    # The leader chose to publish their number.
    assert PHONES[0] in text


def test_it_says_how_to_reach_the_rapid_response_team(client, world, june, rapid_team):
    team, leader = rapid_team
    text = page(client).content.decode()
    assert "Tổ ứng cứu công nghệ số xã Chí Minh — tổ trưởng Dũng" in text
    assert "0955000555" not in text
    leader.publish_phone = True
    leader.save()
    assert 'href="tel:0955000555"' in page(client).content.decode()


def test_holidays_say_so(client, world, duty_place):
    generate_roster(
        world.chiminh.commune,
        datetime.date(2026, 8, 24),
        datetime.date(2026, 9, 6),
        now=BEFORE_JUNE,
    )
    text = page(client, ngay="2026-09-01").content.decode()
    assert "Nghỉ lễ: Quốc khánh" in text
    assert "Nghỉ lễ: Ngày nghỉ (thay cho ngày 22/08/2026)" in text
    text = page(client, ngay="2026-08-22").content.decode()
    assert "Thứ Bảy 22/08/2026" in text and "Ngày làm bù" in text


def test_a_holiday_the_commune_added_is_named(client, world, june):
    CalendarException.objects.create(
        commune=world.chiminh.commune,
        date=datetime.date(2026, 6, 10),
        kind=DayKind.HOLIDAY,
        name="Lễ hội làng",
    )
    text = page(client, ngay="2026-06-10").content.decode()
    assert "Nghỉ lễ: Lễ hội làng" in text


def test_it_needs_no_login_and_knows_only_real_communes(client, world, june):
    assert page(client).status_code == 200
    assert page(client, code="99999").status_code == 404
    text = page(client, code="11132").content.decode()
    assert "Xã chưa công bố lịch trực." in text


def test_the_page_takes_a_fixed_number_of_queries(
    client, world, june, rapid_team, django_assert_max_num_queries
):
    # 14, and 2 for the commune's settings (the name of its service centre).
    with django_assert_max_num_queries(16):
        page(client, ngay="2026-06-08")


def test_the_login_page_links_to_it(client, world):
    text = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("roster:public")}"' in text
    assert "Xem lịch trực công khai" in text
