"""The duty places page: the commune's officer adds, changes and deactivates its places and
their office hours without the admin; the city's officer reads them.

The units are not the demo (hocvuso/testing_units.py): a ward and a mountain commune
of Tỉnh Điện Biên.
"""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from hocvuso.roster.duty_places import HoursInput, PlaceInput, new_place, save_place
from hocvuso.roster.models import DutyPlace, OpeningHours, PlaceKind
from hocvuso.testing_units import units_once
from hocvuso.units.models import UnitSettings

T = datetime.time
PLACES = reverse("roster:places")
ADD = reverse("roster:place_add")


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


def hours_data(rows, extra=1):
    """The POST of the hours formset: `rows` of (weekday, starts, ends, members), then blanks."""
    data = {
        "hours-TOTAL_FORMS": str(len(rows) + extra),
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
    }
    for i, (weekday, starts, ends, members) in enumerate(rows):
        data |= {
            f"hours-{i}-weekday": str(weekday),
            f"hours-{i}-starts": starts,
            f"hours-{i}-ends": ends,
            f"hours-{i}-members_needed": str(members),
        }
    return data


def place_data(name="Nhà văn hóa bản Na Son", kind="cultural_house", rows=(), **extra):
    return {"name": name, "kind": kind, "address": "", "village": ""} | hours_data(rows) | extra


def test_a_new_place_starts_as_the_communes_service_centre_open_in_office_hours(db, units):
    ward = units.ward.commune
    place = new_place(ward)
    assert place.name == "Trung tâm Phục vụ hành chính công phường"
    assert place.kind == PlaceKind.SERVICE_CENTRE
    assert [(h.weekday, h.starts, h.ends) for h in place.hours[:2]] == [
        (0, T(7, 30), T(11, 30)),
        (0, T(13, 30), T(17, 0)),
    ]
    assert sorted({h.weekday for h in place.hours}) == [0, 1, 2, 3, 4]
    UnitSettings.objects.create(unit=ward, service_centre="Trung tâm PVHCC phường Điện Biên Phủ")
    assert new_place(ward).name == "Trung tâm PVHCC phường Điện Biên Phủ"


def test_the_add_page_offers_the_defaults(db, client, units):
    client.force_login(units.mountain.officer)
    response = client.get(ADD)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Trung tâm Phục vụ hành chính công xã"' in html
    assert response.context["hours"].initial[0] == {
        "weekday": 0,
        "starts": T(7, 30),
        "ends": T(11, 30),
        "members_needed": 2,
    }
    assert len(response.context["hours"].forms) == 12  # ten shifts and two blank rows
    # The kinds in the commune's words.
    assert "Nhà văn hóa bản, xóm" in html


def test_the_officer_adds_a_place_with_its_hours(db, client, units):
    client.force_login(units.mountain.officer)
    village = units.mountain.villages[0]
    rows = [(0, "07:30", "11:30", 2), (0, "13:30", "17:00", 1), (5, "08:00", "11:00", 1)]
    response = client.post(ADD, place_data(rows=rows, village=str(village.pk)))
    assert response.status_code == 302
    place = DutyPlace.objects.get(name="Nhà văn hóa bản Na Son")
    assert (place.commune, place.village, place.kind, place.is_active) == (
        units.mountain.commune,
        village,
        "cultural_house",
        True,
    )
    assert list(place.hours.values_list("weekday", "starts", "ends", "members_needed")) == [
        (0, T(7, 30), T(11, 30), 2),
        (0, T(13, 30), T(17, 0), 1),
        (5, T(8, 0), T(11, 0), 1),
    ]
    assert LogEntry.objects.filter(
        object_pk=str(place.pk), actor=units.mountain.officer, content_type__model="dutyplace"
    ).exists()
    assert (
        LogEntry.objects.filter(
            actor=units.mountain.officer, content_type__model="openinghours"
        ).count()
        == 3
    )


@pytest.mark.parametrize(
    "rows, message",
    [
        ([(0, "11:30", "07:30", 2)], "Giờ kết thúc phải sau giờ bắt đầu."),
        ([(0, "08:00", "08:00", 2)], "Giờ kết thúc phải sau giờ bắt đầu."),
        (
            [(0, "07:30", "11:30", 2), (0, "11:00", "12:00", 2)],
            "Trùng giờ với ca Thứ Hai 07:30–11:30.",
        ),
        # Overlapping a long shift, not only the one just before.
        (
            [(1, "07:00", "17:00", 2), (1, "08:00", "09:00", 2), (1, "10:00", "11:00", 2)],
            "Trùng giờ với ca Thứ Ba 07:00–17:00.",
        ),
        ([(0, "07:30", "11:30", 0)], "Số người trực phải từ 1 đến 20."),
        ([(0, "07:30", "", 2)], "Hãy nhập giờ."),
    ],
)
def test_bad_hours_are_refused_in_vietnamese_and_nothing_is_saved(db, client, units, rows, message):
    client.force_login(units.mountain.officer)
    before = (DutyPlace.objects.count(), OpeningHours.objects.count())
    response = client.post(ADD, place_data(rows=rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (DutyPlace.objects.count(), OpeningHours.objects.count()) == before


def test_the_same_hours_on_different_days_do_not_overlap(db, units):
    rows = [HoursInput(0, T(7, 30), T(11, 30)), HoursInput(1, T(7, 30), T(11, 30))]
    place = save_place(units.ward.commune, PlaceInput(name="Một cửa", hours=rows))
    assert place.hours.count() == 2


def test_an_empty_name_and_a_village_of_another_commune_are_refused(db, units):
    other = units.ward.villages[0]
    with pytest.raises(ValidationError) as caught:
        save_place(units.mountain.commune, PlaceInput(name=" ", village=other))
    assert caught.value.message_dict == {
        "name": ["Hãy nhập tên địa điểm."],
        "village": ["Địa bàn này không thuộc đơn vị."],
    }


def test_the_officer_changes_a_places_hours_keeping_the_rows_left_as_they_were(db, client, units):
    place = DutyPlace.objects.get(commune=units.mountain.commune)
    place.add_default_hours()
    monday = place.hours.get(weekday=0, starts=T(7, 30))
    client.force_login(units.mountain.officer)
    url = reverse("roster:place_edit", args=[place.pk])
    response = client.get(url)
    assert response.status_code == 200
    rows = [
        (h.weekday, f"{h.starts:%H:%M}", f"{h.ends:%H:%M}", h.members_needed)
        for h in place.hours.all()
    ]
    rows[1] = (0, "13:30", "16:30", 3)  # Monday afternoon ends earlier, with three members
    rows = rows[:-1]  # Friday afternoon removed
    data = place_data(name="Bộ phận một cửa", kind="centre", rows=rows)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    place.refresh_from_db()
    assert place.name == "Bộ phận một cửa" and place.hours.count() == 9
    assert place.hours.get(weekday=0, starts=T(13, 30)).ends == T(16, 30)
    assert not place.hours.filter(weekday=4, starts=T(13, 30)).exists()
    # The rows left as they were are the same rows, unchanged in the audit log.
    assert place.hours.get(weekday=0, starts=T(7, 30)).pk == monday.pk
    assert not LogEntry.objects.filter(
        content_type__model="openinghours", object_pk=str(monday.pk), actor=units.mountain.officer
    ).exists()


def test_the_officer_deactivates_and_reuses_a_place(db, client, units):
    place = DutyPlace.objects.get(commune=units.mountain.commune)
    client.force_login(units.mountain.officer)
    url = reverse("roster:place_active", args=[place.pk])
    assert client.post(url, {"active": "0"}).status_code == 302
    place.refresh_from_db()
    assert place.is_active is False
    html = client.get(PLACES).content.decode()
    assert "ngừng dùng" in html and "Dùng lại" in html
    assert client.post(url, {"active": "1"}).status_code == 302
    place.refresh_from_db()
    assert place.is_active is True


def test_the_list_shows_the_places_and_their_hours(db, client, units):
    place = DutyPlace.objects.get(commune=units.ward.commune)
    place.add_default_hours(members_needed=1)
    client.force_login(units.ward.officer)
    html = client.get(PLACES).content.decode()
    assert place.name in html and "Thứ Sáu" in html and "13:30–17:00" in html
    assert "Trung tâm Phục vụ hành chính công phường" in html  # the kind, as the ward says it


def test_the_city_officer_reads_and_changes_nothing(db, client, units):
    place = DutyPlace.objects.get(commune=units.mountain.commune)
    client.force_login(units.province_officer)
    response = client.get(PLACES + f"?xa={units.mountain.commune.code}")
    assert response.status_code == 200
    html = response.content.decode()
    assert place.name in html and "Thêm địa điểm trực" not in html and "Ngừng dùng" not in html
    assert client.get(ADD + f"?xa={units.mountain.commune.code}").status_code == 403
    assert client.post(ADD + f"?xa={units.mountain.commune.code}", place_data()).status_code == 403
    assert client.get(reverse("roster:place_edit", args=[place.pk])).status_code == 403
    assert (
        client.post(reverse("roster:place_active", args=[place.pk]), {"active": "0"}).status_code
        == 403
    )
    place.refresh_from_db()
    assert place.is_active


def test_a_leader_is_refused_and_another_communes_place_is_not_found(db, client, units):
    place = DutyPlace.objects.get(commune=units.mountain.commune)
    client.force_login(units.mountain.leader)
    assert client.get(PLACES).status_code == 403
    assert client.get(reverse("roster:place_edit", args=[place.pk])).status_code == 403
    client.force_login(units.ward.officer)
    assert client.get(reverse("roster:place_edit", args=[place.pk])).status_code == 404
    assert (
        client.post(reverse("roster:place_active", args=[place.pk]), {"active": "0"}).status_code
        == 404
    )
    assert client.get(PLACES + f"?xa={units.mountain.commune.code}").status_code == 404


def test_the_roster_pages_link_the_places_page(db, client, units):
    client.force_login(units.mountain.officer)
    html = client.get(reverse("roster:manage")).content.decode()
    assert f'href="{PLACES}?xa={units.mountain.commune.code}"' in html


def test_each_shift_inside_a_long_one_is_named_as_overlapping_it(db, units):
    rows = [
        HoursInput(1, T(7, 0), T(17, 0)),
        HoursInput(1, T(8, 0), T(9, 0)),
        HoursInput(1, T(10, 0), T(11, 0)),
        HoursInput(1, T(17, 0), T(19, 0)),
    ]
    with pytest.raises(ValidationError) as caught:
        save_place(units.ward.commune, PlaceInput(name="Một cửa", hours=rows))
    assert caught.value.message_dict == {
        "hours-1": ["Trùng giờ với ca Thứ Ba 07:00–17:00."],
        "hours-2": ["Trùng giờ với ca Thứ Ba 07:00–17:00."],
    }


def test_the_blank_rows_of_the_hours_are_skipped(db, client, units):
    client.force_login(units.ward.officer)
    data = place_data(name="Một cửa", kind="centre", rows=[(2, "08:00", "11:00", 1)])
    data |= {"hours-1-weekday": "", "hours-1-starts": "", "hours-1-ends": ""}
    data |= {"hours-1-members_needed": ""}
    assert client.post(ADD, data).status_code == 302
    assert DutyPlace.objects.get(name="Một cửa").hours.count() == 1
