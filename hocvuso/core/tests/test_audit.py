from auditlog.registry import auditlog
from django.apps import apps

OUR_APPS = [
    "units",
    "accounts",
    "teams",
    "documents",
    "outreach",
    "support",
    "learning",
    "indicators",
]
# Logs themselves, only ever added to: an audit entry for each row would say it twice.
LOGS = {"SignInEvent"}


def test_every_model_of_ours_keeps_an_audit_trail():
    missing = [
        model.__name__
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        if not auditlog.contains(model) and model.__name__ not in LOGS
    ]
    assert missing == []


def test_the_audit_trail_never_keeps_a_password():
    from hocvuso.accounts.models import User

    assert "password" in auditlog.get_model_fields(User)["exclude_fields"]
