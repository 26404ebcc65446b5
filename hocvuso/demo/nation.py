"""The national demo: every province and commune of the official list, with a year of records.

`load_nation(scale)` (`manage.py load_demo --nation [--scale S]`) loads the 34 provinces and
3,321 communes (`units.official`), then gives every commune villages of its region's kinds,
a commune team, a rapid-response team and one team per village with their members, a year
of support visits with their services (50 million at scale 1), outreach activities and
digital classes; each province then asks its communes for their six-month report, and the
communes answer with a mix of on-time, late, returned, waiting and missing reports, played
through the city's services as the demo city's season is (`nation_season.py`).

The scale thins the year's records (visits, activities, classes), not the country: the
villages, teams and members are the same at every scale (about 80,000 villages and 490,000
members), so that a small load still shows every commune as it would be.

Deterministic: every commune draws from generators seeded with its official code
(`nation_plan`), so two loads give the same rows, whatever else the database holds. Idempotent
by commune: a commune that already has a team or a village (the demo commune, the demo city's
sample, or an earlier run) is left as it is, and a province whose request already has
answers is not played again; a second run writes nothing.

Written in bulk, not through the services (`bulk_writer.py`): on PostgreSQL with binary
`COPY`, the secondary indexes and keys of the visits and their totals, and the other
tables' foreign keys, dropped during a large load and made again after it (quicker than
keeping them up row by row); on SQLite with one `executemany` a table (`core/bulk.py`'s
way), which is for small scales only. The visits' daily and monthly totals are counted as
the visits are drawn (`nation_totals.py`), not from them afterwards. Bulk rows have no audit entry each, as the demo city's
generated records have none; the load leaves one summary entry instead (`_log_summary`).
"""

import contextlib
import datetime
import gc
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from hocvuso.learning.models import DigitalClass
from hocvuso.outreach.models import OutreachActivity
from hocvuso.reports.models import ReportSettings
from hocvuso.support.models import Gender, Service, SupportVisit
from hocvuso.support.totals import TABLES
from hocvuso.support.totals import rebuild as rebuild_daily_totals
from hocvuso.teams.models import Member, Membership, Team, TeamLevel
from hocvuso.units.models import Level, Unit
from hocvuso.units.official import load_official_units
from hocvuso.units.words import unit_phrase

from . import bulk_writer
from . import nation_plan as plan
from .builder import AUDIT_SOURCE, VIETNAM
from .bulk_writer import Writer
from .nation_season import play_national_season, play_seasons
from .nation_totals import VisitTotals
from .people import PeopleMaker

SQLITE_LARGEST_SCALE = 0.01
# Below this many visits the indexes are kept: dropping and making them again costs more.
DROP_INDEXES_FROM = 1_000_000
VISITS_PER_COPY = 500_000  # visits per COPY statement; their services follow in the next


@dataclass
class Phase:
    name: str
    seconds: float
    rows: int
    cpu: float = 0.0  # this process's CPU seconds: the database's work and the waits aside

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class NationDemo:
    scale: float
    provinces: int = 0
    communes: int = 0
    built: int = 0  # communes given records by this run
    rows: Counter = field(default_factory=Counter)
    phases: list[Phase] = field(default_factory=list)


class Timer:
    def __init__(self, demo: NationDemo, report: Callable[[Phase], None] | None):
        self.demo, self.report = demo, report

    def run(self, name: str, work: Callable[[], int]) -> None:
        started, cpu = time.monotonic(), time.process_time()
        rows = work() or 0
        phase = Phase(name, time.monotonic() - started, rows, time.process_time() - cpu)
        self.demo.phases.append(phase)
        if self.report:
            self.report(phase)


def load_nation(
    scale: float = 1.0,
    province_codes: set[int] | None = None,
    report: Callable[[Phase], None] | None = None,
    communes_per_province: int | None = None,
    seasons: bool = True,
) -> NationDemo:
    """Load the nation at `scale` (1 = 50 million visits), or only the given provinces.

    For tests: `communes_per_province` gives records to that many communes of each province
    (spread over its list by code; the others stay empty), and `seasons=False` leaves the
    reporting season out."""
    if scale <= 0:
        raise ValueError("Tỷ lệ phải lớn hơn 0.")
    if connection.vendor == "sqlite" and scale > SQLITE_LARGEST_SCALE:
        raise ImproperlyConfigured(
            f"SQLite chỉ nạp được dữ liệu cả nước đến tỷ lệ {SQLITE_LARGEST_SCALE} "
            f"(khoảng {round(50_000_000 * SQLITE_LARGEST_SCALE):,} lượt hỗ trợ); "
            "tỷ lệ lớn hơn cần PostgreSQL (DATABASE_URL=postgres://…)."
        )
    demo = NationDemo(scale)
    timer = Timer(demo, report)
    timer.run("units", lambda: sum(load_official_units(province_codes).values()))
    provinces = Unit.objects.filter(level=Level.PROVINCE).order_by("code")
    if province_codes is not None:
        provinces = provinces.filter(code__in=[str(c) for c in province_codes])
    provinces = sorted(provinces, key=lambda p: int(p.code))
    communes = list(
        Unit.objects.filter(level=Level.COMMUNE, parent__in=provinces, valid_to__isnull=True)
        .select_related("parent")
        .order_by("code")
    )
    demo.provinces, demo.communes = len(provinces), len(communes)
    taken = set(Team.objects.values_list("commune_id", flat=True).distinct()) | set(
        Unit.objects.filter(level=Level.VILLAGE).values_list("parent_id", flat=True).distinct()
    )
    if communes_per_province is not None:
        communes = _spread(communes, communes_per_province)
    to_build = [c for c in communes if c.pk not in taken]
    sorted_by_province = sorted(to_build, key=lambda c: (int(c.parent.code), int(c.code)))
    demo.built = len(to_build)
    if to_build:
        with transaction.atomic(), _no_cycle_collection():
            _build(sorted_by_province, scale, demo, timer)
        if connection.vendor == "postgresql":
            timer.run("analyze", lambda: bulk_writer.analyze(LOADED))
    if seasons:
        timer.run("reports", lambda: play_seasons(provinces))
        # The Ministry's request, and the provinces' answers adding up their communes'.
        timer.run("national reports", lambda: play_national_season(provinces))
    return demo


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while the rows are made: the load keeps millions of
    tuples alive a batch at a time (none in a cycle), which it would walk again and again
    (at scale 0.1 it took a third of the visits' CPU in a measurement of the loop)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _spread(communes: list[Unit], per_province: int) -> list[Unit]:
    """`per_province` communes of each province, evenly spread over its list by code."""
    by_province: dict[int, list[Unit]] = {}
    for commune in sorted(communes, key=lambda c: int(c.code)):
        by_province.setdefault(commune.parent_id, []).append(commune)
    chosen = []
    for listed in by_province.values():
        step = max(1, len(listed) // per_province)
        chosen += listed[::step][:per_province]
    return chosen


def _had_visits(commune_ids: list[int]) -> set[int]:
    """The communes that have visits or totals already (a commune without a team or a
    village may), whose totals `rebuild` counts again after the load."""
    found = set(
        SupportVisit.objects.filter(commune_id__in=commune_ids)
        .values_list("commune_id", flat=True)
        .distinct()
    )
    for model, _, _ in TABLES:
        found |= set(
            model.objects.filter(commune_id__in=commune_ids)
            .values_list("commune_id", flat=True)
            .distinct()
        )
    return found


def _after_visits_loaded(totals: VisitTotals) -> int:
    """The totals of the communes that had visits before, counted again from all their
    visits by the database (`rebuild`: one `INSERT … SELECT … GROUP BY` a table); the
    others' were counted as their visits were drawn (`nation_totals`)."""
    if totals.recount:
        rebuild_daily_totals(totals.recount)
    return len(totals.recount)


# --- Building -----------------------------------------------------------------------------


@dataclass
class Built:
    commune: Unit
    villages: list[plan.PlannedVillage]
    ids: plan.CommuneIds


def _build(communes: list[Unit], scale: float, demo: NationDemo, timer: Timer) -> None:
    writer = Writer()
    built: list[Built] = []
    counts = [plan.visit_count(c.code, c.kind, scale) for c in communes]
    through = SupportVisit.services.through
    totals = VisitTotals(writer, plan.Tables.build(), _had_visits([c.pk for c in communes]))
    remake: list[str] = []
    if writer.postgres and sum(counts) >= DROP_INDEXES_FROM:
        # First: a foreign key is dropped from both its tables, which PostgreSQL refuses for
        # a table with rows of this transaction still to check. The visits' and their
        # totals' keys and indexes; the other tables' foreign keys only (the rows they
        # point to are written by this load too; each kept key would be checked row by row).
        timer.run(
            "drop indexes",
            lambda: remake.extend(
                bulk_writer.drop_secondary([SupportVisit, through, *TOTALS])
                + bulk_writer.drop_secondary(STRUCTURE, keys_only=True)
            ),
        )
    timer.run("villages, teams, members", lambda: _structure(writer, communes, built, demo.rows))
    timer.run("activities, classes", lambda: _activities(writer, built, scale, demo.rows))
    timer.run(
        "visits and their services", lambda: _visits(writer, built, counts, demo.rows, totals)
    )
    writer.finish()
    if writer.postgres:
        # The foreign keys kept during the load would be checked at commit, each row queued;
        # here, so that the time shows, and before a key is added again (as dropping one,
        # adding one is refused while its tables have rows to check).
        timer.run("foreign keys", bulk_writer.check_deferred)
    if remake:
        keys = [statement for statement in remake if " FOREIGN KEY " in statement]
        indexes = [statement for statement in remake if statement not in keys]
        timer.run("indexes", lambda: bulk_writer.remake(indexes))
        timer.run("keys made again", lambda: bulk_writer.remake(keys))
    timer.run("after visits", lambda: _after_visits_loaded(totals))
    _log_summary(demo, communes[0])


def _structure(writer: Writer, communes: list[Unit], built: list[Built], rows: Counter) -> int:
    villages, teams, members, memberships, settings = [], [], [], [], []
    asked: dict = {}
    for commune in communes:
        planned = plan.plan_villages(commune.code, commune.kind, int(commune.parent.code))
        village_ids = list(writer.ids(Unit, len(planned)))
        for village, pk in zip(planned, village_ids, strict=True):
            villages.append(
                (
                    pk,
                    Level.VILLAGE,
                    village.kind,
                    f"{commune.code}-{village.number:02d}",
                    village.name,
                    village.short_name,
                    commune.pk,
                    commune.pk,
                )
            )
        phrase = unit_phrase(commune)
        specs = [
            (commune.pk, TeamLevel.COMMUNE, f"Tổ công nghệ số cộng đồng {phrase}"),
            (commune.pk, TeamLevel.RAPID_RESPONSE, f"Tổ ứng cứu công nghệ {phrase}"),
        ] + [
            (pk, TeamLevel.VILLAGE, f"Tổ công nghệ số cộng đồng {village.name}")
            for village, pk in zip(planned, village_ids, strict=True)
        ]
        team_ids = list(writer.ids(Team, len(specs)))
        teams += [
            (pk, name, level, unit, commune.pk, writer.date(plan.TEAMS_FROM))
            for pk, (unit, level, name) in zip(team_ids, specs, strict=True)
        ]
        people = plan.plan_people(commune.code, planned)
        member_ids = writer.ids(Member, len(people))
        by_team = [[] for _ in specs]
        for person, pk in zip(people, member_ids, strict=True):
            members.append(
                (
                    pk,
                    person.full_name,
                    commune.pk,
                    person.phone,
                    person.publish_phone,
                    person.affiliation,
                    person.position,
                )
            )
            memberships.append(
                (team_ids[person.team], pk, person.role, writer.date(plan.TEAMS_FROM))
            )
            by_team[person.team].append(pk)
        settings.append(
            report_settings(commune, asked)
            + (commune.pk, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", PeopleMaker(commune.code).name())
        )
        built.append(
            Built(commune, planned, plan.CommuneIds(commune.pk, village_ids, team_ids, by_team))
        )
    rows["villages"] += writer.write(
        Unit,
        ["id", "level", "kind", "code", "name", "short_name", "parent_id", "commune_scope_id"],
        villages,
    )
    rows["teams"] += writer.write(
        Team, ["id", "name", "level", "unit_id", "commune_id", "active_from"], teams
    )
    rows["members"] += writer.write(
        Member,
        ["id", "full_name", "commune_id", "phone", "publish_phone", "affiliation", "position"],
        members,
    )
    membership_ids = writer.ids(Membership, len(memberships))
    rows["memberships"] += writer.write(
        Membership,
        ["id", "team_id", "member_id", "role", "started_on"],
        [(pk, *row) for pk, row in zip(membership_ids, memberships, strict=True)],
    )
    settings_ids = writer.ids(ReportSettings, len(settings))
    writer.write(
        ReportSettings,
        ["id", *SETTINGS_FIELDS, "commune_id", "signer_authority", "signer_title", "signer_name"],
        [(pk, *row) for pk, row in zip(settings_ids, settings, strict=True)],
    )
    return len(villages) + len(teams) + len(members) + len(memberships) + len(settings)


SETTINGS_FIELDS = ["agency", "agency_short", "place_name", "addressee", "recipients"]


def _own_settings(commune: Unit) -> tuple:
    """What of `ReportSettings.defaults_for` names the commune itself."""
    phrase = unit_phrase(commune)
    return (f"ỦY BAN NHÂN DÂN\n{phrase.upper()}", f"UBND {phrase}", commune.short_name)


def report_settings(commune: Unit, asked: dict) -> tuple:
    """The commune's report settings as `ReportSettings.defaults_for` gives them (values of
    SETTINGS_FIELDS). That reads the unit's settings and villages, three queries a commune;
    it is asked once per province and kind of commune, and the others of the same take its
    addressee and recipients with their own names, as long as the names it gave are the
    ones `_own_settings` makes (else every commune is asked)."""
    key = (commune.parent_id, commune.kind)
    if key not in asked:
        defaults = ReportSettings.defaults_for(commune)
        values = tuple(getattr(defaults, name) for name in SETTINGS_FIELDS)
        asked[key] = values if values[:3] == _own_settings(commune) else None
        return values
    if asked[key] is None:
        defaults = ReportSettings.defaults_for(commune)
        return tuple(getattr(defaults, name) for name in SETTINGS_FIELDS)
    return _own_settings(commune) + asked[key][3:]


ACTIVITY_FIELDS = ["id", "commune_id", "village_id", "team_id", "member_id", "held_on", "channel",
                   "title", "times", "reach"]  # fmt: skip
CLASS_FIELDS = ["id", "commune_id", "village_id", "team_id", "member_id", "held_on", "topic",
                "location", "officials", "citizens"]  # fmt: skip


def _activities(writer: Writer, built: list[Built], scale: float, rows: Counter) -> int:
    days = plan.year_days()
    working = [day for day, _ in days]
    activities, classes = [], []
    for b in built:
        code, ids = b.commune.code, b.ids
        count = plan.record_count(code, "activities", plan.ACTIVITIES, scale)
        for village, channel, title, held_on, times, reach in plan.plan_activities(
            code, count, len(ids.villages), working
        ):
            team, member = (ids.teams[0], None) if village is None else (
                ids.teams[2 + village], ids.members[2 + village][0]  # the leader comes first
            )  # fmt: skip
            activities.append(
                (
                    ids.commune,
                    None if village is None else ids.villages[village],
                    team,
                    member,
                    writer.date(held_on),
                    channel,
                    title,
                    times,
                    reach,
                )
            )
        count = plan.record_count(code, "classes", plan.CLASSES, scale)
        for village, topic, held_on, attendees in plan.plan_classes(
            code, count, len(ids.villages), working
        ):
            if village is None:
                where, team, member, location = None, ids.teams[0], None, "Hội trường UBND"
            else:
                where, team = ids.villages[village], ids.teams[2 + village]
                member = ids.members[2 + village][0]
                location = f"Nhà văn hóa {b.villages[village].name}"
            classes.append(
                (
                    ids.commune,
                    where,
                    team,
                    member,
                    writer.date(held_on),
                    topic,
                    location,
                    attendees["officials"],
                    attendees["citizens"],
                )
            )
    ids = writer.ids(OutreachActivity, len(activities))
    rows["activities"] += writer.write(
        OutreachActivity,
        ACTIVITY_FIELDS,
        [(pk, *row) for pk, row in zip(ids, activities, strict=True)],
    )
    ids = writer.ids(DigitalClass, len(classes))
    rows["classes"] += writer.write(
        DigitalClass,
        CLASS_FIELDS,
        [(pk, *row) for pk, row in zip(ids, classes, strict=True)],
    )
    return len(activities) + len(classes)


# The tables the load writes, whose statistics are made anew after it: without them (a
# server without autovacuum, or before it comes by) PostgreSQL guessed a few hundred monthly
# totals for a year where there are 100,000, and read them by month, not by commune.
TOTALS = [model for model, _, _ in TABLES]
LOADED = [Unit, Team, Member, Membership, SupportVisit, SupportVisit.services.through,
          OutreachActivity, DigitalClass, *TOTALS]  # fmt: skip
# The tables whose foreign keys only are dropped for a large load.
STRUCTURE = [Unit, Team, Member, Membership, ReportSettings, OutreachActivity, DigitalClass]
VISIT_FIELDS = ["id", "commune_id", "village_id", "team_id", "member_id", "occurred_at", "place",
                "people", "gender", "age_band", "elderly", "disability", "outcome", "note"]  # fmt: skip


def _visits(
    writer: Writer, built: list[Built], counts: list[int], rows: Counter, totals: VisitTotals
) -> int:
    """The visits, a COPY of up to VISITS_PER_COPY at a time, each followed by their
    services' and by their daily totals (`totals`, made with the same `tables.days`)."""
    tables = totals.tables
    # A visit's time is a day's and a minute's from 7:00 Vietnam time: datetimes for
    # PostgreSQL, text for SQLite, which keeps UTC (seven hours behind, the same day).
    if writer.postgres:
        days = [datetime.datetime.combine(day, datetime.time(7), VIETNAM) for day in tables.days]
        minutes = [datetime.timedelta(minutes=m) for m in range(600)]
    else:
        days = [f"{day.isoformat()} " for day in tables.days]
        minutes = [f"{m // 60:02d}:{m % 60:02d}:00" for m in range(600)]
    services = dict(Service.objects.filter(province__isnull=True).values_list("code", "pk"))
    missing = set(plan.SERVICES) - set(services)
    if missing:
        raise LookupError(f"Danh mục dịch vụ thiếu: {', '.join(sorted(missing))}")
    through = SupportVisit.services.through
    next_id = iter(writer.ids(SupportVisit, sum(counts)))
    batch: list[tuple[Built, int]] = []
    for b, count in zip(built, counts, strict=True):
        batch.append((b, count))
        if sum(n for _, n in batch) >= VISITS_PER_COPY:
            _visit_batch(
                writer, batch, next_id, tables, days, minutes, services, rows, through, totals
            )
            batch = []
    _visit_batch(writer, batch, next_id, tables, days, minutes, services, rows, through, totals)
    rows["totals"] += totals.finish()
    return rows["visits"] + rows["visit services"]


def _visit_batch(writer, batch, next_id, tables, days, minutes, services, rows, through,
                 totals: VisitTotals) -> None:  # fmt: skip
    links = []
    add_link = links.append
    female, male = Gender.FEMALE, Gender.MALE

    def visit_rows():
        for b, count in batch:
            # The commune's daily totals, counted as its visits are drawn (nation_totals):
            # {(day, place): [visits, people, elderly, disability, female, male]} and
            # {(day, service): [visits, people]}, in the order of totals.DAY_FIELDS.
            places, served = {}, {}
            for row in plan.plan_visits(
                b.commune.code, count, b.ids, tables, days, minutes, services
            ):
                pk = next(next_id)
                day, people = row[14], row[6]
                counts = places.get((day, row[5]))
                if counts is None:
                    counts = places[day, row[5]] = [0, 0, 0, 0, 0, 0]
                counts[0] += 1
                counts[1] += people
                if row[9]:
                    counts[2] += people
                if row[10]:
                    counts[3] += people
                if row[7] == female:
                    counts[4] += people
                elif row[7] == male:
                    counts[5] += people
                for service in row[13]:
                    add_link((pk, service))
                    counts = served.get((day, service))
                    if counts is None:
                        counts = served[day, service] = [0, 0]
                    counts[0] += 1
                    counts[1] += people
                yield (pk, *row[:13])
            totals.add(b.ids.commune, places, served)

    rows["visits"] += writer.write(SupportVisit, VISIT_FIELDS, visit_rows())
    link_ids = writer.ids(through, len(links))
    rows["visit services"] += writer.write(
        through,
        ["id", "supportvisit_id", "service_id"],
        ((pk, visit, service) for pk, (visit, service) in zip(link_ids, links, strict=True)),
    )
    totals.write()


def _log_summary(demo: NationDemo, first: Unit) -> None:
    """One audit entry for the whole load, in place of one per row."""
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Unit),
        object_pk=str(first.parent_id),
        object_id=first.parent_id,
        object_repr="Dữ liệu mẫu cả nước",
        action=LogEntry.Action.CREATE,
        changes={"scale": [None, str(demo.scale)], "rows": [None, dict(demo.rows)]},
        timestamp=timezone.now(),
        additional_data={**AUDIT_SOURCE, "nation": True, "communes": demo.built},
    )
