import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hocvuso.support.models import AgeBand, Place, Service, SupportVisit

WHEN = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def test_the_catalogue_holds_the_services_of_the_report(db):
    names = " | ".join(Service.objects.values_list("name", flat=True))
    for words in (
        "VNeID",
        "dịch vụ công trực tuyến",
        "Thanh toán",
        "Tra cứu kết quả",
        "Sổ sức khỏe điện tử",
        "khôi phục tài khoản",
        "QR",
        "lừa đảo",
    ):
        assert words in names
    # A province's own app (Smart Hải Phòng) is the province's, not the nation's.
    assert not Service.objects.filter(province__isnull=True, code="smart-haiphong").exists()


def test_the_national_catalogue_names_no_provinces_own_app(db):
    # Smart Hải Phòng is Hải Phòng's: the demo adds it to that city's catalogue only.
    assert not Service.objects.filter(province__isnull=True, name__contains="Hải Phòng").exists()


def test_a_city_can_add_its_own_app_to_the_catalogue(world):
    Service.objects.create(
        code="hp-parking",
        name="Ứng dụng gửi xe Hải Phòng",
        short_name="Gửi xe",
        province=world.haiphong,
    )
    assert set(Service.objects.filter(province=world.haiphong).values_list("code", flat=True)) == {
        "smart-haiphong",
        "hp-parking",
    }


def test_a_visit_in_a_village_of_another_commune_is_refused(world):
    visit = SupportVisit(
        commune=world.chiminh.commune,
        village=world.tanky.villages[0],
        occurred_at=WHEN,
        place=Place.HOME,
    )
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert "village" in error.value.message_dict


def test_a_visit_by_a_team_of_another_commune_is_refused(world):
    visit = SupportVisit(
        commune=world.chiminh.commune,
        team=world.tanky.village_teams[0],
        occurred_at=WHEN,
        place=Place.HOME,
    )
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert "team" in error.value.message_dict


def test_a_visit_counts_at_least_one_person(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportVisit.objects.create(
            commune=world.chiminh.commune, occurred_at=WHEN, place=Place.HOME, people=0
        )


def test_a_citizen_of_sixty_or_more_is_counted_as_elderly(world):
    visit = SupportVisit(
        commune=world.chiminh.commune, occurred_at=WHEN, place=Place.HOME, age_band=AgeBand.FROM_60
    )
    visit.full_clean()
    assert visit.elderly


def test_a_visit_keeps_no_field_for_a_citizens_identity():
    names = {f.name for f in SupportVisit._meta.get_fields()}
    assert not names & {"citizen_name", "full_name", "id_number", "cccd", "phone", "address"}


def test_a_resent_visit_is_not_saved_twice(world):
    key = "7f9a4c8e-0000-4000-8000-000000000001"
    SupportVisit.objects.create(
        commune=world.chiminh.commune, occurred_at=WHEN, place=Place.HOME, client_key=key
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportVisit.objects.create(
            commune=world.chiminh.commune, occurred_at=WHEN, place=Place.HOME, client_key=key
        )
