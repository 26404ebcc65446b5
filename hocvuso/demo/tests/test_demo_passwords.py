"""The demo's password passes the rules a real password must pass."""

from django.contrib.auth.password_validation import validate_password

from hocvuso.accounts.models import User
from hocvuso.demo.logins import DEMO_LOGINS, PASSWORD


def test_the_demo_password_passes_the_password_rules_for_every_demo_login():
    for login in DEMO_LOGINS:
        validate_password(PASSWORD, User(username=login.username))
