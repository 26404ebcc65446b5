"""Import of support visits (lượt hỗ trợ) from a paper log typed into Excel.

The sheet has no column for a citizen's name or ID number: a visit keeps only
the coarse profile that the reports count (Luật Bảo vệ dữ liệu cá nhân
91/2025/QH15). Each row gets a `client_key` derived from its content, so that
importing the same file twice is caught instead of doubling the figures.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hocvuso.accounts.words import facts_for
from hocvuso.core.bulk import run_statements
from hocvuso.imports.base import (
    NO_PROGRESS,
    Column,
    ImportResult,
    Progress,
    Row,
    RowError,
    Sheet,
    run_import,
)
from hocvuso.imports.cells import (
    CellError,
    Choice,
    in_column,
    int_between,
    normalize,
    parse_date,
    parse_time,
    parse_yes_no,
)
from hocvuso.imports.lookups import index_by
from hocvuso.imports.words import (
    ALL_OR_NOTHING_NOTE,
    COMMUNE_COLUMN,
    HEADERS_NOTE,
    NEUTRAL,
    example_commune,
    sheet_words,
    village_column,
)
from hocvuso.teams.lookups import TeamDirectory
from hocvuso.units.facts import local_choices, local_label
from hocvuso.units.models import Unit

from .models import AgeBand, Gender, Outcome, Place, Service, SupportVisit
from .services import MAX_PEOPLE, Lookups, PreparedVisit, VisitInput, prepare_saving, prepare_visit

# The namespace of the keys of imported visits; changing it would let a file
# that was imported before be imported again.
CLIENT_KEY_NAMESPACE = uuid.UUID("5b0f3c1e-8a4e-4c55-9d4a-2f1c6b7e0a11")
DEFAULT_TIME = datetime.time(8, 0)


def _services_allowed(province_id: int | None = None) -> list[str]:
    """The services to write: the national ones and, for an officer of a province, its own."""
    services = Service.objects.filter(is_active=True).select_related("province")
    if province_id is not None:
        services = services.filter(Q(province__isnull=True) | Q(province_id=province_id))
    return [
        f"{service.short_name} ({service.code})"
        + (f" — chỉ dùng ở {service.province.name}" if service.province else "")
        for service in services.order_by("position", "name")
    ]


# The template in words to be filled in (`Sheet.in_words`): `sheet_for(user)`.
_SHEET = Sheet(
    slug="luot-ho-tro",
    title=gettext_lazy("Lượt hỗ trợ người dân"),
    description=gettext_lazy(
        "Mỗi dòng là một lượt hỗ trợ (một người, hoặc một nhóm người cùng được hướng dẫn). "
        "Không ghi họ tên, số định danh hay số điện thoại của người dân."
    ),
    name="Lượt hỗ trợ",
    columns=(
        Column(
            "Ngày",
            "date",
            parse=parse_date,
            required=True,
            help="Ngày hỗ trợ, dd/mm/yyyy; không được là ngày trong tương lai.",
            example=datetime.date(2026, 3, 2),
            width=12,
            as_text=True,
        ),
        Column(
            "Giờ",
            "time",
            parse=parse_time,
            default=DEFAULT_TIME,
            help="HH:MM. Để trống: 08:00.",
            example=datetime.time(9, 30),
            width=8,
        ),
        COMMUNE_COLUMN,
        village_column("Tên hoặc mã {villages}. Không bắt buộc."),
        Column(
            "Nơi hỗ trợ",
            "place",
            required=True,
            help="Chọn trong danh sách.",
            example="{place_example}",
            width=30,
        ),
        Column(
            "Dịch vụ",
            "services",
            required=True,
            help="Một hoặc nhiều dịch vụ, cách nhau bằng dấu “;”. Ghi tên ngắn hoặc mã.",
            allowed=_services_allowed,
            example="Đăng ký VNeID; Sổ sức khỏe điện tử",
            width=36,
        ),
        Column(
            "Số người",
            "people",
            parse=int_between(1, MAX_PEOPLE),
            default=1,
            help="Số người được hỗ trợ trong lượt này (buổi hướng dẫn nhóm). Để trống: 1.",
            example=1,
            width=10,
        ),
        Column(
            "Giới tính",
            "gender",
            parse=Choice.of(Gender),
            default=Gender.UNKNOWN,
            help="Để trống: Không ghi.",
            example="Nữ",
            width=12,
        ),
        Column(
            "Độ tuổi",
            "age_band",
            parse=Choice.of(
                AgeBand,
                aliases={
                    "dưới 18": "under_18",
                    "18-39": "18_39",
                    "40-59": "40_59",
                    "60+": "60_plus",
                },
            ),
            default=AgeBand.UNKNOWN,
            help="Để trống: Không ghi.",
            example="Từ 60 tuổi",
            width=14,
        ),
        Column(
            "Người cao tuổi",
            "elderly",
            parse=parse_yes_no,
            default=False,
            help="Ghi “x” hoặc “có” nếu đúng; để trống nếu không. Độ tuổi “Từ 60 tuổi” tự tính.",
            example="x",
            width=10,
        ),
        Column(
            "Khuyết tật",
            "disability",
            parse=parse_yes_no,
            default=False,
            help="Ghi “x” hoặc “có” nếu đúng; để trống nếu không.",
            example="",
            width=10,
        ),
        Column(
            "Kết quả",
            "outcome",
            parse=Choice.of(Outcome),
            default=Outcome.DONE,
            help="Để trống: Hoàn thành.",
            example="Hoàn thành",
        ),
        Column(
            "Người hỗ trợ",
            "member",
            help="Họ và tên thành viên tổ của {commune} đã hỗ trợ. Không bắt buộc.",
            example="Nguyễn Văn Trưởng",
            width=26,
        ),
        Column(
            "Tổ",
            "team",
            help="Tên tổ như trong phần quản trị. Để trống: tổ của người hỗ trợ, "
            "nếu người đó chỉ ở một tổ.",
            example="{team_example}",
            width=26,
        ),
    ),
    notes=(
        HEADERS_NOTE,
        "Hai dòng giống hệt nhau bị coi là trùng: nếu là hai lượt khác nhau, hãy ghi giờ "
        "khác nhau, hoặc gộp thành một dòng và ghi Số người.",
        "Nhập lại một file đã nhập sẽ báo lỗi “đã được nhập trước đây” ở từng dòng.",
        ALL_OR_NOTHING_NOTE,
    ),
)


# Labels of older templates, still read.
OLD_PLACES = {
    "Trung tâm Phục vụ hành chính công xã": Place.SERVICE_CENTRE,
    "Nhà văn hóa thôn": Place.CULTURAL_HOUSE,
}


def place_choice(facts) -> Choice:
    """The places as the commune names them; the neutral and older labels are read too."""
    neutral = {str(label): value for value, label in Place.choices}
    return Choice(local_choices(Place.choices, facts), aliases=neutral | OLD_PLACES)


def _sheet(words: dict[str, str], facts, province_id=None) -> Sheet:
    village = words["village_example"]
    words = words | {
        "place_example": local_label(Place.CULTURAL_HOUSE, Place.CULTURAL_HOUSE.label, facts),
        "team_example": f"Tổ CNSCĐ {village}" if village else "",
    }
    changes = {
        "place": {"parse": place_choice(facts)},
        "services": {"allowed": lambda: _services_allowed(province_id)},
    }
    return _SHEET.in_words(words, changes)


SHEET = _sheet(NEUTRAL, None)


def sheet_for(user) -> Sheet:
    """The template in the words of the user's commune, with its services and examples."""
    commune = example_commune(user)
    province_id = commune.parent_id if commune is not None else None
    return _sheet(sheet_words(user), facts_for(user), province_id)


class VisitDirectory(TeamDirectory):
    """The communes, villages, teams and members of a sheet, and each commune's services."""

    def services(self, commune: Unit) -> dict[str, list[Service]]:
        """The services usable in the commune's province, by code, name and short name."""
        province_id = commune.parent_id
        return self._per_commune(
            "services",
            commune,
            lambda c: index_by(
                Service.objects.filter(is_active=True).usable_in([province_id]),
                "code",
                "name",
                "short_name",
            ),
        )


@dataclass
class PlannedVisit:
    number: int
    prepared: PreparedVisit

    @property
    def visit(self) -> SupportVisit:
        return self.prepared.visit


class Planner:
    def __init__(self, user, errors: list[RowError]):
        self.user = user
        self.lookups = Lookups(user)  # what the visit service reads, read once for the file
        self.directory = VisitDirectory(user)
        self.sheet = sheet_for(user)  # its headers name the columns in the errors
        self.errors = errors
        self.today = timezone.localdate()
        self.first_row_of: dict[str, int] = {}  # content -> first row with it

    def services(self, commune: Unit, text: str) -> list[Service]:
        """The services of a cell; "," also separates, but some names contain one."""
        catalogue = self.directory.services(commune)
        found, unknown = [], []
        for chunk in text.split(";"):
            parts = [part.strip() for part in chunk.split(",")]
            start = 0
            while start < len(parts):
                # The longest run of comma-separated parts that names a service.
                for end in range(len(parts), start, -1):
                    matches = catalogue.get(normalize(", ".join(parts[start:end])))
                    if matches:
                        found.append(matches[0])
                        start = end
                        break
                else:
                    if parts[start]:
                        unknown.append(parts[start])
                    start += 1
        if unknown:
            raise CellError(
                _("Không có dịch vụ %(names)s trong danh mục (xem trang “Hướng dẫn” của file mẫu).")
                % {"names": ", ".join(f"“{name}”" for name in unknown)}
            )
        if not found:
            raise CellError(_("Cần ghi ít nhất một dịch vụ."))
        return sorted(set(found), key=lambda service: service.code)

    def team(self, row: Row, commune: Unit, member):
        if row["team"]:
            return in_column("team", self.directory.team_named, commune, row["team"])
        if member is None:
            return None
        # Without a team named, the helper's team, when they serve in only one.
        teams = self.directory.open_teams_of(commune, member)
        return teams[0] if len(teams) == 1 else None

    def visit(self, row: Row) -> PlannedVisit:
        if row["date"] > self.today:
            raise CellError(
                _("Ngày %(date)s ở tương lai.") % {"date": row["date"].strftime("%d/%m/%Y")},
                "date",
            )
        commune = in_column("commune", self.directory.commune, row["commune"] or "")
        village = None
        if row["village"]:
            village = in_column("village", self.directory.village, commune, row["village"])
        services = in_column("services", self.services, commune, row["services"])
        member = None
        if row["member"]:
            member = in_column("member", self.directory.member_named, commune, row["member"])
        team = self.team(row, commune, member)
        when = datetime.datetime.combine(row["date"], row["time"])
        data = VisitInput(
            services=[service.code for service in services],
            occurred_at=timezone.make_aware(when),
            place=row["place"],
            people=row["people"],
            gender=row["gender"],
            age_band=row["age_band"],
            elderly=row["elderly"],
            disability=row["disability"],
            outcome=row["outcome"],
            commune=commune.code,
            village=village.code if village else None,
            team_id=team.pk if team else None,
            member_id=member.pk if member else None,
        )
        # The rules of a visit are the service's, as for the log page and the API.
        prepared = prepare_visit(self.user, data, self.lookups)
        prepared.visit.client_key = self.client_key(row, prepared)
        return PlannedVisit(row.number, prepared)

    def client_key(self, row: Row, prepared: PreparedVisit) -> uuid.UUID:
        """A key from what the row says, once resolved: "Thôn 1" and "11131-01" agree."""
        visit = prepared.visit
        services = sorted(prepared.services, key=lambda service: service.code)
        content = "|".join(
            str(part)
            for part in (
                visit.occurred_at.isoformat(),
                visit.village_id or "",
                visit.place,
                ",".join(service.code for service in services),
                visit.people,
                visit.gender,
                visit.age_band,
                visit.elderly,
                visit.disability,
                visit.outcome,
                visit.member_id or "",
                visit.team_id or "",
            )
        )
        first = self.first_row_of.setdefault(f"{visit.commune_id}|{content}", row.number)
        if first != row.number:
            raise CellError(
                _(
                    "Trùng hoàn toàn với dòng %(first)s. Nếu là hai lượt khác nhau, hãy ghi giờ "
                    "khác nhau, hoặc gộp thành một dòng và ghi Số người."
                )
                % {"first": first},
                "",
            )
        # Identical rows are refused above, so the occurrence is always 1 for
        # now; it is part of the key so that allowing repeated rows later
        # would not make two of them collide.
        occurrence = 1
        return uuid.uuid5(CLIENT_KEY_NAMESPACE, f"{visit.commune_id}|{content}|{occurrence}")

    def plan(self, row: Row) -> PlannedVisit | None:
        try:
            return self.visit(row)
        except CellError as error:
            header = self.sheet.header(error.key) if error.key else None
            self.errors.append(RowError(row.number, header, str(error)))
        except ValidationError as error:
            # The service's fields are the sheet's columns, but for the time of the visit.
            for name, messages in error.message_dict.items():
                header = self.sheet.header("time" if name == "occurred_at" else name)
                self.errors.append(RowError(row.number, header, " ".join(messages)))
        return None


def _plan(user, rows: list[Row], errors: list[RowError]) -> list[PlannedVisit]:
    planner = Planner(user, errors)
    planned = [visit for row in rows if (visit := planner.plan(row)) is not None]
    keys = {item.visit.client_key: item for item in planned}
    # Not scoped: the key is unique across the whole table, and it carries
    # the commune, so it can only match a visit of that commune.
    known = set()
    key_list = list(keys)
    for start in range(0, len(key_list), 500):
        chunk = key_list[start : start + 500]
        known |= set(
            SupportVisit.objects.filter(client_key__in=chunk).values_list("client_key", flat=True)
        )
    for key in known:
        errors.append(
            RowError(keys[key].number, None, _("Lượt hỗ trợ này đã được nhập trước đây."))
        )
    return planned


def _prepare(user, planned: list[PlannedVisit]):
    """The INSERT statements of every visit, prepared before the write transaction."""
    return planned, prepare_saving(user, [item.prepared for item in planned])


def _save(user, prepared) -> dict[str, int]:
    planned, statements = prepared
    run_statements(statements)
    return {
        _("lượt hỗ trợ"): len(planned),
        _("người dân được hỗ trợ"): sum(item.visit.people for item in planned),
    }


def import_visits(user, file, progress: Progress = NO_PROGRESS) -> ImportResult:
    """Import the support visits of an XLSX file in the template; all rows or none."""
    return run_import(
        user, sheet_for(user), file, _plan, _save, prepare=_prepare, progress=progress
    )
