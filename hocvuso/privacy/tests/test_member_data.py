"""A commune's officer exports everything held about a member, or erases it."""

import datetime
import io
import json

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.admin.models import ADDITION
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.urls import reverse
from openpyxl import load_workbook

from hocvuso.privacy.services import erase_member
from hocvuso.support.models import SupportVisit
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.teams.models import Member


@pytest.fixture
def lan(world):
    """world.member's member record, with a phone, a visit and an audit trail."""
    member = world.chiminh.members[1]
    member.phone = "0912345678"
    member.full_name = '=HYPERLINK("http://x")'
    member.save()
    member.full_name = "Lò Thị Lan"
    member.save()
    record_visit(world.member, VisitInput(services=["qr-payment"]))
    return member


def url(name, member):
    return reverse(f"privacy:{name}", args=[member.pk])


def test_the_officer_exports_a_members_data_as_json(client, world, lan):
    client.force_login(world.commune)
    response = client.get(url("export_json", lan))
    assert response.status_code == 200
    data = json.loads(response.content)
    sections = data["sections"]
    assert sections["teams.member"][0]["full_name"] == "Lò Thị Lan"
    assert sections["teams.member"][0]["phone"] == "0912345678"
    assert sections["accounts.user"][0]["username"] == "tovien"
    assert "password" not in sections["accounts.user"][0]
    assert len(sections["support.supportvisit.member"]) >= 1
    assert sections["teams.membership.member"]
    assert any("Lò Thị Lan" in row["changes"] for row in sections["auditlog.logentry"])
    entry = LogEntry.objects.filter(additional_data__personal_data="export").get()
    assert (entry.actor, entry.object_pk, entry.action) == (
        world.commune,
        str(lan.pk),
        LogEntry.Action.ACCESS,
    )


def test_the_xlsx_keeps_a_name_that_looks_like_a_formula_as_text(client, world, lan):
    client.force_login(world.commune)
    response = client.get(url("export_xlsx", lan))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert any(c.value == "Lò Thị Lan" for c in cells)
    formulas = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas and all(c.data_type == "s" for c in formulas)


@pytest.mark.parametrize("who", ["leader", "member", "city", "outsider"])
def test_only_the_members_commune_officer_sees_the_page(client, world, lan, who):
    client.force_login(getattr(world, who))
    for name in ("member", "export_json", "export_xlsx"):
        assert client.get(url(name, lan)).status_code in (403, 404)
    assert client.post(url("erase", lan), {"confirm": "yes"}).status_code in (403, 404)
    assert Member.objects.get(pk=lan.pk).full_name == "Lò Thị Lan"


def test_the_administrator_sees_the_page(client, world, lan):
    client.force_login(world.admin)
    assert "Lò Thị Lan" in client.get(url("member", lan)).content.decode()


def test_the_member_page_links_to_it_for_the_officer_only(client, world, lan):
    team = lan.memberships.first().team
    page = reverse("teams:change_member", args=[team.pk, lan.pk])
    client.force_login(world.commune)
    assert url("member", lan) in client.get(page).content.decode()
    client.force_login(world.leader)
    assert url("member", lan) not in client.get(page).content.decode()


def test_erasing_needs_the_confirmation(client, world, lan):
    client.force_login(world.commune)
    client.post(url("erase", lan), {})
    assert Member.objects.get(pk=lan.pk).full_name == "Lò Thị Lan"


def test_erasing_blanks_the_person_and_keeps_the_visits_counted(client, world, lan):
    visits = SupportVisit.objects.filter(member=lan).count()
    client.force_login(world.commune)
    response = client.post(url("erase", lan), {"confirm": "yes"}, follow=True)
    assert "Đã xóa dữ liệu cá nhân" in response.content.decode()
    lan.refresh_from_db()
    assert lan.full_name == f"Đã xóa (mã {lan.pk})"
    assert (lan.phone, lan.position, lan.is_active) == ("", "", False)
    assert not lan.memberships.open().exists()
    user = lan.user
    assert user.username == f"da-xoa-{user.pk}" and not user.is_active
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert not user.has_usable_password()
    assert SupportVisit.objects.filter(member=lan).count() == visits
    # Signed in no more.
    client.force_login(world.member)  # the same user object is now inactive
    assert client.get(reverse("support:log")).status_code == 302


def test_erasing_redacts_the_audit_trail_and_records_who_erased(world, lan):
    AdminLogEntry.objects.log_actions(
        world.admin.pk, [lan], ADDITION, change_message="Lò Thị Lan", single_object=True
    )
    erase_member(world.commune, lan)
    admin_entry = AdminLogEntry.objects.get(object_id=str(lan.pk))
    assert "Lò Thị Lan" not in admin_entry.object_repr + admin_entry.change_message
    texts = [
        json.dumps(e.changes, ensure_ascii=False) + e.object_repr + (e.changes_text or "")
        for e in LogEntry.objects.all()
    ]
    assert not [t for t in texts if "Lò Thị Lan" in t or "0912345678" in t or "tovien" in t]
    entry = LogEntry.objects.get_for_object(lan).filter(additional_data__personal_data="erase")
    assert entry.get().actor == world.commune


def test_the_page_shows_the_deadlines_of_a_request_received_today(client, world, lan):
    client.force_login(world.commune)
    with time_machine.travel(datetime.datetime(2026, 2, 13, 9, 0, tzinfo=datetime.UTC)):
        html = client.get(url("member", lan)).content.decode()
    assert "<td>Xóa dữ liệu</td><td>24/02/2026</td><td>05/03/2026</td>" in html
