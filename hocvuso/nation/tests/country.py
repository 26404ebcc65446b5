"""The country of the national tests, built once per module: three provinces asked by the
Ministry for the report of May 2026 (15/04 – 14/05).

- Hải Phòng (the world's, with Chí Minh and Tân Kỳ) asked its communes; Chí Minh's report was
  accepted, Tân Kỳ has not sent. The province has not answered the Ministry yet: the tests
  take it through the loop.
- Điện Biên asked its one commune, Mường Phăng, whose report was accepted; it answered the
  Ministry late (28/05, the deadline being 25/05), and the Ministry accepted.
- Hà Nội asked nobody and has not answered: missing.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

import time_machine

from hocvuso.accounts.models import User, UserRole
from hocvuso.city.services import review, submit_report
from hocvuso.city.tests.requests import ask, at
from hocvuso.indicators.models import Indicator, IndicatorValue
from hocvuso.reports.models import ReportRequest
from hocvuso.reports.services import create_report, issue_report
from hocvuso.support.models import SupportVisit
from hocvuso.testing import World, make_commune, make_unit, make_user, rolled_back
from hocvuso.units.models import Kind, Unit

from ..services import answer_for_province, create_national_request

ISSUED = datetime.date(2026, 5, 15)
DEADLINE = datetime.date(2026, 5, 25)
IN_PERIOD = datetime.date(2026, 5, 4)


@dataclass
class Country:
    world: World
    ministry: User
    dienbien: Unit
    muongphang: Unit
    dienbien_officer: User
    hanoi_officer: User
    national: ReportRequest
    haiphong_request: ReportRequest
    dienbien_request: ReportRequest


def national_request(ministry) -> ReportRequest:
    return create_national_request(
        ministry,
        number=125,
        symbol="BKHCN-CĐS",
        issued_on=ISSUED,
        deadline=DEADLINE,
        period_kind="month",
        year=2026,
        period_number=5,
    )


def commune_answer(officer, city_officer, request, commune, day=datetime.date(2026, 5, 20)):
    """The commune's report for the request, issued, sent and accepted by its province."""
    report = issue_report(create_report(commune, request=request, report_date=day))
    with time_machine.travel(at(day)):
        submission = submit_report(officer, request, report)
        review(city_officer, submission, accept=True)
    return submission


def _indicator(commune, numerator, denominator):
    IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code="schools-cashless"),
        commune=commune,
        period_start=datetime.date(2026, 4, 15),
        period_end=datetime.date(2026, 5, 14),
        numerator=numerator,
        denominator=denominator,
    )


def build_country() -> Country:
    world = World()
    dienbien = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    muongphang = make_commune(dienbien, "03334", "Mường Phăng")
    dienbien_officer = make_user("sodienbien", UserRole.CITY_OFFICER, dienbien)
    muongphang_officer = make_user("xamuongphang", UserRole.COMMUNE_OFFICER, muongphang.commune)
    hanoi_officer = make_user("sohanoi", UserRole.CITY_OFFICER, world.hanoi)
    # The visits fall in the period, Mường Phăng's with more people each.
    SupportVisit.objects.update(occurred_at=at(IN_PERIOD))
    SupportVisit.objects.filter(commune=muongphang.commune).update(people=5)
    _indicator(world.chiminh.commune, 3, 4)
    _indicator(muongphang.commune, 1, 4)

    national = national_request(world.ministry)
    haiphong_request = ask(world.city, world.haiphong, month=5, issued_on=ISSUED)
    dienbien_request = ask(
        dienbien_officer, dienbien, month=5, issued_on=ISSUED, symbol="SKHCN-QLCN"
    )
    commune_answer(world.commune, world.city, haiphong_request, world.chiminh.commune)
    commune_answer(muongphang_officer, dienbien_officer, dienbien_request, muongphang.commune)
    with time_machine.travel(at(datetime.date(2026, 5, 28))):
        answer = answer_for_province(dienbien_officer, national)
    with time_machine.travel(at(datetime.date(2026, 5, 29))):
        review(world.ministry, answer, accept=True)
    return Country(
        world=world,
        ministry=world.ministry,
        dienbien=dienbien,
        muongphang=muongphang.commune,
        dienbien_officer=dienbien_officer,
        hanoi_officer=hanoi_officer,
        national=national,
        haiphong_request=haiphong_request,
        dienbien_request=dienbien_request,
    )


@contextmanager
def country_once(django_db_blocker):
    with rolled_back(django_db_blocker):
        yield build_country()


def haiphong_answers(country, day=datetime.date(2026, 5, 22)):
    """Hải Phòng drafts, issues and sends its report on `day`."""
    with time_machine.travel(at(day)):
        return answer_for_province(country.world.city, country.national)
