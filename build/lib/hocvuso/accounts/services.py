"""Writes on accounts: the province makes its communes' officers, anyone may get a one-time link.

- `create_officer_accounts(actor, province, rows)` makes the commune officers' accounts of a
  province, all or none, each with a one-time link to set a password;
- `issue_setup_link(actor, user)` hands an existing account a new link (a forgotten password),
  and makes the links it had before unusable;
- `set_password_with_link(token, password)` sets the password once, while the link lasts;
- `new_team_account(...)` makes the login of a team leader or member (the member import links
  it to the person and hands it a link: `teams.services.give_login`).

The token of a link is made here, returned once to be shown or mailed, and kept only as a
hash. Every write names its author in the audit log.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from hocvuso.core.audit import acting_as
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import capfirst, unit_phrase

from .logins import clean_login, free_login, login_stem, taken
from .models import SetupLink, User, UserRole, token_hash
from .permissions import manages_officers_of, may_issue_link
from .phones import validate_mobile

LINK_DAYS = 7


@dataclass
class OfficerInput:
    """One commune's new officer, as a page row or a spreadsheet line gives it.

    `key` names the row in the errors (a commune's id on the page, a line of the file).
    An empty `username` is made from the commune's name.
    """

    commune_id: int | None
    full_name: str
    phone: str
    email: str = ""
    username: str = ""
    key: str | int = ""


@dataclass(frozen=True)
class IssuedLink:
    """A link just made: its token exists only here, to be shown or mailed once."""

    user: User
    token: str
    expires_at: datetime.datetime


class LinkRefused(Exception):
    """A link that sets nothing: unknown, already used or expired; the message says which."""


def _new_link(actor, user, days: int) -> IssuedLink:
    now = timezone.now()
    # An older link still unused stops working: only the newest one handed over counts.
    for old in SetupLink.objects.usable().filter(user=user):
        old.expires_at = now
        old.save(update_fields=["expires_at"])
    token = secrets.token_urlsafe(32)
    link = SetupLink.objects.create(
        user=user,
        token_hash=token_hash(token),
        created_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    return IssuedLink(user=user, token=token, expires_at=link.expires_at)


def issue_setup_link(actor, user: User, days: int = LINK_DAYS) -> IssuedLink:
    """A new one-time link for `user`, which `actor` may hand over (`may_issue_link`)."""
    if not may_issue_link(actor, user):
        raise PermissionDenied("Bạn không cấp được liên kết đặt mật khẩu cho tài khoản này.")
    with acting_as(actor), transaction.atomic():
        return _new_link(actor, user, days)


def _moment(when: datetime.datetime) -> str:
    """ "09:30 ngày 05/03/2026", in the local time."""
    return timezone.localtime(when).strftime("%H:%M ngày %d/%m/%Y")


def _link_of(token: str, for_update: bool = False) -> SetupLink:
    links = SetupLink.objects.select_related("user")
    if for_update:
        links = links.select_for_update()
    link = links.filter(token_hash=token_hash(token or "")).first()
    if link is None or not link.user.is_active:
        raise LinkRefused(
            "Liên kết này không đúng hoặc không còn dùng được. Hãy kiểm tra lại đường dẫn, "
            "hoặc nhờ người đã cấp tài khoản cấp một liên kết mới."
        )
    if link.used_at is not None:
        raise LinkRefused(
            f"Liên kết này đã được dùng lúc {_moment(link.used_at)}; "
            "mỗi liên kết chỉ dùng được một lần. Nếu quên mật khẩu, hãy nhờ người đã cấp "
            "tài khoản cấp một liên kết mới."
        )
    if link.expires_at <= timezone.now():
        raise LinkRefused(
            f"Liên kết này đã hết hạn lúc {_moment(link.expires_at)}. "
            "Hãy nhờ người đã cấp tài khoản cấp một liên kết mới."
        )
    return link


def user_of_link(token: str) -> User:
    """The account a usable link is for; LinkRefused otherwise. Changes nothing."""
    return _link_of(token).user


def set_password_with_link(token: str, password: str) -> User:
    """Set the password of the link's account and use the link up; nothing changes when the
    link is refused or the password is too weak (ValidationError in Vietnamese)."""
    with transaction.atomic():
        link = _link_of(token, for_update=True)
        user = link.user
        validate_password(password, user)
        with acting_as(user):
            user.set_password(password)
            user.save(update_fields=["password"])
            link.used_at = timezone.now()
            link.save(update_fields=["used_at"])
    return user


def _check_person(row: OfficerInput, problems: list[str]) -> str:
    """The row's phone, normalized; the problems of its name, phone and email in `problems`."""
    row.full_name = " ".join((row.full_name or "").split())
    row.email = (row.email or "").strip()
    if not row.full_name:
        problems.append("Hãy nhập họ và tên của cán bộ.")
    elif len(row.full_name) > 150:
        problems.append("Họ và tên tối đa 150 ký tự.")
    phone = ""
    if not (row.phone or "").strip():
        problems.append("Hãy nhập số điện thoại di động của cán bộ.")
    else:
        try:
            phone = validate_mobile(row.phone)
        except ValidationError as error:
            problems.extend(error.messages)
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            problems.append(f"Email “{row.email}” không hợp lệ (ví dụ ten@example.vn).")
    return phone


def _check_commune(row, communes, officers, seen, province, problems) -> Unit | None:
    commune = communes.get(row.commune_id)
    if commune is None:
        other = Unit.objects.filter(pk=row.commune_id).first() if row.commune_id else None
        if other is None:
            problems.append(f"Không có đơn vị này trong {unit_phrase(province)}.")
        else:
            problems.append(f"{capfirst(unit_phrase(other))} không thuộc {unit_phrase(province)}.")
        return None
    if commune.pk in seen:
        problems.append(
            f"{capfirst(unit_phrase(commune))} đã có ở dòng {seen[commune.pk]}; "
            "mỗi đơn vị một dòng."
        )
    elif commune.pk in officers:
        problems.append(
            f"{capfirst(unit_phrase(commune))} đã có tài khoản cán bộ “{officers[commune.pk]}”; "
            "nếu cán bộ quên mật khẩu, hãy cấp liên kết mới cho tài khoản đó."
        )
    seen.setdefault(commune.pk, row.key)
    return commune


def _check_login(row, typed, problems) -> None:
    if not (row.username or "").strip():
        return
    try:
        username = clean_login(row.username)
    except ValidationError as error:
        problems.extend(error.messages)
        return
    if username in typed:
        problems.append(f"Tên đăng nhập “{username}” trùng với dòng {typed[username]}.")
    elif taken(username):
        problems.append(f"Tên đăng nhập “{username}” đã có người dùng; hãy chọn tên khác.")
    typed.setdefault(username, row.key)
    row.username = username


def create_officer_accounts(actor, province: Unit, rows: list[OfficerInput]) -> list[IssuedLink]:
    """Make the officer account of each row's commune of `province`, or none if any row is
    wrong (ValidationError keyed by the rows' `key`), each with a one-time link."""
    if province.level != Level.PROVINCE or not manages_officers_of(actor, province):
        raise PermissionDenied("Chỉ cán bộ của chính tỉnh, thành phố được tạo tài khoản này.")
    if not rows:
        raise ValidationError("Chưa có dòng nào: hãy điền họ tên và số điện thoại của cán bộ.")
    communes = {
        c.pk: c
        for c in Unit.objects.filter(
            level=Level.COMMUNE,
            parent=province,
            valid_to__isnull=True,
            pk__in=[r.commune_id for r in rows if r.commune_id],
        )
    }
    officers = dict(
        User.objects.filter(
            role=UserRole.COMMUNE_OFFICER, unit__in=communes.values(), is_active=True
        ).values_list("unit_id", "username")
    )
    errors, seen, typed, planned = {}, {}, {}, []
    for row in rows:
        problems = []
        commune = _check_commune(row, communes, officers, seen, province, problems)
        phone = _check_person(row, problems)
        _check_login(row, typed, problems)
        if problems:
            errors[str(row.key)] = problems
        planned.append((row, commune, phone))
    if errors:
        raise ValidationError(errors)
    try:
        with acting_as(actor), transaction.atomic():
            return [
                _create_officer(actor, row, commune, phone, typed)
                for row, commune, phone in planned
            ]
    except IntegrityError:
        # Someone took one of the names between the checks and the writes.
        raise ValidationError(
            "Một tên đăng nhập vừa được người khác dùng; chưa tạo tài khoản nào, hãy gửi lại."
        ) from None


def _create_officer(actor, row: OfficerInput, commune: Unit, phone: str, typed: dict) -> IssuedLink:
    username = row.username or free_login(login_stem(commune), set(typed))
    typed.setdefault(username, row.key)
    user = User(
        username=username,
        # A Vietnamese name is written whole, family name first: it is kept in one field so
        # that `get_full_name()` gives it back as written.
        first_name=row.full_name,
        email=row.email,
        phone=phone,
        role=UserRole.COMMUNE_OFFICER,
        unit=commune,
        # Officers keep their unit's records in the scoped admin too.
        is_staff=True,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return _new_link(actor, user, LINK_DAYS)


TEAM_ROLES = (UserRole.TEAM_LEADER, UserRole.TEAM_MEMBER)


def new_team_account(username: str, full_name: str, role: str, email: str = "") -> User:
    """A saved login of a team leader or member, without a password until its link is used.

    Its scope comes from the member record it is linked to, not from a unit. The caller has
    checked that the name is free (`logins.taken`); the database refuses it otherwise."""
    if role not in TEAM_ROLES:
        raise ValueError(f"not a team role: {role}")
    user = User(
        username=username,
        first_name=" ".join(full_name.split()),
        email=email,
        role=role,
    )
    user.set_unusable_password()
    user.save()
    return user
