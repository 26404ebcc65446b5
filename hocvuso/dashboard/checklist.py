"""The setup checklist of a commune: what is done and what is left, read from its records.

A commune whose officer has just set a password has nothing yet; it is ready to log
visits and issue its first report once it has its villages, teams with members (some of
them with logins), a duty place with office hours, its report's signer and recipients, and
has looked over its facts. Each step below is computed from the records, never ticked by
hand, so the list is right whoever did the work and however (a page, an import, the admin).

A step links to the page that does it; a page not built yet (another app, not merged) is
left out, as the menu does (`navigation.py`).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from hocvuso.core.formatting import vn_number
from hocvuso.core.links import first_url
from hocvuso.reports.models import ReportSettings
from hocvuso.roster.models import DutyPlace
from hocvuso.teams.models import Member, Team
from hocvuso.units.facts import commune_facts
from hocvuso.units.models import Level, Unit, UnitSettings, lines_of
from hocvuso.units.words import CommuneWords, ordered_kinds


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    done: bool
    facts: list[str]
    links: list[tuple[str, str]] = field(default_factory=list)
    # A step the commune cannot work without; the facts have right defaults from its words,
    # so looking them over is advised, not required.
    required: bool = True


@dataclass(frozen=True)
class Checklist:
    commune: Unit
    words: CommuneWords
    steps: list[Step]

    @property
    def done(self) -> list[Step]:
        return [step for step in self.steps if step.done]

    @property
    def left(self) -> list[Step]:
        return [step for step in self.steps if not step.done]

    @property
    def complete(self) -> bool:
        return not self.left

    @property
    def ready(self) -> bool:
        """Every required step done: the officer no longer lands on the checklist."""
        return all(step.done for step in self.steps if step.required)


def _links(*pairs) -> list[tuple[str, str]]:
    """(label, URL) for each (label, URL names tried in order) whose page exists."""
    found = []
    for label, names in pairs:
        url = first_url(names)
        if url is not None:
            found.append((label, url))
    return found


def _villages(commune: Unit, words: CommuneWords) -> Step:
    count = words.village_count
    return Step(
        "villages",
        f"Danh sách {words.villages}",
        done=count > 0,
        facts=[f"Đã có {words.village_counts}."]
        if count
        else [f"Chưa có {words.village} nào: dán danh sách hoặc nhập từ file Excel."],
        links=_links(
            (f"Nhập danh sách {words.villages}", ("units:villages",)),
            ("Trang quản trị", ("admin:units_unit_changelist",)),
        )[:1],
    )


def _teams(commune: Unit) -> Step:
    teams = Team.objects.filter(commune=commune).count()
    members = Member.objects.filter(commune=commune, is_active=True).aggregate(
        all=Count("pk"), with_login=Count("pk", filter=Q(user__isnull=False))
    )
    facts = [
        f"{vn_number(teams)} tổ công nghệ số cộng đồng; {vn_number(members['all'])} thành viên "
        f"đang hoạt động, {vn_number(members['with_login'])} người có tài khoản đăng nhập."
    ]
    if teams and members["all"] and not members["with_login"]:
        facts.append("Chưa ai có tài khoản: tổ viên cần tài khoản để ghi lượt hỗ trợ.")
    return Step(
        "teams",
        "Tổ và thành viên",
        done=bool(teams and members["all"]),
        facts=facts,
        links=_links(
            ("Tổ và địa bàn", ("teams:index",)),
            ("Nhập thành viên từ Excel", ("imports:index",)),
        ),
    )


def _duty(commune: Unit) -> Step:
    places = list(
        DutyPlace.objects.filter(commune=commune, is_active=True)
        .annotate(slots=Count("hours"))
        .values_list("name", "slots")
    )
    with_hours = [name for name, slots in places if slots]
    slots = sum(n for _, n in places)
    if not places:
        facts = ["Chưa có địa điểm trực nào."]
    else:
        facts = [
            f"{vn_number(len(places))} địa điểm trực: {', '.join(name for name, _ in places)}."
        ]
        facts.append(
            f"{vn_number(slots)} khung giờ làm việc trong tuần."
            if slots
            else "Chưa có giờ làm việc: lịch trực cần giờ làm việc của địa điểm."
        )
    return Step(
        "duty",
        "Địa điểm trực và giờ làm việc",
        done=bool(with_hours),
        facts=facts,
        links=_links(("Địa điểm trực", ("roster:places", "roster:manage"))),
    )


def _report(commune: Unit) -> Step:
    settings = ReportSettings.objects.filter(commune=commune).first()
    signer = settings.signer_name.strip() if settings else ""
    recipients = lines_of(settings.recipients) if settings else []
    facts = [
        f"Người ký: {signer}." if signer else "Chưa có họ tên người ký.",
        f"{vn_number(len(recipients))} nơi nhận." if recipients else "Chưa có nơi nhận.",
    ]
    return Step(
        "report",
        "Thiết lập báo cáo: người ký, nơi nhận",
        done=bool(signer and recipients),
        facts=facts,
        links=_links(("Thiết lập báo cáo", ("reports:settings",))),
    )


def _facts(commune: Unit, words: CommuneWords) -> Step:
    own = UnitSettings.objects.filter(unit=commune).exists()
    facts = commune_facts(commune, words)
    lines = [
        f"Trung tâm phục vụ hành chính công: {facts.service_centre}.",
        f"Báo cáo gửi {facts.department}.",
    ]
    if not own:
        lines.insert(0, "Chưa xem lại: báo cáo đang dùng tên mặc định dưới đây.")
    return Step(
        "facts",
        f"Thông tin của {words.phrase} và của {words.province.phrase}",
        done=own,
        facts=lines,
        links=_links(("Xem và sửa thông tin", ("reports:settings",))),
        required=False,
    )


def checklist_for(commune: Unit) -> Checklist:
    """The steps of `commune`'s setup, each done or left, in the order they are best done."""
    counts = (
        Unit.objects.filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    words = CommuneWords.of(commune, ordered_kinds({row["kind"]: row["n"] for row in counts}))
    steps = [
        _villages(commune, words),
        _teams(commune),
        _duty(commune),
        _report(commune),
        _facts(commune, words),
    ]
    return Checklist(commune, words, steps)
