"""A team leader walks the team page in a real browser, on a phone and on a desktop."""

import datetime

import pytest
from django.db.models import Sum
from django.utils import timezone
from playwright.sync_api import expect

from hocvuso.core.periods import month_of
from hocvuso.support.models import Place, SupportVisit
from hocvuso.teams.models import Member, Membership
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def month_people(team, member=None) -> int:
    """The team's people helped this month, from the records."""
    lower, upper = month_of(timezone.localdate()).bounds
    visits = SupportVisit.objects.filter(team=team, occurred_at__gte=lower, occurred_at__lt=upper)
    if member is not None:
        visits = visits.filter(member=member)
    return visits.aggregate(n=Sum("people"))["n"] or 0


def shown(page, selector) -> int:
    return int(page.locator(selector).inner_text().replace(".", ""))


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_leader_manages_the_team_and_sees_who_logged_nothing(request, device, live_server, world):
    page = request.getfixturevalue(device)
    team = world.chiminh.village_teams[0]
    leader, member = world.chiminh.members[:2]
    # The member helped three people this month; the leader nothing yet.
    SupportVisit.objects.create(
        commune=team.commune,
        village=team.unit,
        team=team,
        member=member,
        occurred_at=timezone.now() - datetime.timedelta(minutes=5),
        place=Place.CULTURAL_HOUSE,
        people=3,
    )

    log_in(page, live_server, world.leader)
    assert page.url == f"{live_server.url}/to/{team.pk}/"
    expect(page.get_by_role("heading", name=team.name)).to_be_visible()
    # On a phone the bar stays one line: far less than a third of the screen.
    header = page.locator("header.topbar").bounding_box()
    assert header["height"] < page.viewport_size["height"] / 5
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    # The figures shown are the records'.
    assert shown(page, "#fig-month-people") == month_people(team) == 3
    active = Membership.objects.filter(team=team, ended_on__isnull=True).count()
    assert shown(page, "#fig-active-members") == active
    for m in (leader, member):
        cell = page.locator(f"#member-{m.pk} .month-people")
        assert int(cell.inner_text()) == month_people(team, m)
    idle = page.locator("#idle")
    expect(idle.get_by_text(leader.full_name)).to_be_visible()
    expect(idle.get_by_text(member.full_name)).to_have_count(0)
    screenshot(page, f"to-truong-{device}")

    # A new member joins…
    page.get_by_role("link", name="+ Thêm thành viên").click()
    page.get_by_label("Họ và tên").fill("Đỗ Thị Hoa")
    page.get_by_label("Lực lượng").select_option(label="Đoàn thanh niên")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    screenshot(page, f"to-truong-them-thanh-vien-{device}")
    page.get_by_role("button", name="Thêm vào tổ").click()
    expect(page.get_by_text("Đã thêm Đỗ Thị Hoa vào tổ.")).to_be_visible()
    newcomer = Member.objects.get(full_name="Đỗ Thị Hoa")
    assert newcomer.phone == "0912345678"
    expect(page.locator("#idle").get_by_text("Đỗ Thị Hoa")).to_be_visible()

    # …and a member leaves: the history stays, and so do their visits.
    row = page.locator(f"#member-{member.pk}")
    row.get_by_text("Ngừng hoạt động", exact=True).click()
    row.get_by_role("button", name="Xác nhận ngừng hoạt động").click()
    expect(page.locator(".messages")).to_contain_text("Các lượt hỗ trợ đã ghi vẫn được tính.")
    expect(page.locator(f"#member-{member.pk}")).to_have_count(0)
    expect(page.locator(f"#former-{member.pk}")).to_be_visible()
    assert Membership.objects.get(member=member).ended_on == timezone.localdate()
    assert shown(page, "#fig-month-people") == month_people(team) == 3
    assert shown(page, "#fig-active-members") == active  # one left, one joined
    expect(page.locator("#idle").get_by_text(member.full_name)).to_have_count(0)
    screenshot(page, f"to-truong-sau-khi-sua-{device}")


def test_a_leader_of_village_1_cannot_open_the_team_of_village_2(desktop, live_server, world):
    page = desktop
    log_in(page, live_server, world.leader)
    other = world.chiminh.village_teams[1]
    response = page.goto(f"{live_server.url}/to/{other.pk}/")
    assert response.status == 404
    expect(page.get_by_text(world.chiminh.members[2].full_name)).to_have_count(0)
