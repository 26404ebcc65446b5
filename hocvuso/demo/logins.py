"""Who can sign in to the demo, with which password, and what each one sees."""

from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password

from hocvuso.accounts.models import User, UserRole

# A demo password, printed by `manage.py demo_logins`; never use it elsewhere.
# It has the 10 characters the password rules ask for, though it is set without them.
PASSWORD = "hocvuso2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str  # UserRole, or "" for the superuser
    full_name: str
    title: str
    sees: str


DEMO_LOGINS = [
    DemoLogin("admin", "", "", "Quản trị hệ thống", "Toàn bộ dữ liệu; trang quản trị /quan-tri/"),
    DemoLogin(
        "sokhcn",
        UserRole.CITY_OFFICER,
        "Đào Thu Hằng",
        "Cán bộ Sở KH&CN Thành phố Hải Phòng",
        "Số liệu mọi xã, phường của Thành phố Hải Phòng; tổng hợp báo cáo",
    ),
    DemoLogin(
        "chiminh",
        UserRole.COMMUNE_OFFICER,
        "Lương Thị Thu Trang",
        "Cán bộ UBND xã Chí Minh",
        "Toàn bộ dữ liệu xã Chí Minh; văn bản, chỉ số, báo cáo; trang quản trị",
    ),
    DemoLogin(
        "totruong",
        UserRole.TEAM_LEADER,
        "",
        "Tổ trưởng Tổ CNSCĐ Thôn Đông",
        "Tổ của mình: thành viên, lượt hỗ trợ, tuyên truyền; văn bản, chỉ số xã (chỉ đọc)",
    ),
    DemoLogin(
        "tovien",
        UserRole.TEAM_MEMBER,
        "",
        "Tổ viên Tổ CNSCĐ Thôn Đông",
        "Lượt hỗ trợ của chính mình; văn bản, chỉ số xã (chỉ đọc)",
    ),
]


def reset_passwords(usernames: list[str]) -> None:
    """Give the demo users the demo password again, if any of them changed it.

    Hashing is slow on purpose (a quarter of a second), so the users share one
    hash, checked once per run; sharing a salt does not matter for a password
    that is printed on the screen.
    """
    users = User.objects.filter(username__in=usernames)
    hashes = set(users.values_list("password", flat=True))
    good = {h for h in hashes if check_password(PASSWORD, h)}
    stale = users.exclude(password__in=good)
    if stale.exists():
        stale.update(password=min(good) if good else make_password(PASSWORD))
