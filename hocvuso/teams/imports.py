"""Import of team members: one row per person and team, teams created when missing.

A person who serves in two teams takes two rows. The records of people who
are already members are never changed by an import; it only adds.

A row may ask for a login ("Tạo tài khoản": Có): the person gets one, a team leader's
if they lead or deputize a team, a member's otherwise, named as typed ("Tên đăng nhập")
or from their name and the commune's, with a one-time link to set a password that the
import page hands over. A person who has a login keeps it and gets no second one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hocvuso.accounts.logins import clean_login, free_login, person_login_stem, taken
from hocvuso.accounts.models import UserRole
from hocvuso.accounts.permissions import makes_logins_in_commune
from hocvuso.accounts.scoping import LEADING_ROLES
from hocvuso.core.bulk import run_statements
from hocvuso.imports.base import (
    NO_PROGRESS,
    Column,
    ImportResult,
    Progress,
    Row,
    RowError,
    Saved,
    Sheet,
    as_cell_error,
    run_import,
    validate,
)
from hocvuso.imports.cells import CellError, Choice, cell_text, in_column, normalize, parse_date
from hocvuso.imports.words import (
    ALL_OR_NOTHING_NOTE,
    COMMUNE_COLUMN,
    HEADERS_NOTE,
    NEUTRAL,
    level_aliases,
    sheet_words,
    village_column,
)
from hocvuso.units.models import Unit
from hocvuso.units.words import unit_phrase

from .lookups import TeamDirectory
from .models import (
    Affiliation,
    Member,
    Role,
    Team,
    TeamLevel,
    normalize_phone,
    phone_validator,
)
from .services import MemberInput, give_login, prepare_enrolments, prepare_member

# "Tạo tài khoản": yes or no; blank is no, unless a login name or an email is written.
WANTS_LOGIN = Choice(
    [("yes", "Có"), ("no", "Không")],
    aliases={"x": "yes", "c": "yes", "1": "yes", "k": "no", "0": "no"},
)


def team_level(words: dict[str, str]) -> Choice:
    """ "Cấp phường", "Cấp tổ dân phố", "Tổ ứng cứu"; any unit's words are read too."""
    return Choice(
        [
            (TeamLevel.COMMUNE, f"Cấp {words['commune']}"),
            (TeamLevel.VILLAGE, f"Cấp {words['villages']}"),
            (TeamLevel.RAPID_RESPONSE, "Tổ ứng cứu"),
        ],
        aliases={str(label): value for value, label in TeamLevel.choices}
        | level_aliases(TeamLevel.COMMUNE, TeamLevel.VILLAGE)
        | {"ứng cứu": TeamLevel.RAPID_RESPONSE},
    )


def parse_phone(value) -> str:
    if isinstance(value, int | float):
        # Excel turns 0912345678 into the number 912345678.
        digits = cell_text(value)
        text = digits if digits.startswith("0") else "0" + digits
    else:
        text = normalize_phone(cell_text(value))
    try:
        phone_validator(text)
    except ValidationError:
        raise CellError(
            _("“%(value)s” không phải số điện thoại hợp lệ (ví dụ 0912345678).")
            % {"value": cell_text(value)}
        ) from None
    return text


def parse_email(value) -> str:
    text = cell_text(value).strip()
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(
            _("“%(value)s” không phải địa chỉ email hợp lệ (ví dụ ten@example.vn).")
            % {"value": text}
        ) from None
    return text


def parse_login(value) -> str:
    try:
        return clean_login(cell_text(value))
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from None


# The template in words to be filled in (`Sheet.in_words`): `sheet_for(user)`.
_SHEET = Sheet(
    slug="thanh-vien",
    title=gettext_lazy("Thành viên tổ công nghệ số cộng đồng"),
    description=gettext_lazy(
        "Mỗi dòng là một người trong một tổ. Tổ chưa có sẽ được tạo; "
        "người đã là thành viên của tổ thì không nhập lại."
    ),
    name="Thành viên",
    columns=(
        COMMUNE_COLUMN,
        village_column(
            "Tên hoặc mã {villages} của tổ cấp {villages}. "
            "Để trống với tổ cấp {commune}, tổ ứng cứu."
        ),
        Column(
            "Tổ",
            "level",
            help="Cấp của tổ. Để trống: cấp {villages} nếu có ghi {villages}, "
            "cấp {commune} nếu không.",
            example="Cấp {villages}",
        ),
        Column(
            "Họ và tên",
            "full_name",
            required=True,
            help="Họ và tên đầy đủ, có dấu.",
            example="Nguyễn Thị Hoa",
            width=28,
        ),
        Column(
            "Vai trò",
            "role",
            parse=Choice.of(Role),
            default=Role.MEMBER,
            help="Để trống: Tổ viên. Mỗi tổ chỉ có một tổ trưởng.",
            example="Tổ viên",
        ),
        Column(
            "Lực lượng",
            "affiliation",
            default=Affiliation.VOLUNTEER,
            help="Để trống: Tình nguyện viên.",
            example="Đoàn thanh niên",
            width=24,
        ),
        Column(
            "Số điện thoại",
            "phone",
            parse=parse_phone,
            default="",
            help="Không bắt buộc; giúp phân biệt hai người trùng tên.",
            example="0912345678",
            as_text=True,
        ),
        Column(
            "Từ ngày",
            "started_on",
            parse=parse_date,
            help="Ngày vào tổ, dd/mm/yyyy. Không bắt buộc.",
            example=datetime.date(2025, 9, 1),
            as_text=True,
        ),
        Column(
            "Tạo tài khoản",
            "account",
            parse=WANTS_LOGIN,
            help="“Có”: tạo tài khoản đăng nhập cho người này (để ghi hoạt động trên điện "
            "thoại). Để trống: không tạo. Người đã có tài khoản thì không tạo thêm.",
            example="Có",
        ),
        Column(
            "Tên đăng nhập",
            "username",
            parse=parse_login,
            default="",
            help="Không bắt buộc: để trống thì tên được tạo từ họ tên và tên {commune} "
            "(ví dụ hoant.tencuaxa). Chữ không dấu, chữ số, dấu chấm.",
            example="",
            as_text=True,
        ),
        Column(
            "Email",
            "email",
            parse=parse_email,
            default="",
            help="Không bắt buộc; khi máy chủ gửi thư đã được cài đặt, liên kết đặt mật khẩu "
            "được gửi tới địa chỉ này thay vì in ra.",
            example="",
            width=24,
            as_text=True,
        ),
    ),
    notes=(
        HEADERS_NOTE,
        "Một người ở hai tổ thì ghi hai dòng; người đã có trong {commune} (cùng họ tên và số điện "
        "thoại) được dùng lại, thông tin của họ không bị thay đổi.",
        ALL_OR_NOTHING_NOTE,
        "Với mỗi tài khoản được tạo, trang nhập hiện một liên kết đặt mật khẩu kèm mã QR (in ra "
        "để trao tận tay), hoặc gửi liên kết qua email; liên kết chỉ dùng được một lần.",
    ),
)


def affiliation(words: dict[str, str]) -> Choice:
    """The forces, "Cán bộ bản, xóm" among them; the model's labels are read too."""
    labelled = {Affiliation.VILLAGE_OFFICER: f"Cán bộ {words['villages']}"}
    return Choice(
        [(value, labelled.get(value, str(label))) for value, label in Affiliation.choices],
        aliases={str(label): value for value, label in Affiliation.choices},
    )


def _sheet(words: dict[str, str]) -> Sheet:
    changes = {"level": {"parse": team_level(words)}, "affiliation": {"parse": affiliation(words)}}
    return _SHEET.in_words(words, changes)


SHEET = _sheet(NEUTRAL)


def sheet_for(user) -> Sheet:
    """The template in the words of the user's unit, its examples from their commune."""
    return _sheet(sheet_words(user))


def team_name(level: str, unit: Unit) -> str:
    """The name of a team the import creates: "Tổ công nghệ số cộng đồng thôn 1"."""
    place = unit.name[:1].lower() + unit.name[1:]
    if level == TeamLevel.RAPID_RESPONSE:
        return f"Tổ ứng cứu công nghệ số {place}"
    return f"Tổ công nghệ số cộng đồng {place}"


@dataclass
class PlannedLogin:
    """The login a person of the file will get; its name is typed or made after all rows."""

    member: Member
    commune: Unit
    role: str
    username: str = ""
    email: str = ""


@dataclass
class PlannedRow:
    number: int
    team: Team
    member: Member
    role: str
    started_on: datetime.date | None
    # On the first row of a person who gets a login.
    login: PlannedLogin | None = None


class Planner:
    """Resolves the rows one by one, remembering what earlier rows will create."""

    def __init__(self, user, errors: list[RowError]):
        self.user = user
        self.directory = TeamDirectory(user)
        self.sheet = sheet_for(user)  # its headers name the columns in the errors
        self.errors = errors
        self.new_teams: dict[tuple, Team] = {}
        self.new_members: dict[tuple, Member] = {}
        self.pairs: dict[tuple, int] = {}  # (team, member) -> first row
        self.leaders: dict[int, int] = {}  # id(team) -> row of its leader in the file
        self.logins: dict[int, PlannedLogin] = {}  # id(member) -> their login
        self.typed: dict[str, tuple[int, int]] = {}  # login name -> (row, id(member))
        self.had_login: set[int] = set()  # members who have one already

    def team(self, row: Row, commune: Unit) -> Team:
        level = row["level"] or (TeamLevel.VILLAGE if row["village"] else TeamLevel.COMMUNE)
        if level == TeamLevel.VILLAGE:
            if not row["village"]:
                villages = self.directory.words(commune).villages
                raise CellError(
                    _("Tổ cấp %(villages)s cần ghi %(villages)s.") % {"villages": villages},
                    "village",
                )
            unit = in_column("village", self.directory.village, commune, row["village"])
        else:
            if row["village"]:
                words = self.directory.words(commune)
                raise CellError(
                    _("Tổ cấp %(commune)s và tổ ứng cứu không ghi %(villages)s.")
                    % {"commune": words.kind, "villages": words.villages},
                    "village",
                )
            unit = commune
        existing = [
            team
            for team in self.directory.teams(commune)
            if team.level == level and team.unit_id == unit.pk and team.active_to is None
        ]
        if existing:
            return existing[0]
        key = (level, unit.pk)
        if key not in self.new_teams:
            team = Team(name=team_name(level, unit), level=level, unit=unit, commune=commune)
            validate(team)
            self.new_teams[key] = team
        return self.new_teams[key]

    def member(self, row: Row, commune: Unit) -> Member:
        name, phone = row["full_name"], row["phone"]
        same_name = self.directory.members(commune).get(normalize(name), [])
        if phone:
            same_name = [member for member in same_name if member.phone == phone]
        if len(same_name) == 1:
            return same_name[0]
        if len(same_name) > 1:
            raise CellError(
                _(
                    "Có %(count)s thành viên tên “%(name)s” trong %(commune)s; hãy ghi số điện thoại."
                )
                % {"count": len(same_name), "name": name, "commune": commune.name},
                "phone",
            )
        key = (commune.pk, normalize(name), phone)
        if key not in self.new_members:
            data = MemberInput(full_name=name, phone=phone, affiliation=row["affiliation"])
            with as_cell_error():
                self.new_members[key] = prepare_member(commune.pk, data)
        return self.new_members[key]

    def check_membership(self, row: Row, commune: Unit, team: Team, member: Member) -> None:
        first = self.pairs.setdefault((id(team), id(member)), row.number)
        if first != row.number:
            raise CellError(_("Trùng với dòng %(row)s: cùng người, cùng tổ.") % {"row": first}, "")
        open_here = self.directory.open_memberships_of_team(commune, team)
        if member.pk in open_here:
            raise CellError(
                _("“%(name)s” đã là thành viên của “%(team)s”.")
                % {"name": member.full_name, "team": team.name},
                "full_name",
            )
        if row["role"] != Role.LEADER:
            return
        leader = next((m for m in open_here.values() if m.role == Role.LEADER), None)
        if leader is not None:
            raise CellError(
                _("“%(team)s” đã có tổ trưởng là “%(name)s”.")
                % {"team": team.name, "name": leader.member.full_name},
                "role",
            )
        first = self.leaders.setdefault(id(team), row.number)
        if first != row.number:
            raise CellError(
                _("“%(team)s” có hai tổ trưởng trong file (dòng %(first)s và dòng %(row)s).")
                % {"team": team.name, "first": first, "row": row.number},
                "role",
            )

    def login(self, row: Row, commune: Unit, member: Member) -> PlannedLogin | None:
        """The login the row asks for, new in this file (None if it asks none, if an earlier
        row of the person asked, or if the person has one)."""
        wants = row["account"] == "yes" or (
            row["account"] is None and bool(row["username"] or row["email"])
        )
        if row["account"] == "no" and row["username"]:
            raise CellError(
                _("Đã ghi tên đăng nhập nhưng cột “Tạo tài khoản” ghi “Không”."), "username"
            )
        if not wants:
            return None
        if not makes_logins_in_commune(self.user, commune.pk):
            raise CellError(
                _("Chỉ cán bộ của %(commune)s tạo được tài khoản cho thành viên của mình.")
                % {"commune": unit_phrase(commune)},
                "account",
            )
        if member.user_id is not None:
            # One login a person: the one they have stays, and the row is imported.
            self.had_login.add(member.pk)
            return None
        leads = row["role"] in LEADING_ROLES or (
            member.pk is not None and self.directory.leads_a_team(commune, member)
        )
        planned = self.logins.get(id(member))
        is_new = planned is None
        if is_new:
            planned = PlannedLogin(member, commune, UserRole.TEAM_MEMBER)
        if leads:
            planned.role = UserRole.TEAM_LEADER
        planned.email = planned.email or row["email"]
        if row["username"]:
            self.typed_login(row, member, planned)
        self.logins[id(member)] = planned
        return planned if is_new else None

    def typed_login(self, row: Row, member: Member, planned: PlannedLogin) -> None:
        username = row["username"]
        first, owner = self.typed.setdefault(username, (row.number, id(member)))
        if owner != id(member):
            raise CellError(
                _("Tên đăng nhập “%(name)s” trùng với dòng %(row)s.")
                % {"name": username, "row": first},
                "username",
            )
        if planned.username and planned.username != username:
            raise CellError(
                _("Cùng một người nhưng tên đăng nhập khác với dòng trước (“%(name)s”).")
                % {"name": planned.username},
                "username",
            )
        if taken(username):
            raise CellError(
                _("Tên đăng nhập “%(name)s” đã có người dùng; hãy chọn tên khác.")
                % {"name": username},
                "username",
            )
        planned.username = username

    def name_logins(self) -> None:
        """Name the logins nobody typed a name for, once every typed name is known."""
        reserved = set(self.typed)
        for planned in self.logins.values():
            if not planned.username:
                stem = person_login_stem(planned.member.full_name, planned.commune)
                planned.username = free_login(stem, reserved)
            reserved.add(planned.username)

    def plan(self, row: Row) -> PlannedRow | None:
        try:
            commune = in_column("commune", self.directory.commune, row["commune"] or "")
            team = in_column("level", self.team, row, commune)
            member = in_column("full_name", self.member, row, commune)
            self.check_membership(row, commune, team, member)
            login = self.login(row, commune, member)
        except CellError as error:
            header = self.sheet.header(error.key) if error.key else None
            self.errors.append(RowError(row.number, header, str(error)))
            return None
        return PlannedRow(row.number, team, member, row["role"], row["started_on"], login)


@dataclass
class Plan:
    rows: list[PlannedRow]
    # People whose rows asked for a login they already have: told in the counts.
    had_login: int = 0


def _plan(user, rows: list[Row], errors: list[RowError]) -> Plan:
    planner = Planner(user, errors)
    planned = [planned for row in rows if (planned := planner.plan(row)) is not None]
    if not errors:
        planner.name_logins()
    return Plan(planned, len(planner.had_login))


def _prepare(user, plan: Plan):
    """The INSERT statements of the new teams, members and memberships, prepared before the
    write transaction; the logins are made in it, one by one (a few a file)."""
    enrolments = [(row.team, row.member, row.role, row.started_on) for row in plan.rows]
    counts = {
        _("tổ mới"): len({id(row.team) for row in plan.rows if row.team.pk is None}),
        _("thành viên mới"): len({id(row.member) for row in plan.rows if row.member.pk is None}),
        _("lượt phân công vào tổ"): len(plan.rows),
    }
    return plan, counts, prepare_enrolments(user, enrolments)


def _save(user, prepared) -> Saved:
    plan, counts, statements = prepared
    run_statements(statements)
    links = [
        give_login(row.member, row.login.username, row.login.role, row.login.email, user)
        for row in plan.rows
        if row.login is not None
    ]
    if links:
        counts[_("tài khoản đăng nhập mới")] = len(links)
    if plan.had_login:
        counts[_("người đã có tài khoản (không tạo thêm)")] = plan.had_login
    return Saved(counts, links)


def import_members(user, file, progress: Progress = NO_PROGRESS) -> ImportResult:
    """Import the team members of an XLSX file in the template; all rows or none."""
    return run_import(
        user, sheet_for(user), file, _plan, _save, prepare=_prepare, progress=progress
    )
