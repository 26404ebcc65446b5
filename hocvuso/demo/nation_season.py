"""The national demo's reporting season: each province asks its communes for the six-month
report, and they answer as the demo city's communes do (`city.plan_season`): on time, late,
returned and corrected, returned, waiting, or never sent, in the city's proportions.

Played through the city's and the reports' services, one province a transaction, as the
demo city's season is; a province whose request already has answers is left alone.
"""

import datetime
import random
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connection, connections, transaction

from hocvuso.accounts.models import User, UserRole
from hocvuso.city.models import Submission
from hocvuso.core.audit import audit_context
from hocvuso.reports.models import Report, ReportRequest
from hocvuso.teams.models import TeamLevel
from hocvuso.units.facts import province_facts
from hocvuso.units.models import Level, Unit

from . import nation_plan as plan
from .builder import AUDIT_SOURCE, VIETNAM, upsert
from .city import STORIES, _officer, plan_season, play_season
from .people import PeopleMaker

T = TypeVar("T")

# The provinces' request for the six-month report, which the communes answer.
REQUEST_ISSUED_ON = datetime.date(2026, 6, 19)
REQUEST_PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
REQUEST_DEADLINE = datetime.date(2026, 7, 13)
REQUEST_SYMBOL = "SKHCN-CĐS"
REQUEST_SUBJECT = (
    "về việc báo cáo kết quả triển khai phong trào “Bình dân học vụ số” 6 tháng đầu năm 2026"
)


def deal_stories(count: int) -> dict[str, int]:
    """The demo city's stories in proportion for `count` communes (largest remainders)."""
    total = sum(STORIES.values())
    exact = {story: count * n / total for story, n in STORIES.items()}
    dealt = {story: int(share) for story, share in exact.items()}
    by_remainder = sorted(exact, key=lambda story: exact[story] - dealt[story], reverse=True)
    for story in by_remainder[: count - sum(dealt.values())]:
        dealt[story] += 1
    return dealt


# Provinces played at once, each on its own connection, on PostgreSQL.
SEASON_WORKERS = 2


def play_seasons(provinces: list[Unit], workers: int = SEASON_WORKERS) -> int:
    """Each province's request and its communes' answers, one province a transaction; the
    steps played.

    On PostgreSQL, outside a transaction, `workers` provinces at a time, each worker on its
    own connection: a province's season reads and writes only its own communes' rows (their
    reports' numbers are per commune, its officers' names drawn from its own seed), so
    what is written is the same whatever order the provinces are played in; only the ids
    interleave. Inside a transaction (the tests) the others' connections would not see its
    rows, and SQLite has one writer: one province after the other there."""
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()

    def play(province: Unit) -> int:
        with (
            transaction.atomic(),
            audit_context(actor=admin, additional_data=AUDIT_SOURCE),
        ):
            return _season(province)

    if workers < 2 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return sum(play(province) for province in provinces)
    # The largest first, so that the workers end together.
    sizes = Counter(
        Unit.objects.filter(level=Level.COMMUNE, parent__in=provinces).values_list(
            "parent_id", flat=True
        )
    )
    largest_first = sorted(provinces, key=lambda p: (-sizes[p.pk], int(p.code)))
    return sum(in_threads(play, largest_first, workers))


def in_threads(work: Callable[[T], int], items: list[T], workers: int) -> list[int]:
    """`work(item)` for every item, `workers` threads taking the next item as they finish,
    each thread on its own database connection (closed when it ends); the results in the
    order of `items`. When one fails the others take no more items, and its error is
    raised once they have ended."""
    results: dict[int, int] = {}
    queue = iter(enumerate(items))
    taking, failed = threading.Lock(), threading.Event()

    def worker() -> None:
        try:
            while not failed.is_set():
                with taking:
                    index, item = next(queue, (None, None))
                if index is None:
                    return
                try:
                    results[index] = work(item)
                except BaseException:
                    failed.set()
                    raise
        finally:
            connections.close_all()  # this thread's

    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(worker) for _ in range(workers)]
    for future in futures:
        future.result()  # the first failure, if any
    return [results[index] for index in range(len(items))]


def _season(province: Unit) -> int:
    """The province's request and its communes' answers, unless already played."""
    number = random.Random(f"{plan.SEED}-{province.code}-request").randint(900, 2400)
    request = upsert(
        ReportRequest,
        {
            "kind": "Công văn",
            "issuer": province_facts(province).department,
            "subject": REQUEST_SUBJECT,
            "period_start": REQUEST_PERIOD[0],
            "period_end": REQUEST_PERIOD[1],
            "deadline": REQUEST_DEADLINE,
        },
        province=province,
        number=number,
        symbol=REQUEST_SYMBOL,
        issued_on=REQUEST_ISSUED_ON,
    )
    if not request.communes.exists():
        request.communes.set(province.communes().filter(level=Level.COMMUNE))
    if Submission.objects.filter(request=request).exists() or (
        Report.objects.filter(request=request).exists()
    ):
        return 0
    # The communes with records, but those that have a season of their own (the demo city's
    # sample has reports) or an officer of their own (the demo commune).
    communes = Unit.objects.filter(
        level=Level.COMMUNE, parent=province, commune_teams__level=TeamLevel.COMMUNE
    ).exclude(pk__in=Report.objects.values("commune_id"))
    communes = communes.exclude(
        pk__in=User.objects.filter(role=UserRole.COMMUNE_OFFICER, unit__isnull=False)
        .exclude(username__startswith="canbo")
        .values("unit_id")
    )
    communes = sorted(set(communes), key=lambda c: int(c.code))
    if not communes:
        return 0
    names = PeopleMaker(f"{plan.SEED}-{province.code}-officers")
    officers = {c.pk: _officer(c, names.name()) for c in communes}
    city = upsert(
        User,
        {"role": UserRole.CITY_OFFICER, "unit": province, "first_name": names.name()},
        username=f"sokhcn{province.code}",
    )
    if city.has_usable_password() or not city.password:
        city.set_unusable_password()
        city.save(update_fields=["password"])
    steps = plan_season(
        communes, deal_stories(len(communes)), f"{plan.SEED}-{province.code}", REQUEST_DEADLINE
    )
    play_season(request, steps, officers, city)
    return len(steps)


# --- The Ministry's request and the provinces' answers ---------------------------------------

NATIONAL_NUMBER = 2026
NATIONAL_SYMBOL = "BKHCN-CĐS"
NATIONAL_ISSUED_ON = datetime.date(2026, 7, 15)
NATIONAL_DEADLINE = datetime.date(2026, 7, 31)
# What each province does with the Ministry's request, in these proportions: most answer on
# time and are accepted; some late; some are returned, some wait for review, a few never send.
NATIONAL_STORIES = {"on_time": 22, "late": 5, "returned": 2, "waiting": 3, "missing": 2}


def play_national_season(provinces: list[Unit]) -> int:
    """The Ministry's request for the six months, and each province's answer, through the
    national services; each row then given its story's time, as `play_season` does. Left
    alone when the request already has answers. Returns the answers sent."""
    from hocvuso.city.services import review
    from hocvuso.core.periods import PeriodKind
    from hocvuso.nation.services import answer_for_province, create_national_request

    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    ministry = upsert(
        User,
        {"role": UserRole.MINISTRY_OFFICER, "unit": None, "first_name": "Cán bộ Bộ"},
        username="bokhcn",
    )
    if ministry.has_usable_password() or not ministry.password:
        ministry.set_unusable_password()
        ministry.save(update_fields=["password"])
    existing = ReportRequest.objects.national().filter(
        number=NATIONAL_NUMBER, symbol=NATIONAL_SYMBOL, issued_on=NATIONAL_ISSUED_ON
    )
    if Submission.objects.filter(request__in=existing).exists():
        return 0
    answering = [p for p in provinces if User.objects.filter(username=f"sokhcn{p.code}").exists()]
    stories = _national_stories(len(answering))
    sent = 0
    with (
        transaction.atomic(),
        audit_context(actor=admin, additional_data=AUDIT_SOURCE),
    ):
        national = existing.first() or create_national_request(
            ministry,
            number=NATIONAL_NUMBER,
            symbol=NATIONAL_SYMBOL,
            issued_on=NATIONAL_ISSUED_ON,
            deadline=NATIONAL_DEADLINE,
            period_kind=PeriodKind.CUSTOM,
            period_start=REQUEST_PERIOD[0],
            period_end=REQUEST_PERIOD[1],
            subject=REQUEST_SUBJECT,
        )
        ordered = sorted(answering, key=lambda p: int(p.code))
        for province, story in zip(ordered, stories, strict=True):
            if story == "missing":
                continue
            officer = User.objects.get(username=f"sokhcn{province.code}")
            late = story == "late"
            sent_on = NATIONAL_DEADLINE + datetime.timedelta(days=4 if late else -3)
            answer = answer_for_province(officer, national, report_date=sent_on)
            at = datetime.datetime.combine(sent_on, datetime.time(9), tzinfo=VIETNAM)
            Report.objects.filter(pk=answer.report_id).update(issued_at=at)
            Submission.objects.filter(pk=answer.pk).update(sent_at=at, first_sent_at=at)
            # `review` saves the whole submission: it must hold the story's times, not the
            # load's, or it writes them back.
            answer.sent_at = answer.first_sent_at = at
            sent += 1
            if story in ("on_time", "late", "returned"):
                reason = "Bổ sung số liệu lớp học." if story == "returned" else ""
                review(ministry, answer, accept=story != "returned", reason=reason)
                reviewed = at + datetime.timedelta(days=2)
                Submission.objects.filter(pk=answer.pk).update(reviewed_at=reviewed)
    return sent


def _national_stories(count: int) -> list[str]:
    """The stories of `count` provinces, in the proportions above, shuffled by the seed."""
    total = sum(NATIONAL_STORIES.values())
    stories = []
    for story, n in NATIONAL_STORIES.items():
        stories += [story] * round(count * n / total)
    stories = (stories + ["on_time"] * count)[:count]
    random.Random(f"{plan.SEED}-national").shuffle(stories)
    return stories
