"""The member import makes the logins of the people who should have one, with one-time links:
for a mountain commune of Tỉnh Điện Biên (bản and xóm), not the demo."""

import io
import re

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from hocvuso.accounts.models import SetupLink, User, UserRole
from hocvuso.accounts.services import LinkRefused, set_password_with_link
from hocvuso.imports.models import ImportJob
from hocvuso.imports.tests.sheets import members_file, messages
from hocvuso.teams.imports import import_members
from hocvuso.teams.models import Member, Membership
from hocvuso.testing import run_tasks
from hocvuso.testing_units import units_once


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


def counts():
    return User.objects.count(), Member.objects.count(), Membership.objects.count()


THREE_LOGINS = (
    {
        "Bản": "Bản Che Căn",
        "Họ và tên": "Lò Văn Páo",
        "Vai trò": "Tổ trưởng",
        "Tạo tài khoản": "Có",
    },
    {
        "Bản": "Bản Che Căn",
        "Họ và tên": "Lường Thị Mai",
        "Tạo tài khoản": "có",
        "Tên đăng nhập": "MaiLuong",
    },
    {"Bản": "Bản Che Căn", "Họ và tên": "Cà Thị Nga"},
    {
        "Bản": "Xóm Đồi",
        "Họ và tên": "Quàng Văn Dũng",
        "Tạo tài khoản": "Có",
        "Email": "dung@example.vn",
    },
    # A second row of a person who gets a login: still one login.
    {"Tổ": "Cấp xã", "Họ và tên": "Lò Văn Páo", "Tạo tài khoản": "Có"},
)


def test_it_creates_the_logins_the_rows_ask_for_with_a_link_each(db, units):
    officer = units.mountain.officer
    before = counts()
    result = import_members(officer, members_file(*THREE_LOGINS))
    assert messages(result) == []
    assert counts() == (before[0] + 3, before[1] + 4, before[2] + 5)
    assert result.summary() == (
        "Đã nhập 5 dòng: 1 tổ mới, 4 thành viên mới, 5 lượt phân công vào tổ, "
        "3 tài khoản đăng nhập mới."
    )

    pao = Member.objects.get(full_name="Lò Văn Páo")
    assert pao.user.username == "paolv.muongphang"
    assert pao.user.role == UserRole.TEAM_LEADER
    assert pao.user.get_full_name() == "Lò Văn Páo"
    assert not pao.user.has_usable_password()
    mai = Member.objects.get(full_name="Lường Thị Mai")
    assert (mai.user.username, mai.user.role) == ("mailuong", UserRole.TEAM_MEMBER)
    dung = Member.objects.get(full_name="Quàng Văn Dũng")
    assert (dung.user.username, dung.user.email) == ("dungqv.muongphang", "dung@example.vn")
    assert Member.objects.get(full_name="Cà Thị Nga").user is None

    assert [link.user.username for link in result.links] == [
        "paolv.muongphang",
        "mailuong",
        "dungqv.muongphang",
    ]
    assert (
        SetupLink.objects.usable().filter(user__member__commune=units.mountain.commune).count() == 3
    )


def test_a_login_of_the_file_gets_a_number_when_its_name_is_taken(db, units):
    User.objects.create_user("paolv.muongphang")
    result = import_members(units.mountain.officer, members_file(THREE_LOGINS[0]))
    assert messages(result) == []
    assert Member.objects.get(full_name="Lò Văn Páo").user.username == "paolv.muongphang2"


def test_a_taken_login_name_refuses_the_file_and_saves_nothing(db, units):
    before = counts()
    links = SetupLink.objects.count()
    result = import_members(
        units.mountain.officer,
        members_file(
            *THREE_LOGINS[:2],
            {"Bản": "Xóm Đồi", "Họ và tên": "Lò Thị Xuân", "Tên đăng nhập": "xamuongphang"},
            {"Bản": "Xóm Đồi", "Họ và tên": "Lò Văn Sáng", "Tên đăng nhập": "MAILUONG"},
        ),
    )
    assert messages(result) == [
        "Dòng 4, cột “Tên đăng nhập”: Tên đăng nhập “xamuongphang” đã có người dùng; "
        "hãy chọn tên khác.",
        "Dòng 5, cột “Tên đăng nhập”: Tên đăng nhập “mailuong” trùng với dòng 3.",
    ]
    assert counts() == before
    assert SetupLink.objects.count() == links


def test_it_refuses_a_login_name_it_cannot_use(db, units):
    result = import_members(
        units.mountain.officer,
        members_file(
            {"Bản": "Xóm Đồi", "Họ và tên": "Lò Thị Xuân", "Tên đăng nhập": "xuân"},
            {
                "Bản": "Xóm Đồi",
                "Họ và tên": "Lò Văn Sáng",
                "Tạo tài khoản": "Không",
                "Tên đăng nhập": "sanglv",
            },
        ),
    )
    assert messages(result) == [
        "Dòng 2, cột “Tên đăng nhập”: Tên đăng nhập “xuân” không hợp lệ: dùng 3–40 chữ cái không "
        "dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số.",
        "Dòng 3, cột “Tên đăng nhập”: Đã ghi tên đăng nhập nhưng cột “Tạo tài khoản” ghi “Không”.",
    ]


def test_a_member_who_has_a_login_does_not_get_a_second_one(db, units):
    leader = units.mountain.leader
    users = User.objects.count()
    result = import_members(
        units.mountain.officer,
        members_file(
            {"Bản": "Xóm Đồi", "Họ và tên": leader.member.full_name, "Tạo tài khoản": "Có"}
        ),
    )
    assert messages(result) == []
    assert User.objects.count() == users
    assert result.links == []
    assert Member.objects.get(pk=leader.member.pk).user == leader
    assert "1 người đã có tài khoản (không tạo thêm)" in result.summary()


def test_a_member_who_leads_a_team_gets_a_team_leaders_login(db, units):
    leader = units.mountain.leader.member
    leader.user = None
    leader.save()
    result = import_members(
        units.mountain.officer,
        members_file({"Bản": "Xóm Đồi", "Họ và tên": leader.full_name, "Tạo tài khoản": "Có"}),
    )
    assert messages(result) == []
    assert Member.objects.get(pk=leader.pk).user.role == UserRole.TEAM_LEADER


def test_a_province_officer_imports_no_members_and_makes_no_logins(db, units):
    before = User.objects.count()
    with pytest.raises(PermissionDenied):
        import_members(units.province_officer, members_file({**THREE_LOGINS[0], "Xã": "03334"}))
    assert User.objects.count() == before


def test_the_links_of_the_import_work_once(db, units):
    result = import_members(units.mountain.officer, members_file(*THREE_LOGINS[:2]))
    pao, mai = result.links
    assert set_password_with_link(pao.token, "pao-che-can-2026").username == "paolv.muongphang"
    assert User.objects.get(username="paolv.muongphang").check_password("pao-che-can-2026")
    with pytest.raises(LinkRefused, match="mỗi liên kết chỉ dùng được một lần"):
        set_password_with_link(pao.token, "mat-khau-khac-2026")
    # The other link is still good.
    set_password_with_link(mai.token, "mai-che-can-2026")


def test_the_import_page_shows_the_links_once_with_their_qr_codes(db, client, units):
    client.force_login(units.mountain.officer)
    upload = {"kind": "thanh-vien", "file": members_file(*THREE_LOGINS)}
    response = client.post(reverse("imports:upload"), upload)
    assert response.status_code == 302
    assert response.url == reverse("accounts:links")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Thành viên tổ công nghệ số cộng đồng: Đã nhập 5 dòng: 1 tổ mới, 4 thành viên mới, "
        "5 lượt phân công vào tổ, 3 tài khoản đăng nhập mới."
    ]
    page = client.get(response.url).content.decode()
    for username in ("paolv.muongphang", "mailuong", "dungqv.muongphang"):
        assert f'id="link-{username}"' in page
    assert page.count("<svg") >= 3
    assert "/tai-khoan/dat-mat-khau/" in page
    assert reverse("imports:index") in page
    # Shown once: the tokens are not kept.
    assert "/tai-khoan/dat-mat-khau/" not in client.get(response.url).content.decode()


def test_the_import_mails_the_links_when_a_mail_server_is_set(
    db, client, units, settings, mailoutbox
):
    settings.EMAIL_HOST = "smtp.example.vn"
    client.force_login(units.mountain.officer)
    upload = {"kind": "thanh-vien", "file": members_file(*THREE_LOGINS)}
    client.post(reverse("imports:upload"), upload)
    assert [mail.to for mail in mailoutbox] == [["dung@example.vn"]]
    page = client.get(reverse("accounts:links")).content.decode()
    assert "Đã gửi liên kết tới email <strong>dung@example.vn</strong>" in page
    # Two cards on paper, each with its link as address and text.
    assert page.count("/tai-khoan/dat-mat-khau/") == 4


def test_the_template_offers_the_login_columns(db, client, units):
    client.force_login(units.mountain.officer)
    response = client.get(reverse("imports:template", args=["thanh-vien"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[-3:] == ["Tạo tài khoản", "Tên đăng nhập", "Email"]
    assert headers[:2] == ["Xã", "Bản, xóm"]


def test_a_background_import_shows_its_owner_the_new_logins_links_once(
    db, client, units, settings, tmp_path, caplog
):
    settings.IMPORT_DIRECT_LIMIT = 1
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client.force_login(units.mountain.officer)
    upload = {"kind": "thanh-vien", "file": members_file(*THREE_LOGINS)}
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("imports:upload"), upload)
    job = ImportJob.objects.get()
    run_tasks()
    job.refresh_from_db()
    assert job.status == "done" and len(job.logins) == 3
    status = client.get(response.url).content.decode()
    assert "3 tài khoản đăng nhập mới" in status and "/tai-khoan/dat-mat-khau/" not in status
    handed = client.post(reverse("imports:job_links", args=[job.pk]))
    assert handed.url == reverse("accounts:links")
    page = client.get(handed.url).content.decode()
    tokens = re.findall(r'href="http://testserver/tai-khoan/dat-mat-khau/([^/"]+)/"', page)
    assert len(tokens) == 3 and f'href="{response.url}"' in page
    for username in ("paolv.muongphang", "mailuong", "dungqv.muongphang"):
        assert f'id="link-{username}"' in page
    # The links the worker made are replaced by these: one usable link an account.
    accounts = User.objects.filter(pk__in=job.logins)
    assert SetupLink.objects.usable().filter(user__in=accounts).count() == 3
    assert set_password_with_link(tokens[0], "pao-che-can-2026").username == "paolv.muongphang"
    # Once: neither the job's page nor the links page shows them again.
    again = client.post(reverse("imports:job_links", args=[job.pk]))
    assert again.url == response.url
    assert "/tai-khoan/dat-mat-khau/" not in client.get(reverse("accounts:links")).content.decode()
    assert "đã được hiện lúc" in client.get(response.url).content.decode()
    # No token in a task's arguments, a job's row or the logs.
    rows = str(list(DBTaskResult.objects.values())) + str(list(ImportJob.objects.values()))
    assert not any(token in rows or token in caplog.text for token in tokens)
