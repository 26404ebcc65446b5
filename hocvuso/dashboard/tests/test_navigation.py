"""The menu of each role, and where each role lands."""

from django.apps import apps
from django.urls import reverse

from hocvuso.dashboard.navigation import menu_for


def labels(user, path=""):
    return [link.label for link in menu_for(user, path)]


def test_each_role_has_its_own_menu(world):
    assert labels(world.member) == ["Ghi lượt hỗ trợ", "Lịch trực"]
    # The leader's lists live in the overview app; its link shows once that app is installed.
    lists = ["Danh sách"] if apps.is_installed("hocvuso.overview") else []
    assert labels(world.leader) == ["Tổ của tôi", "Ghi lượt hỗ trợ", *lists, "Lịch trực"]
    assert labels(world.commune) == [
        "Tổng quan",
        "Bắt đầu",
        "Tổ và địa bàn",
        "Địa bàn",
        "Văn bản",
        "Chỉ số",
        "Báo cáo",
        "Nhập Excel",
        "Lịch trực",
        "Thiết lập",
        "Quản trị",
    ]
    assert labels(world.city) == [
        "Thành phố",
        "Tổng quan",
        "Báo cáo",
        "Tài khoản cán bộ",
        "Báo cáo gửi Bộ",
        "Thiết lập",
    ]
    assert labels(world.ministry) == ["Trung ương", "Tổng quan", "Quản trị"]
    assert "Thiết lập" not in labels(world.admin)
    assert "Bắt đầu" not in labels(world.admin)


def test_a_tinhs_officer_reads_tinh_in_the_menu(world):
    from hocvuso.accounts.models import UserRole
    from hocvuso.testing import make_user
    from hocvuso.units.models import Kind, Level, Unit

    tinh = Unit.objects.create(
        level=Level.PROVINCE,
        kind=Kind.TINH,
        code="11",
        name="Tỉnh Điện Biên",
        short_name="Điện Biên",
    )
    officer = make_user("sokhcn-db", UserRole.CITY_OFFICER, tinh)
    assert labels(officer) == [
        "Tỉnh",
        "Tổng quan",
        "Báo cáo",
        "Tài khoản cán bộ",
        "Báo cáo gửi Bộ",
        "Thiết lập",
    ]
    assert labels(world.admin)[:2] == ["Tổng quan", "Tỉnh, thành phố"]


def test_the_current_page_is_marked_once(world):
    links = menu_for(world.commune, reverse("imports:index"))
    assert [link.label for link in links if link.current] == ["Nhập Excel"]
    links = menu_for(world.commune, reverse("teams:detail", args=[1]))
    assert [link.label for link in links if link.current] == ["Tổ và địa bàn"]


def test_every_page_shows_the_menu_of_the_signed_in_role(client, world):
    client.force_login(world.leader)
    html = client.get(reverse("documents:index")).content.decode()
    assert f'href="{reverse("teams:index")}">Tổ của tôi</a>' in html
    assert "Nhập Excel" not in html
    client.force_login(world.commune)
    html = client.get(reverse("documents:index")).content.decode()
    assert f'href="{reverse("documents:index")}" aria-current="page">Văn bản</a>' in html
    assert f'href="{reverse("indicators:index")}">Chỉ số</a>' in html
