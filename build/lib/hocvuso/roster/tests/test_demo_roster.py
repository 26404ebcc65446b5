"""The demo commune's roster, June–December 2026, and on into Tết 2027."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from hocvuso.roster.models import Assignment, Shift
from hocvuso.roster.services import aware, generate_roster
from hocvuso.units.models import Level, Unit

pytestmark = pytest.mark.django_db


def local_days(shifts):
    return {timezone.localtime(s.starts_at).date() for s in shifts}


def test_the_demo_roster_leaves_national_day_and_its_extra_day_free(demo):
    days = local_days(Shift.objects.all())
    assert min(days) == datetime.date(2026, 6, 1) and max(days) == datetime.date(2026, 12, 31)
    assert datetime.date(2026, 9, 1) not in days and datetime.date(2026, 9, 2) not in days
    assert all(d.weekday() < 5 or d == datetime.date(2026, 8, 22) for d in days)
    for shift in Shift.objects.all():
        assert shift.assignments.count() == 2
    counts = list(
        Assignment.objects.values("member").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert max(counts) - min(counts) <= 1


def test_a_roster_into_2027_leaves_tet_free(demo):
    commune = Unit.objects.get(level=Level.COMMUNE, code="11131")
    generate_roster(
        commune,
        datetime.date(2027, 1, 1),
        datetime.date(2027, 2, 28),
        now=aware(datetime.date(2026, 12, 1), datetime.time()),
    )
    days = local_days(Shift.objects.filter(starts_at__year=2027))
    tet = {datetime.date(2027, 2, d) for d in range(4, 11)}
    assert not days & tet
    assert datetime.date(2027, 1, 1) not in days
    assert datetime.date(2027, 2, 3) in days and datetime.date(2027, 2, 11) in days
    counts = list(
        Assignment.objects.values("member").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert max(counts) - min(counts) <= 1
