"""What every API router needs: input types, the error schema, shared output pieces, pages.

Each capability holds its own ninja `Router` (`support/api.py`, `outreach/api.py`…) and
builds it from these; `hocvuso/api/` mounts the routers under one authentication and one
error helper (`core/api_errors.py`). Inputs are typed strictly (a string is not a number,
a number is not a boolean) and bounded, so that nothing a client sends can overflow a
database column; what the values mean is checked by the service functions, once.
"""

import datetime
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, StrictBool, StrictInt, StringConstraints

MAX_ID = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _clean_text(value: str) -> str:
    # PostgreSQL refuses NUL characters and UTF-8 refuses lone surrogates;
    # either would fail in the database instead of here.
    if "\x00" in value:
        raise ValueError("Không được chứa ký tự NUL.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Chuỗi ký tự không hợp lệ.") from None
    return value


def _in_years(value):
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"Phải trong khoảng năm {FIRST_YEAR}–{LAST_YEAR}.")
    return value


def Text(max_length: int):  # noqa: N802 - reads as a type in the schemas
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_clean_text)]


Code = Text(40)
Day = Annotated[datetime.date, AfterValidator(_in_years)]
Moment = Annotated[datetime.datetime, AfterValidator(_in_years)]
# Answers give times in Vietnam's time zone, as a volunteer reads them: 09:00+07:00.
LocalMoment = Annotated[datetime.datetime, AfterValidator(timezone.localtime)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
BodyId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
Count = StrictInt  # the service checks the range, and says it in Vietnamese
Flag = StrictBool
# Where a new record was logged, as every logging endpoint takes it.
VillageCode = Annotated[
    Code | None,
    Field(
        description="Mã đơn vị cấp thôn (thôn, bản, tổ dân phố…): mã xã, phường kèm số, "
        "ví dụ 12345-01."
    ),
]
TeamId = Annotated[
    BodyId | None, Field(description="Mặc định: tổ của người ghi ở thôn, bản, tổ dân phố.")
]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] | None = None


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class UnitRef(Schema):
    id: int
    code: str
    name: str


class TeamRef(Schema):
    id: int
    name: str


class MemberRef(Schema):
    id: int
    full_name: str


# What an answer names of a record besides its own fields (UnitRef, TeamRef, MemberRef).
RECORD_RELATED = ("commune", "village", "team", "member")


def service_values(data: Schema) -> dict:
    """A new record's values as its service function takes them: the team as `team_id`."""
    return data.model_dump(exclude={"team"}) | {"team_id": data.team}


class RecordFilter(Schema):
    """The filters and the page of every list of records."""

    from_: Day | None = Field(None, alias="from", description="Từ ngày (YYYY-MM-DD)")
    to: Day | None = Field(None, description="Đến ngày (YYYY-MM-DD)")
    team: Id | None = Field(None, description="Mã số (id) của tổ")
    village: Code | None = Field(
        None,
        description="Mã đơn vị cấp thôn (thôn, bản, tổ dân phố…): mã xã, phường kèm số, ví dụ 12345-01.",
    )
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


class RecordPage(Schema):
    """A page of a list of records (`newest_page`); each list names its records' schema,
    `items: list[…Out]`, which keeps its place before the counts."""

    items: list
    count: int
    page: int
    page_size: int


def local_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_records(queryset, filters: RecordFilter, *, day_field: str, moment: bool = False):
    """Apply the date, team and village filters; `moment` when the day field is a datetime."""
    if filters.from_:
        start = local_start(filters.from_) if moment else filters.from_
        queryset = queryset.filter(**{f"{day_field}__gte": start})
    if filters.to:
        if moment:
            end = local_start(filters.to + datetime.timedelta(days=1))
            queryset = queryset.filter(**{f"{day_field}__lt": end})
        else:
            queryset = queryset.filter(**{f"{day_field}__lte": filters.to})
    if filters.team:
        queryset = queryset.filter(team_id=filters.team)
    if filters.village:
        queryset = queryset.filter(village__code=filters.village)
    return queryset


def newest_page(queryset, filters: RecordFilter, *, day_field: str, moment: bool = False) -> dict:
    """The page of the records the filters keep, the newest first (by `day_field`, then id)."""
    records = filter_records(queryset, filters, day_field=day_field, moment=moment)
    return page_of(records.order_by(f"-{day_field}", "-pk"), filters)


def page_of(queryset, filters: RecordFilter) -> dict:
    start = (filters.page - 1) * filters.page_size
    return {
        "items": list(queryset[start : start + filters.page_size]),
        "count": queryset.count(),
        "page": filters.page,
        "page_size": filters.page_size,
    }
