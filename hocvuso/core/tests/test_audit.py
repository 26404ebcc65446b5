from auditlog.registry import auditlog
from django.apps import apps

# Logs themselves, only ever added to: an audit entry for each row would say it twice. And the
# export jobs and the task workers, which record work the program does, not a change to
# anyone's data.
# The sign-in log is itself a log; the jobs are files made (or imported) on a user's request,
# whose records are audited as the services save them; the daily and monthly totals are
# counted from the visits, which are audited, and checked against them (check_daily_totals).
NOT_AUDITED = {
    "accounts.SignInEvent",
    "overview.ExportJob",
    "reports.RenderJob",
    "imports.ImportJob",
    "core.TaskWorker",
    "support.DailyTotal",
    "support.DailyServiceTotal",
    "support.MonthlyTotal",
    "support.MonthlyServiceTotal",
}


def test_every_model_of_ours_keeps_an_audit_trail():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("hocvuso.")
        and not auditlog.contains(model)
        and model._meta.label not in NOT_AUDITED
    ]
    assert missing == []


def test_the_audit_trail_never_keeps_a_password():
    from hocvuso.accounts.models import User

    assert "password" in auditlog.get_model_fields(User)["exclude_fields"]
