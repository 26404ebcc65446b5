import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from hocvuso.accounts.models import User, UserRole
from hocvuso.accounts.scoping import scope_for
from hocvuso.support.models import Place, SupportVisit
from hocvuso.units.models import Kind, Level, Unit
from hocvuso.units.official import load_official_units


@pytest.mark.django_db
def test_it_loads_the_official_provinces_and_communes_of_the_2025_reform():
    counts = load_official_units()
    assert counts == {"provinces": 34, "communes": 3321}
    chi_minh = Unit.objects.get(level=Level.COMMUNE, code="11131")
    assert chi_minh.name == "Xã Chí Minh" and chi_minh.short_name == "Chí Minh"
    assert chi_minh.kind == Kind.XA
    assert chi_minh.parent.name == "Thành phố Hải Phòng" and chi_minh.parent.code == "31"
    assert chi_minh.parent.kind == Kind.THANH_PHO
    assert chi_minh.commune_scope == chi_minh
    assert Unit.objects.filter(level=Level.COMMUNE, parent=chi_minh.parent).count() == 114
    assert Unit.objects.filter(kind=Kind.DAC_KHU).count() == 13


@pytest.mark.django_db
def test_it_changes_nothing_when_loading_the_official_list_again():
    load_official_units({31})
    assert load_official_units({31}) == {"provinces": 0, "communes": 0}
    assert Unit.objects.count() == 1 + 114


def test_it_rolls_records_of_a_merged_commune_up_to_its_successor(world):
    old = Unit.objects.create(
        level=Level.COMMUNE,
        kind=Kind.XA,
        code="10999",
        name="Xã Cũ",
        short_name="Cũ",
        parent=world.haiphong,
        valid_to=datetime.date(2025, 6, 30),
    )
    older = Unit.objects.create(
        level=Level.COMMUNE,
        kind=Kind.XA,
        code="10998",
        name="Xã Cũ Hơn",
        short_name="Cũ Hơn",
        parent=world.haiphong,
        valid_to=datetime.date(2019, 12, 31),
    )
    world.chiminh.commune.merged_from.add(old)
    old.merged_from.add(older)
    visit = SupportVisit.objects.create(
        commune=older,
        occurred_at=datetime.datetime(2019, 5, 1, 9, tzinfo=datetime.UTC),
        place=Place.SERVICE_CENTRE,
    )
    assert world.chiminh.commune.lineage_ids() == {world.chiminh.commune.pk, old.pk, older.pk}
    assert older.current() == world.chiminh.commune
    officer = User.objects.get(pk=world.commune.pk)
    assert SupportVisit.objects.visible_to(scope_for(officer)).filter(pk=visit.pk).exists()
    outsider = User.objects.get(pk=world.outsider.pk)
    assert not SupportVisit.objects.visible_to(scope_for(outsider)).filter(pk=visit.pk).exists()


def test_it_rolls_a_former_province_up_to_the_city(world):
    former = Unit.objects.create(
        level=Level.PROVINCE,
        kind=Kind.TINH,
        code="30",
        name="Tỉnh Hải Dương",
        short_name="Hải Dương",
        valid_to=datetime.date(2025, 6, 30),
    )
    old_commune = Unit.objects.create(
        level=Level.COMMUNE,
        kind=Kind.XA,
        code="10900",
        name="Xã Ven Sông",
        short_name="Ven Sông",
        parent=former,
        valid_to=datetime.date(2025, 6, 30),
    )
    world.haiphong.merged_from.add(former)
    assert old_commune in world.haiphong.communes()
    assert world.farward.commune not in world.haiphong.communes()


def test_it_knows_whether_a_unit_was_valid_on_a_day(world):
    unit = world.chiminh.commune
    unit.valid_from = datetime.date(2025, 7, 1)
    assert not unit.is_valid_on(datetime.date(2025, 6, 30))
    assert unit.is_valid_on(datetime.date(2025, 7, 1))


@pytest.mark.parametrize(
    "level,kind,parent_attr,field",
    [
        (Level.VILLAGE, Kind.THON, "haiphong", "parent"),  # a village under a province
        (Level.COMMUNE, Kind.XA, None, "parent"),  # a commune without a province
        (Level.VILLAGE, Kind.XA, "commune", "kind"),  # a village of kind "xã"
        (Level.PROVINCE, Kind.THANH_PHO, "haiphong", "parent"),  # a province under a province
    ],
)
def test_it_rejects_a_unit_in_the_wrong_place(world, level, kind, parent_attr, field):
    parent = {"haiphong": world.haiphong, "commune": world.chiminh.commune, None: None}[parent_attr]
    unit = Unit(level=level, kind=kind, code="x-1", name="X", short_name="X", parent=parent)
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert field in error.value.message_dict


def test_it_refuses_two_units_with_one_code_at_one_level(world):
    with pytest.raises(IntegrityError):
        Unit.objects.create(
            level=Level.COMMUNE,
            kind=Kind.XA,
            code="11131",
            name="Xã Trùng",
            short_name="Trùng",
            parent=world.haiphong,
        )


def test_a_role_needs_a_unit_of_its_level(world):
    user = User(username="x", role=UserRole.COMMUNE_OFFICER, unit=world.haiphong)
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "unit" in error.value.message_dict
