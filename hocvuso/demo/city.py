"""The demo city: every commune of Thành phố Hải Phòng, and their answers to Công văn 1885.

`load_city()` runs after `load_demo()` (`manage.py load_demo --city`). It gives generated
records to a fixed sample of communes (the rest stay empty), an issued report to each of them,
and plays the reporting season of the request through the city's services — sending, review,
return and correction, reminders — so that completeness has on-time, late, returned, waiting
and missing communes to show. Like the commune demo it is deterministic (seeded draws, fixed
dates) and idempotent (a commune that already has its records, and a season already played,
are left alone).
"""

import datetime
import itertools
import random
from dataclasses import dataclass, field

from django.db import transaction

from hocvuso.accounts.models import User, UserRole
from hocvuso.city.models import Reminder, Submission, SubmissionEvent
from hocvuso.city.services import completeness, remind_late, review, submit_report
from hocvuso.core.audit import audit_context
from hocvuso.core.formatting import vn_date, vn_number
from hocvuso.reports.models import Report, ReportRequest, ReportSettings
from hocvuso.reports.services import create_report, issue_report
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.units.models import Level, Unit

from . import data
from .builder import AUDIT_SOURCE, VIETNAM, DemoCommune, upsert
from .city_records import Generated, build_commune
from .people import PeopleMaker

SEED = "hocvuso-demo-hai-phong-2026"
COMMUNES_WITH_DATA = 36  # besides xã Chí Minh, whose officer sends its report in the demo
# How the communes with data answer the request; the counts add up to COMMUNES_WITH_DATA.
STORIES = {
    "on_time_accepted": 14,
    "late_accepted": 6,
    "corrected_accepted": 3,  # returned once, corrected, sent again and accepted
    "returned": 4,  # returned, the correction not sent yet
    "waiting_on_time": 3,
    "waiting_late": 2,
    "missing": 4,  # the report is issued but never sent
}
RETURN_REASONS = [
    "Số lượt hỗ trợ người dân chưa khớp với biểu tổng hợp của các thôn; đề nghị rà soát lại.",
    "Thiếu số liệu lớp học số và số người tham gia các khóa học trực tuyến.",
    "Báo cáo gửi chưa có chữ ký, đóng dấu của lãnh đạo UBND; đề nghị gửi lại bản đã ký.",
    "Tỷ lệ hộ kinh doanh sử dụng mã QR chưa ghi rõ nguồn số liệu; đề nghị bổ sung.",
]
CITY_SIGNER = "Nguyễn Quang Vinh"  # invented, as every person of the demo


@dataclass
class CityDemo:
    request: ReportRequest
    communes: list[Unit] = field(default_factory=list)  # those with generated records
    generated: Generated = field(default_factory=Generated)


@dataclass(order=True)
class Step:
    """One event of the reporting season, played in the order of `at`."""

    at: datetime.datetime
    order: int
    action: str = field(compare=False)
    commune: Unit | None = field(compare=False, default=None)
    report_date: datetime.date | None = field(compare=False, default=None)
    reason: str = field(compare=False, default="")
    communes: list = field(compare=False, default_factory=list)


def load_city(demo: DemoCommune) -> CityDemo:
    province = demo.commune.parent
    request = ReportRequest.objects.get(
        province=province, number=1885, symbol="SKHCN-TTTT", issued_on=data.REQUEST_ISSUED_ON
    )
    admin = User.objects.get(username="admin")
    city = CityDemo(request)
    with transaction.atomic(), audit_context(actor=admin, additional_data=AUDIT_SOURCE):
        # The demo request goes to every commune; a request made before the city existed
        # in full is brought up to date.
        missing = (
            province.communes()
            .filter(level=Level.COMMUNE)
            .exclude(pk__in=request.communes.values("pk"))
        )
        request.communes.add(*missing)
        _city_settings(province)
        city.communes = _sample(province, demo.commune)
        maker = PeopleMaker(f"{SEED}-people")
        have_teams = set(
            Team.objects.filter(commune__in=city.communes, level=TeamLevel.COMMUNE).values_list(
                "commune_id", flat=True
            )
        )
        for commune in city.communes:
            if commune.pk not in have_teams:
                build_commune(commune, maker, SEED, city.generated)
        names = PeopleMaker(f"{SEED}-officers")
        officers = {c.pk: _officer(c, names.name()) for c in city.communes}
        if not Submission.objects.filter(request=request, commune__in=city.communes).exists():
            _play_season(request, city.communes, officers, demo)
    return city


def _city_settings(province: Unit) -> None:
    """The Department's header and signer, kept as the report settings of the city's unit."""
    upsert(
        ReportSettings,
        {
            "parent_agency": f"UBND {province.name.upper()}",
            "agency": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "agency_short": "Sở Khoa học và Công nghệ",
            "place_name": province.short_name,
            "symbol": "BC-SKHCN",
            "addressee": "UBND thành phố",
            "recipients": "UBND thành phố\nLãnh đạo Sở\nLưu: VT, TTTT",
            "signer_authority": "KT. GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_name": CITY_SIGNER,
        },
        commune=province,
    )


def _sample(province: Unit, chiminh: Unit) -> list[Unit]:
    """The communes that get records: a fixed draw from the official list, by code."""
    others = list(
        province.communes().filter(level=Level.COMMUNE).exclude(pk=chiminh.pk).order_by("code")
    )
    chosen = random.Random(f"{SEED}-sample").sample(others, COMMUNES_WITH_DATA)
    return sorted(chosen, key=lambda c: int(c.code))


def _officer(commune: Unit, full_name: str) -> User:
    """The commune's officer who sends its report; the account has no password to sign in."""
    user = upsert(
        User,
        {"role": UserRole.COMMUNE_OFFICER, "unit": commune, "first_name": full_name},
        username=f"canbo{commune.code}",
    )
    if user.has_usable_password() or not user.password:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIETNAM)


def _working_day(day: datetime.date, days: int) -> datetime.date:
    """`days` working days after `day` (Monday to Friday)."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _plan(communes: list[Unit], chiminh: Unit) -> list[Step]:
    # Chí Minh, whose officer sends in the demo, is reminded too.
    return plan_season(communes, STORIES, SEED, data.REQUEST_DEADLINE, reminded_too=[chiminh])


def plan_season(
    communes: list[Unit],
    stories: dict[str, int],
    seed: str,
    deadline: datetime.date,
    reminded_too: list[Unit] = (),
) -> list[Step]:
    """Every step of the season, with its time: the stories (how many communes tell each,
    adding up to the communes) are dealt to the communes by a seeded draw, and each story's
    dates are drawn around the deadline."""
    rng = random.Random(f"{seed}-season")
    stories = [story for story, count in stories.items() for _ in range(count)]
    rng.shuffle(stories)
    steps, reasons = [], itertools.cycle(RETURN_REASONS)

    def step(at, action, commune=None, **extra):
        steps.append(Step(at, len(steps), action, commune, **extra))

    late_ones = []
    for commune, story in zip(communes, stories, strict=True):
        late = story in ("late_accepted", "waiting_late")
        if late:
            day = deadline + datetime.timedelta(days=rng.randint(3, 14))
            late_ones.append(commune)
        elif story == "missing":
            day = deadline - datetime.timedelta(days=rng.randint(0, 3))
            late_ones.append(commune)
        else:
            day = deadline - datetime.timedelta(days=rng.randint(0, 10))
        if day.weekday() > 4:  # offices send on working days
            day -= datetime.timedelta(days=day.weekday() - 4)
        sent = _at(day, rng.randint(8, 16), rng.choice([0, 15, 30, 45]))
        step(_at(day, 7, 45), "issue", commune, report_date=day)
        if story == "missing":
            continue
        step(sent, "send", commune)
        if story.startswith("waiting"):
            continue
        reviewed = _at(_working_day(day, rng.randint(1, 3)), rng.randint(8, 16), 30)
        if story in ("returned", "corrected_accepted"):
            step(reviewed, "return", commune, reason=next(reasons))
        else:
            step(reviewed, "accept", commune)
        if story == "corrected_accepted":
            again = _working_day(reviewed.date(), rng.randint(2, 5))
            step(_at(again, 7, 45), "issue", commune, report_date=again)
            step(_at(again, 14, 0), "send", commune)
            step(_at(_working_day(again, 1), 10, 0), "accept", commune)
    # The Department reminds the communes still missing on the first working day after the
    # deadline, and once more at the end of that week.
    late_ones.extend(reminded_too)
    for day in (deadline + datetime.timedelta(days=3), deadline + datetime.timedelta(days=7)):
        step(_at(_working_day(day, 0), 9, 0), "remind", communes=late_ones)
    return sorted(steps)


def _play_season(request, communes, officers, demo: DemoCommune) -> None:
    city = User.objects.get(username="sokhcn")
    play_season(request, _plan(communes, demo.commune), officers, city)


def play_season(request, steps: list[Step], officers: dict[int, User], city: User) -> None:
    """Play the steps through the services, which stamp their rows with the current time;
    each row is then given the step's time, so that "on time" and "late" are measured from
    the demo's fixed dates on every run, and the story reads in order. `officers` are the
    communes' officers by commune id; `city` the province officer who reviews."""
    reports = {}
    for step in steps:
        commune = step.commune
        if step.action == "issue":
            officer = officers[commune.pk]
            report = create_report(
                commune, request=request, report_date=step.report_date, user=officer
            )
            report = issue_report(report, user=officer, report_date=step.report_date)
            Report.objects.filter(pk=report.pk).update(issued_at=step.at)
            reports[commune.pk] = report
        elif step.action == "send":
            submission = submit_report(officers[commune.pk], request, reports[commune.pk])
            first = submission.events.count() == 1
            Submission.objects.filter(pk=submission.pk).update(
                sent_at=step.at, **({"first_sent_at": step.at} if first else {})
            )
            _stamp_last_event(submission, step.at)
        elif step.action in ("accept", "return"):
            submission = Submission.objects.get(request=request, commune=commune)
            review(city, submission, accept=step.action == "accept", reason=step.reason)
            Submission.objects.filter(pk=submission.pk).update(reviewed_at=step.at)
            _stamp_last_event(submission, step.at)
        elif step.action == "remind":
            reminders = remind_late(city, request, communes=step.communes)
            Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(sent_at=step.at)


def _stamp_last_event(submission: Submission, at: datetime.datetime) -> None:
    last = submission.events.order_by("-pk").first()
    SubmissionEvent.objects.filter(pk=last.pk).update(at=at)


def describe_city(city: CityDemo) -> list[str]:
    """A short account, in Vietnamese, of the demo city and of the reporting season."""
    request = city.request
    status = completeness(request)
    counts = dict.fromkeys(("accepted", "returned", "submitted"), 0)
    for row in status.rows:
        if row.submission:
            counts[row.submission.status] += 1
    reminders = Reminder.objects.filter(request=request).count()
    g = city.generated
    n = vn_number
    lines = [
        f"{request.province.name}: {status.expected} xã, phường, đặc khu nhận {request}; "
        f"{len(city.communes) + 1} đơn vị có số liệu (xã Chí Minh và "
        f"{len(city.communes)} đơn vị sinh ngẫu nhiên), các đơn vị còn lại chưa có số liệu.",
        f"Đã gửi {status.sent}/{status.expected} báo cáo ({n(status.rate, 1)}%), đúng hạn "
        f"{status.on_time} (hạn {vn_date(request.deadline)}); đã tiếp nhận {counts['accepted']}, "
        f"trả lại {counts['returned']}, chờ duyệt {counts['submitted']}; "
        f"{status.expected - status.sent} đơn vị chưa gửi; {reminders} lời nhắc.",
        "Cán bộ Sở đăng nhập bằng sokhcn; báo cáo của các xã được gửi bởi tài khoản "
        "canbo<mã xã> (không đăng nhập được).",
    ]
    if g.villages:
        lines.insert(
            1,
            f"Lần này tạo mới: {n(g.villages)} thôn, tổ dân phố; {n(g.teams)} tổ công nghệ số "
            f"cộng đồng; {n(g.members)} thành viên; {n(g.visits)} lần ghi hỗ trợ.",
        )
    return lines
