"""Excel exports of the record lists: one small class per export, one writer for all.

An export says what it is (identifier, Vietnamese title, file name), which list's
filters it takes, its column headings, and yields its rows from a queryset with
`values_list(...).iterator()`: plain tuples fetched in chunks, never model
instances. `write_xlsx` streams those rows into the file as they come
(core/xlsx.py's StreamingWorkbook); so exporting a million visits takes as little
memory as exporting a hundred (see bench/overview_speed.py).
"""

import contextlib
import datetime
import itertools
import queue
import threading
from collections.abc import Iterator
from typing import ClassVar

from django.db import models
from django.utils import timezone

from hocvuso.accounts.words import facts_for, words_for
from hocvuso.core.scoping import Scope
from hocvuso.core.xlsx import DATE, DATETIME, StreamingWorkbook
from hocvuso.learning.models import DigitalClass
from hocvuso.outreach.models import Channel, OutreachActivity
from hocvuso.support.models import AgeBand, Gender, Outcome, Place, Service, SupportVisit
from hocvuso.units.facts import CommuneFacts, local_choices

from .aggregates import Seconds, service_ids
from .filters import ActivityFilter, ClassFilter, RecordFilter, VisitFilter

# Rows fetched from the database at a time.
CHUNK = 2_000
# How often the writer reports its progress, in rows.
PROGRESS_EVERY = 10_000
# Excel's last row is 1,048,576; the first of each sheet holds the headings.
SHEET_ROWS = 1_048_575
# Headings named in the words of the user who exports ("Phường", "Bản, xóm").
COMMUNE, VILLAGE = "{commune}", "{village}"


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices.choices}


def _yes(value: bool) -> str | None:
    return "Có" if value else None


class Exporter:
    identifier: ClassVar[str]
    title: ClassVar[str]  # the sheet's name: at most 31 characters
    filename: ClassVar[str]
    model: ClassVar[type[models.Model]]
    filter_form: ClassVar[type[RecordFilter]]
    headers: ClassVar[tuple[str, ...]]
    widths: ClassVar[tuple[int, ...]]
    # Excel number formats of date columns, by column index.
    formats: ClassVar[dict[int, str]] = {}

    def filtered(self, scope: Scope, data, user=None) -> tuple[RecordFilter, models.QuerySet]:
        """The filter form for `data`, and the records it selects within `scope`.

        The form's labels are in the words of `user`'s unit.
        """
        form = self.filter_form(data, scope=scope, user=user)
        records = self.model.objects.visible_to(scope)
        if not form.is_valid():
            return form, records.none()
        return form, form.filter(records)

    def headings(self, words) -> list[str]:
        """The column headings, the commune and village ones in `words` (`accounts.words`)."""
        named = {COMMUNE: words.commune_label, VILLAGE: words.village_label}
        return [named.get(header, header) for header in self.headers]

    def rows(self, queryset, facts: CommuneFacts | None = None) -> Iterator[tuple]:
        """The rows; choices that name a place in the words of the commune of `facts`."""
        raise NotImplementedError


class VisitExport(Exporter):
    identifier = "visits"
    title = "Lượt hỗ trợ"
    filename = "luot-ho-tro"
    model = SupportVisit
    filter_form = VisitFilter
    headers = (
        "Mã",
        "Thời gian",
        COMMUNE,
        VILLAGE,
        "Tổ",
        "Người hỗ trợ",
        "Dịch vụ",
        "Nơi hỗ trợ",
        "Số người",
        "Giới tính",
        "Độ tuổi",
        "Người cao tuổi",
        "Người khuyết tật",
        "Kết quả",
        "Ghi chú",
    )
    widths = (9, 17, 20, 14, 26, 24, 45, 30, 9, 12, 14, 10, 10, 16, 30)
    formats = {1: DATETIME}

    def rows(self, queryset, facts=None):
        """The rows, the time as Excel's serial number of the local time (see LocalSerial)."""
        places, genders = dict(local_choices(Place.choices, facts)), _labels(Gender)
        bands, outcomes = _labels(AgeBand), _labels(Outcome)
        services, serial = ServiceNames(), LocalSerial(timezone.get_current_timezone())
        records = (
            queryset.annotate(service_ids=service_ids(), seconds=Seconds("occurred_at"))
            .order_by("occurred_at", "pk")
            .values_list(
                "pk",
                "seconds",
                "commune__name",
                "village__name",
                "team__name",
                "member__full_name",
                "service_ids",
                "place",
                "people",
                "gender",
                "age_band",
                "elderly",
                "disability",
                "outcome",
                "note",
            )
        )
        for (
            pk,
            seconds,
            commune,
            village,
            team,
            member,
            ids,
            place,
            people,
            gender,
            band,
            elderly,
            disability,
            outcome,
            note,
        ) in records.iterator(chunk_size=CHUNK):
            yield (
                pk,
                serial(seconds),
                commune,
                village,
                team,
                member,
                services[ids],
                places.get(place, place),
                people,
                genders.get(gender, gender),
                bands.get(band, band),
                _yes(elderly),
                _yes(disability),
                outcomes.get(outcome, outcome),
                note or None,
            )


class ServiceNames(dict):
    """The names of the services of a visit, "Tên 1, Tên 2", from their ids, "3,7", as the
    database joins them (aggregates.service_ids); each distinct text is named once."""

    def __init__(self):
        super().__init__({None: None})
        self.names = dict(Service.objects.values_list("pk", "name"))

    def __missing__(self, ids: str) -> str:
        self[ids] = names = ", ".join(self.names[int(pk)] for pk in ids.split(","))
        return names


class LocalSerial:
    """Excel's number for the local time of an instant given as seconds since 1970 (UTC).

    Excel knows no time zones: the sheet shows the local time, as the volunteer saw it.
    The zone's offset is looked up once an hour of time rather than once a row; an hour
    in which the offset changes (a change of summer time) is looked up row by row.
    """

    # 01/01/1970 in Excel's days, which count from 30/12/1899.
    EPOCH = 25_569

    def __init__(self, zone):
        self.zone = zone
        self.offsets: dict[int, float | None] = {}

    def __call__(self, seconds: float) -> float:
        hour = int(seconds // 3600)
        offset = self.offsets.get(hour, False)
        if offset is False:
            start, end = self._offset(hour * 3600), self._offset(hour * 3600 + 3599.999)
            offset = self.offsets[hour] = start if start == end else None
        if offset is None:
            offset = self._offset(seconds)
        return (seconds + offset) / 86_400 + self.EPOCH

    def _offset(self, seconds: float) -> float:
        at = datetime.datetime.fromtimestamp(seconds, datetime.UTC).astimezone(self.zone)
        return at.utcoffset().total_seconds()


# The first columns of an activity or a class: what, when, where and by whom.
DATED_RECORD = (
    "pk",
    "held_on",
    "commune__name",
    "village__name",
    "team__name",
    "member__full_name",
)


class ActivityExport(Exporter):
    identifier = "activities"
    title = "Hoạt động tuyên truyền"
    filename = "hoat-dong-tuyen-truyen"
    model = OutreachActivity
    filter_form = ActivityFilter
    headers = (
        "Mã",
        "Ngày",
        COMMUNE,
        VILLAGE,
        "Tổ",
        "Người thực hiện",
        "Hình thức",
        "Nội dung",
        "Số lần",
        "Số người tiếp cận",
    )
    widths = (9, 12, 20, 14, 26, 24, 26, 50, 8, 12)
    formats = {1: DATE}

    def rows(self, queryset, facts=None):
        channels = dict(local_choices(Channel.choices, facts))
        records = queryset.order_by("held_on", "pk").values_list(
            *DATED_RECORD, "channel", "title", "times", "reach"
        )
        for *record, channel, title, times, reach in records.iterator(chunk_size=CHUNK):
            yield (*record, channels.get(channel, channel), title, times, reach)


class ClassExport(Exporter):
    identifier = "classes"
    title = "Lớp học số"
    filename = "lop-hoc-so"
    model = DigitalClass
    filter_form = ClassFilter
    headers = (
        "Mã",
        "Ngày học",
        COMMUNE,
        VILLAGE,
        "Tổ",
        "Người hướng dẫn",
        "Chủ đề",
        "Địa điểm",
        "Cán bộ, công chức",
        "Giáo viên",
        "Học sinh",
        "Người dân",
        "Tổng số người học",
    )
    widths = (9, 12, 20, 14, 26, 24, 40, 24, 10, 10, 10, 10, 10)
    formats = {1: DATE}

    def rows(self, queryset, facts=None):
        records = queryset.order_by("held_on", "pk").values_list(
            *DATED_RECORD, "topic", "location", "officials", "teachers", "students", "citizens"
        )
        for row in records.iterator(chunk_size=CHUNK):
            record, (topic, location, *counts) = row[:6], row[6:]
            yield (*record, topic, location or None, *counts, sum(counts))


EXPORTERS: dict[str, Exporter] = {
    e.identifier: e for e in (VisitExport(), ActivityExport(), ClassExport())
}


# --- The writer ------------------------------------------------------------------------


def _new_sheet(workbook: StreamingWorkbook, exporter: Exporter, number: int, words) -> None:
    title = exporter.title if number == 1 else f"{exporter.title} ({number})"
    workbook.add_sheet(
        title[:31], exporter.headings(words), widths=exporter.widths, formats=exporter.formats
    )


def read_ahead(rows: Iterator[tuple], size: int | None = None, ahead: int = 2) -> Iterator[tuple]:
    """`rows`, read by a thread of their own up to `ahead` batches of `size` before they are
    taken, so that the database and the driver make the next rows while the caller writes
    these: PostgreSQL works in a process of its own, and SQLite and psycopg let go of
    Python's lock while they read; on a busy machine the export then has two processes
    running, not one waiting for the other.

    The first batch is read here: Django ties a cursor to the thread that opens it. The
    thread only fetches from that cursor afterwards, which the drivers allow (both
    serialize the use of a connection). If the caller stops early, the thread stops too.
    """
    rows, size = iter(rows), size or CHUNK
    first = list(itertools.islice(rows, size))
    if len(first) < size:
        yield from first
        return
    batches: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def read():
        try:
            batch = first
            while len(batch) == size and not stop.is_set():
                batch = list(itertools.islice(rows, size))
                batches.put(batch)
        except BaseException as error:  # given to the caller, raised there
            batches.put(error)

    reader = threading.Thread(target=read, name="export-read-ahead", daemon=True)
    reader.start()
    try:
        yield from first
        while True:
            batch = batches.get()
            if isinstance(batch, BaseException):
                raise batch
            yield from batch
            if len(batch) < size:
                return
    finally:
        stop.set()
        while reader.is_alive():  # a reader waiting to put a batch is let go
            with contextlib.suppress(queue.Empty):
                batches.get(timeout=0.05)
        reader.join()


def write_xlsx(exporter: Exporter, queryset, path, progress=None, user=None) -> int:
    """Write the exporter's rows of `queryset` to an XLSX file at `path`; return how many.

    Headings and labels are in the words of `user`'s unit ("Phường", "Tổ dân
    phố"), the neutral ones without a user.

    `progress(rows_written)` is called every PROGRESS_EVERY rows. Rows go to the file
    as they come (core/xlsx.py's StreamingWorkbook, which writes every text as a text,
    "=HYPERLINK(…)" too), and a sheet that reaches Excel's limit of rows is followed by
    another.
    """
    words, facts = words_for(user), facts_for(user)
    workbook = StreamingWorkbook(path)
    try:
        _new_sheet(workbook, exporter, 1, words)
        written = 0
        for row in read_ahead(exporter.rows(queryset, facts)):
            if written and written % SHEET_ROWS == 0:
                _new_sheet(workbook, exporter, written // SHEET_ROWS + 1, words)
            workbook.append(row)
            written += 1
            if progress is not None and written % PROGRESS_EVERY == 0:
                progress(written)
    finally:
        workbook.close()
    return written


def export_filename(exporter: Exporter, day: datetime.date | None = None) -> str:
    return f"{exporter.filename}-{day or timezone.localdate():%Y-%m-%d}.xlsx"
