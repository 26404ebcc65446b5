"""The admin speaks Vietnamese where Django and django-auditlog spoke English, and writes years as 2026."""

import datetime
import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from hocvuso.indicators.models import Indicator, Target
from hocvuso.reports.services import create_report
from hocvuso.teams.models import Membership, Role
from hocvuso.testing import World

LOCALE = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "\n", html))


@pytest.fixture
def admin_client(client, world: World):
    client.force_login(world.admin)
    return client


def test_it_adds_a_user_in_vietnamese(admin_client):
    response = admin_client.get("/quan-tri/accounts/user/add/")
    assert response.status_code == 200
    text = visible_text(response)
    for english in [
        "After you’ve created a user",
        "Password-based authentication",
        "Whether the user will be able to authenticate",
        "Enabled",
        "Disabled",
        "Skip to main content",
        "Toggle theme",
        "Model name",
        "Add link",
        "Change or view list link",
    ]:
        assert english not in text
    assert "Sau khi tạo người dùng" in text
    assert "Đăng nhập bằng mật khẩu" in text
    assert "Thêm người dùng" in text and "Thêm vào người dùng" not in text


def test_the_user_list_names_its_columns_and_filters_in_vietnamese(admin_client):
    text = visible_text(admin_client.get("/quan-tri/accounts/user/"))
    assert "Get full name" not in text and "Họ và tên" in text
    assert "Show counts" not in text and "Hiện số lượng" in text
    assert "Theo vai trò" in text


def test_the_audit_log_is_the_log_of_changes_not_of_sign_ins(admin_client, world: World):
    index = visible_text(admin_client.get("/quan-tri/"))
    assert "Audit log" not in index and "Nhật ký thay đổi" in index
    assert "Mục đăng nhập" not in index and "Mục nhật ký" in index

    # A new membership, the newest entry: the world's own entries all fall within a moment,
    # and which of them the first page shows is the database's choice.
    cm = world.chiminh
    Membership.objects.create(team=cm.village_teams[1], member=cm.members[0], role=Role.MEMBER)
    response = admin_client.get("/quan-tri/auditlog/logentry/")
    assert response.status_code == 200
    text = visible_text(response)
    for english in ["Resource Type", "Correlation ID", "Created", "Changes", "system", "By action"]:
        assert english not in text
    assert "Loại bản ghi" in text and "Mã tương quan" in text and "hệ thống" in text
    # A new membership lists its fields by their Vietnamese names.
    # (PostgreSQL's jsonb keeps the changed fields in an order of its own.)
    summaries = re.findall(r"6 thay đổi: ([^\n]*?)(?:\s{2,}|$)", text, re.M)
    assert {"Tạo lúc", "Sửa lúc", "Id", "Tổ", "Thành viên", "Vai trò"} in [
        {name.strip() for name in summary.split(",")} for summary in summaries
    ]
    assert not re.search(r"\bchanges?:", text)


def test_years_and_numbers_in_the_admin_are_written_without_a_separator(admin_client, world):
    indicator = Indicator.objects.order_by("position").first()
    Target.objects.create(indicator=indicator, unit=world.haiphong, year=2026, value=80)
    text = visible_text(admin_client.get("/quan-tri/indicators/target/"))
    assert "2026" in text and "2.026" not in text

    report = create_report(
        world.chiminh.commune,
        start=datetime.date(2026, 5, 1),
        end=datetime.date(2026, 5, 31),
        report_date=datetime.date(2026, 6, 5),
    )
    text = visible_text(admin_client.get("/quan-tri/reports/report/"))
    assert "2026" in text and "2.026" not in text  # the year filter
    text = visible_text(admin_client.get(f"/quan-tri/reports/report/{report.pk}/change/"))
    assert "2026" in text and "2.026" not in text


def test_the_compiled_catalogue_says_what_its_source_says():
    # The .mo files are committed: a .po changed without `compilemessages` fails here.
    for domain in ("django", "djangojs"):
        source = (LOCALE / f"{domain}.po").read_text()
        compiled = gettext.GNUTranslations((LOCALE / f"{domain}.mo").open("rb"))
        entries = re.findall(
            r'^(?:msgctxt "(.*)"\n)?msgid "(.+)"\n(msgid_plural ".*"\n)?msgstr(?:\[0\])? "(.*)"$',
            source,
            re.M,
        )
        assert len(entries) > 20
        for context, msgid, plural, msgstr in entries:
            msgid, msgstr = msgid.replace('\\"', '"'), msgstr.replace('\\"', '"')
            if context:
                assert compiled.pgettext(context, msgid) == msgstr
            elif plural:
                assert compiled.ngettext(msgid, msgid, 1) == msgstr
            else:
                assert compiled.gettext(msgid) == msgstr


def test_a_page_showing_a_year_writes_it_as_2026(client, world: World):
    client.force_login(world.commune)
    with translation.override("vi"):
        text = visible_text(client.get("/lich-truc/quan-ly/ngay-nghi/?nam=2026"))
    assert "Năm 2026" in text and "2.026" not in text and "2.025" not in text


def test_the_user_change_page_offers_roles_not_djangos_english_permissions(admin_client, world):
    text = visible_text(admin_client.get(f"/quan-tri/accounts/user/{world.commune.pk}/change/"))
    assert "Can add" not in text and "Can change" not in text
    assert "Groups" not in text and "Nhóm Zalo" in text  # only the menu names groups
    assert "Vào trang quản trị" in text and "Vai trò trong phong trào" in text
    assert admin_client.get("/quan-tri/auth/group/").status_code == 404


def test_the_background_tasks_are_listed_in_vietnamese(admin_client, world: World):
    DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="hocvuso.overview.jobs.export_task",
        backend_name="default",
        run_after=timezone.now(),
    )
    index = visible_text(admin_client.get(reverse("admin:index")))
    assert "Việc nền" in index and "Task Results" not in index
    text = visible_text(
        admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    )
    assert "Bị lỗi" in text and "Xếp hàng lúc" in text
    assert "Failed" not in text and "Enqueued at" not in text
