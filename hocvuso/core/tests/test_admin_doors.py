"""The admin allows what the pages allow, role by role, for every model it shows.

Each model registered in the admin declares its rule here: which of view (v), add (a),
change (c) and delete (d) each role may do on a sample record of the commune Chí Minh.
A model registered without a rule (or without a sample) fails the first test, so that a
new door is never left open by accident.
"""

import datetime

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hocvuso.accounts.models import SignInEvent, SignInEventKind
from hocvuso.accounts.scoping import scope_for
from hocvuso.api.services import issue_token
from hocvuso.imports.models import ImportJob
from hocvuso.indicators.models import Indicator, IndicatorValue, Target
from hocvuso.learning.models import CourseParticipation, DigitalClass, Platform
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.reports.models import RenderJob, Report, ReportRequest, ReportSettings
from hocvuso.reports.services import create_report, issue_report
from hocvuso.roster.models import (
    Assignment,
    CalendarException,
    DayKind,
    DutyPlace,
    Leave,
    Shift,
    SwapRequest,
)
from hocvuso.support.models import SupportVisit

AXES_ROW = {"user_agent": "Chrome", "http_accept": "*/*", "path_info": "/dang-nhap/"}

ROLES = ["admin", "ministry", "city", "commune", "outsider", "leader", "member"]

# What the pages allow: a commune's records are its officer's to write; the province's
# officer reads them and changes none, and so does the Ministry's for every province; team
# leaders and members have no admin at all.
# A record that its page ends or deactivates rather than deletes: only an administrator
# deletes it in the admin.
COMMUNE_RECORD = {"admin": "vacd", "ministry": "v", "city": "v", "commune": "vac", "outsider": "a"}
# A record that the commune's pages delete (a visit, a leave, a day off, a shift).
COMMUNE_DELETES = {**COMMUNE_RECORD, "commune": "vacd"}
# Kept as a history: read, never written here.
HISTORY = {"admin": "v", "ministry": "v", "city": "v", "commune": "v"}
# The administrator's catalogues, read by every officer.
NATIONAL = {"admin": "vacd", "ministry": "v", "city": "v", "commune": "v", "outsider": "v"}
# A province's own entries: its officer keeps them on its settings page.
PROVINCE_OWN = {"admin": "vacd", "ministry": "v", "city": "vacd", "commune": "v", "outsider": "v"}

RULES = {
    "auditlog.LogEntry": {"admin": "v"},
    "accounts.User": {"admin": "vacd"},
    "api.ApiToken": {"admin": "va", "ministry": "a", "city": "a", "commune": "va", "outsider": "a"},
    "units.Unit": COMMUNE_RECORD,
    "teams.Team": COMMUNE_RECORD,
    "teams.Member": COMMUNE_RECORD,
    "teams.Membership": COMMUNE_RECORD,
    "documents.Document": COMMUNE_RECORD,
    "outreach.OutreachActivity": COMMUNE_RECORD,
    "outreach.ZaloGroup": COMMUNE_RECORD,
    "roster.DutyPlace": COMMUNE_RECORD,
    "roster.CalendarException": COMMUNE_DELETES,
    "roster.Leave": COMMUNE_DELETES,
    "roster.Shift": COMMUNE_DELETES,
    "roster.SwapRequest": HISTORY,
    "support.Service": {**PROVINCE_OWN, "city": "vac"},
    "support.SupportVisit": COMMUNE_DELETES,
    "learning.Platform": PROVINCE_OWN,
    "learning.DigitalClass": COMMUNE_RECORD,
    "learning.CourseParticipation": COMMUNE_RECORD,
    "indicators.Indicator": NATIONAL,
    "indicators.Target": NATIONAL,
    "indicators.IndicatorValue": COMMUNE_RECORD,
    "reports.ReportSettings": COMMUNE_RECORD,
    "reports.ReportRequest": PROVINCE_OWN,
    # An issued report: read by all officers, deleted by nobody (it is cancelled instead).
    "reports.Report": HISTORY,
    # The security logs: an administrator's alone (unlocking a login deletes its attempts).
    "accounts.SignInEvent": {"admin": "v"},
    "axes.AccessAttempt": {"admin": "vcd"},
    "axes.AccessLog": {"admin": "vcd"},
    "axes.AccessFailureLog": {"admin": "vcd"},
    # The background tasks and their failures (django-tasks-db's admin): read, never written.
    "django_tasks_database.DBTaskResult": {"admin": "v"},
    # The PDFs the worker makes on request: an administrator reads them, nobody writes them.
    "reports.RenderJob": {"admin": "v"},
    # The large imports the worker ran, with their errors: read, never written.
    "imports.ImportJob": {"admin": "v"},
}

JUNE = datetime.date(2026, 6, 1)


def _shift(world, place, hour):
    starts = timezone.make_aware(datetime.datetime(2026, 6, 1, hour))
    return Shift.objects.create(
        place=place,
        commune=world.chiminh.commune,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
    )


def _place(world):
    return DutyPlace.objects.create(commune=world.chiminh.commune, name="Bộ phận một cửa")


def _swap(world):
    place = _place(world)
    members = world.chiminh.members
    give = Assignment.objects.create(shift=_shift(world, place, 7), member=members[1])
    take = Assignment.objects.create(shift=_shift(world, place, 13), member=members[2])
    return SwapRequest.objects.create(requester=members[1], give=give, take=take)


def _report(world):
    report = create_report(world.chiminh.commune, start=JUNE, end=JUNE, report_date=JUNE)
    return issue_report(report)


SAMPLES = {
    "django_tasks_database.DBTaskResult": lambda w: DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="hocvuso.overview.jobs.export_task",
        backend_name="default",
        run_after=timezone.now(),
    ),
    "auditlog.LogEntry": lambda w: LogEntry.objects.get_for_object(w.chiminh.visits[0]).first(),
    "accounts.User": lambda w: w.member,
    "api.ApiToken": lambda w: issue_token(w.commune, "Điện thoại")[0],
    "units.Unit": lambda w: w.chiminh.villages[0],
    "teams.Team": lambda w: w.chiminh.village_teams[0],
    "teams.Member": lambda w: w.chiminh.members[0],
    "teams.Membership": lambda w: w.chiminh.members[0].memberships.first(),
    "documents.Document": lambda w: w.chiminh.document,
    "outreach.OutreachActivity": lambda w: OutreachActivity.objects.filter(
        commune=w.chiminh.commune
    ).first(),
    "outreach.ZaloGroup": lambda w: ZaloGroup.objects.filter(
        village__parent=w.chiminh.commune
    ).first(),
    "roster.DutyPlace": _place,
    "roster.CalendarException": lambda w: CalendarException.objects.create(
        commune=w.chiminh.commune, date=JUNE, kind=DayKind.HOLIDAY, name="Lễ hội làng"
    ),
    "roster.Leave": lambda w: Leave.objects.create(
        member=w.chiminh.members[1], starts_on=JUNE, ends_on=JUNE
    ),
    "roster.Shift": lambda w: _shift(w, _place(w), 7),
    "roster.SwapRequest": _swap,
    "support.Service": lambda w: w.city_app,
    "support.SupportVisit": lambda w: w.chiminh.visits[0],
    "learning.Platform": lambda w: Platform.objects.create(
        code="hoc-so-thanh-pho", name="Học số thành phố", province=w.haiphong
    ),
    "learning.DigitalClass": lambda w: DigitalClass.objects.create(
        commune=w.chiminh.commune, held_on=JUNE, topic="Dùng VNeID"
    ),
    "learning.CourseParticipation": lambda w: CourseParticipation.objects.create(
        commune=w.chiminh.commune,
        platform=Platform.objects.filter(province__isnull=True).first(),
        group="officials",
        period_start=JUNE,
        period_end=JUNE,
        participants=10,
    ),
    "indicators.Indicator": lambda w: Indicator.objects.first(),
    "indicators.Target": lambda w: Target.objects.create(
        indicator=Indicator.objects.first(), unit=w.haiphong, year=2026, value=80
    ),
    "indicators.IndicatorValue": lambda w: IndicatorValue.objects.create(
        indicator=Indicator.objects.first(),
        commune=w.chiminh.commune,
        period_start=JUNE,
        period_end=JUNE,
        numerator=1,
        denominator=2,
    ),
    "reports.ReportSettings": lambda w: ReportSettings.objects.create(
        commune=w.chiminh.commune, agency="UBND", agency_short="UBND", signer_name="A"
    ),
    "reports.ReportRequest": lambda w: ReportRequest.objects.create(
        province=w.haiphong,
        number=1,
        symbol="SKHCN-TTTT",
        issued_on=JUNE,
        period_start=JUNE,
        period_end=JUNE,
        deadline=JUNE,
    ),
    "reports.Report": _report,
    "reports.RenderJob": lambda w: RenderJob.objects.create(
        user=w.commune, kind="report", object_id=_report(w).pk
    ),
    "imports.ImportJob": lambda w: ImportJob.objects.create(
        user=w.commune, kind="visits", filename="luot-ho-tro.xlsx", rows_total=800
    ),
    "accounts.SignInEvent": lambda w: SignInEvent.objects.create(
        kind=SignInEventKind.FAILED, username="tovien", ip_address="203.0.113.7"
    ),
    "axes.AccessAttempt": lambda w: AccessAttempt.objects.create(
        username="tovien", ip_address="203.0.113.7", failures_since_start=3, **AXES_ROW
    ),
    "axes.AccessLog": lambda w: AccessLog.objects.create(
        username="tovien", ip_address="203.0.113.7", **AXES_ROW
    ),
    "axes.AccessFailureLog": lambda w: AccessFailureLog.objects.create(
        username="tovien", ip_address="203.0.113.7", **AXES_ROW
    ),
}


def registered():
    return {
        model._meta.label: (model, model_admin)
        for model, model_admin in admin.site._registry.items()
    }


def users(world):
    return {
        "admin": world.admin,
        "ministry": world.ministry,
        "city": world.city,
        "commune": world.commune,
        "outsider": world.outsider,
        "leader": world.leader,
        "member": world.member,
    }


def admin_request(user):
    request = RequestFactory().get("/quan-tri/")
    request.user = user
    request.scope = scope_for(user)
    return request


def allowed(model_admin, request, obj) -> str:
    checks = {
        "v": lambda: model_admin.has_view_permission(request, obj),
        "a": lambda: model_admin.has_add_permission(request),
        "c": lambda: model_admin.has_change_permission(request, obj),
        "d": lambda: model_admin.has_delete_permission(request, obj),
    }
    return "".join(action for action, check in checks.items() if check())


def test_every_model_in_the_admin_declares_its_rule_and_a_sample():
    labels = set(registered())
    assert labels - set(RULES) == set(), "a model in the admin without a rule"
    assert labels - set(SAMPLES) == set(), "a model in the admin without a sample"
    assert set(RULES) - labels == set(), "a rule for a model no longer in the admin"


@pytest.mark.parametrize("label", sorted(RULES))
def test_the_admin_allows_what_the_pages_allow(world, label):
    model, model_admin = registered()[label]
    obj = SAMPLES[label](world)
    assert isinstance(obj, model), f"the sample of {label} is not one"
    found = {
        role: allowed(model_admin, admin_request(user), obj) for role, user in users(world).items()
    }
    expected = {role: RULES[label].get(role, "") for role in ROLES}
    assert found == expected

    # An inline (a place's hours, a shift's assignments) never allows more than its parent:
    # whoever may not change the record may not add, change or delete its rows.
    for inline_class in model_admin.inlines:
        inline = inline_class(model, admin.site)
        for role, user in users(world).items():
            request = admin_request(user)
            rows = {
                "a": inline.has_add_permission(request, obj),
                "c": inline.has_change_permission(request, obj),
                "d": inline.has_delete_permission(request, obj),
            }
            allowed_rows = {action for action, may in rows.items() if may}
            assert not allowed_rows or "c" in expected[role], (inline_class.__name__, role)


def test_a_city_officer_cannot_change_a_communes_visit_in_the_admin(client, world):
    visit = world.chiminh.visits[0]
    client.force_login(world.city)
    url = reverse("admin:support_supportvisit_change", args=[visit.pk])
    page = client.get(url)
    # The city reads the visit, without a form to save it.
    assert page.status_code == 200 and b'name="_save"' not in page.content
    response = client.post(url, {"people": 999, "commune": visit.commune_id})
    assert response.status_code == 403
    visit.refresh_from_db()
    assert visit.people == 1
    delete = reverse("admin:support_supportvisit_delete", args=[visit.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert SupportVisit.objects.filter(pk=visit.pk).exists()
    # Nor does the admin's front page offer it the import of its communes' records.
    assert reverse("imports:index") not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("who", ["commune", "city", "admin"])
def test_nobody_deletes_an_issued_report_in_the_admin(client, world, who):
    report = _report(world)
    client.force_login(users(world)[who])
    url = reverse("admin:reports_report_delete", args=[report.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:reports_report_changelist")
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"}
    )
    report.refresh_from_db()
    assert report.snapshot is not None


def test_the_commune_officer_deletes_a_draft_in_the_admin(client, world):
    draft = create_report(world.chiminh.commune, start=JUNE, end=JUNE, report_date=JUNE)
    client.force_login(world.city)
    url = reverse("admin:reports_report_delete", args=[draft.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.force_login(world.commune)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Report.objects.filter(pk=draft.pk).exists()


def test_the_ministry_reads_a_communes_visit_in_the_admin_and_changes_nothing(client, world):
    visit = world.chiminh.visits[0]
    client.force_login(world.ministry)
    url = reverse("admin:support_supportvisit_change", args=[visit.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(url, {"people": 999, "commune": visit.commune_id}).status_code == 403
    visit.refresh_from_db()
    assert visit.people == 1
