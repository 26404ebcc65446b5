"""Where each role lands after signing in, and the links of its menu.

A member logs the work, a team leader looks after the team, an officer reads
the overview. Each link names its URL; one whose app is not installed (yet)
is left out rather than breaking every page.
"""

from dataclasses import dataclass

from hocvuso.accounts.models import UserRole
from hocvuso.core.links import first_url
from hocvuso.units.models import Level
from hocvuso.units.words import capfirst, kind_word

OVERVIEW = ("overview:index", "home")  # the dashboard until the overview exists
# The province's page is named by its kind: "Tỉnh" for a tỉnh, "Thành phố" for a centrally-run city.
PROVINCE_LINK = "{province}"

SETUP = "Bắt đầu"

# (label, URL names tried in order)
MENUS = {
    UserRole.TEAM_MEMBER: [
        ("Ghi lượt hỗ trợ", ("support:log",)),
        ("Lịch trực", ("roster:mine",)),
    ],
    UserRole.TEAM_LEADER: [
        ("Tổ của tôi", ("teams:index",)),
        # A leader logs visits too.
        ("Ghi lượt hỗ trợ", ("support:log",)),
        ("Danh sách", ("overview:visits",)),
        ("Lịch trực", ("roster:mine",)),
    ],
    UserRole.COMMUNE_OFFICER: [
        ("Tổng quan", OVERVIEW),
        # The setup checklist (dashboard/checklist.py): where a new commune starts.
        (SETUP, ("setup_checklist",)),
        ("Tổ và địa bàn", ("teams:index",)),
        # The villages, with their teams and Zalo groups (hocvuso/dashboard/village_views.py).
        ("Địa bàn", ("units:villages",)),
        ("Văn bản", ("documents:index",)),
        ("Chỉ số", ("indicators:index",)),
        ("Báo cáo", ("reports:index",)),
        ("Nhập Excel", ("imports:index",)),
        ("Lịch trực", ("roster:manage",)),
        ("Thiết lập", ("reports:settings",)),
        ("Quản trị", ("admin:index",)),
    ],
    UserRole.CITY_OFFICER: [
        (PROVINCE_LINK, ("city:requests",)),
        ("Tổng quan", OVERVIEW),
        ("Báo cáo", ("reports:index",)),
        ("Tài khoản cán bộ", ("city:accounts",)),
        # Its reports to the Ministry (hocvuso/nation).
        ("Báo cáo gửi Bộ", ("nation:answers",)),
        ("Thiết lập", ("city:settings",)),
    ],
    UserRole.MINISTRY_OFFICER: [
        ("Trung ương", ("nation:requests",)),
        # The country's live figures, from the daily totals (hocvuso/nation/dashboard.py).
        ("Tổng quan", ("nation:dashboard", "nation:province_dashboard")),
        ("Quản trị", ("admin:index",)),
    ],
}
# An administrator has no unit of their own: they reach a unit's settings from its pages.
SUPERUSER_MENU = [
    ("Tổng quan", OVERVIEW),
    (PROVINCE_LINK, ("city:requests",)),
    *(link for link in MENUS[UserRole.COMMUNE_OFFICER][1:] if link[0] not in ("Thiết lập", SETUP)),
]

# Where `home` sends each role; an officer stays on the dashboard until the
# overview exists.
LANDING = {
    UserRole.TEAM_MEMBER: ("support:log",),
    UserRole.TEAM_LEADER: ("teams:index",),
    UserRole.COMMUNE_OFFICER: ("overview:index",),
    UserRole.CITY_OFFICER: ("overview:index",),
    UserRole.MINISTRY_OFFICER: ("nation:requests",),
}


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False


def landing_url(user) -> str | None:
    """The page a user lands on from `home`, or None to stay on the dashboard."""
    if user.is_superuser:
        return None
    return first_url(LANDING.get(user.role, ()))


def _province_label(user) -> str:
    unit = user.unit if user.unit_id else None
    word = kind_word(unit.kind) if unit is not None and unit.level == Level.PROVINCE else ""
    return capfirst(word) if word else "Tỉnh, thành phố"


def menu_for(user, path: str = "") -> list[Link]:
    if not user.is_authenticated:
        return []
    menu = SUPERUSER_MENU if user.is_superuser else MENUS.get(user.role, [])
    found = []
    for label, names in menu:
        if names == ("admin:index",) and not user.is_staff:
            continue
        url = first_url(names)
        if url is not None:
            found.append((_province_label(user) if label == PROVINCE_LINK else label, url))
    # The current page belongs to the link with the longest matching URL
    # (/quan-tri/nhap-excel/ is "Nhập Excel", not "Quản trị").
    matching = [url for _, url in found if path == url or (url != "/" and path.startswith(url))]
    current = max(matching, key=len, default=None)
    return [Link(label, url, url == current) for label, url in found]
