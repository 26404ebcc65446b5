"""Communes of tỉnh Điện Biên without an officer yet, beside those of hocvuso/testing_units.py."""

from dataclasses import dataclass

from hocvuso.accounts.models import User, UserRole
from hocvuso.testing_units import PASSWORD, Units
from hocvuso.units.models import Kind, Level, Unit


@dataclass
class NewCommunes:
    units: Units
    na_sang: Unit  # a mountain commune, no officer yet
    muong_lay: Unit  # a ward, no officer yet
    far: Unit  # a commune of the other province (Hải Phòng)
    far_officer: User  # the other province's officer


def commune(province, code, kind, name) -> Unit:
    return Unit.objects.create(
        level=Level.COMMUNE,
        kind=kind,
        code=code,
        name=f"{Kind(kind).label} {name}",
        short_name=name,
        parent=province,
    )


def build_new_communes(units: Units) -> NewCommunes:
    far_officer = User.objects.create_user(
        "sohaiphong",
        password=PASSWORD,
        role=UserRole.CITY_OFFICER,
        unit=units.other_province,
        is_staff=True,
    )
    return NewCommunes(
        units=units,
        na_sang=commune(units.province, "03160", Kind.XA, "Na Sang"),
        muong_lay=commune(units.province, "03151", Kind.PHUONG, "Mường Lay"),
        far=commune(units.other_province, "11200", Kind.XA, "Tiên Lãng"),
        far_officer=far_officer,
    )


def fresh(user: User) -> User:
    """The user as the database has it now: a test that changes a user changes a copy, not
    the module's shared object, whose fields the next test would otherwise inherit."""
    return User.objects.get(pk=user.pk)
