"""The account pages: one's own account and password, the one-time links, a forgotten password.

- `/tai-khoan/`: who I am, a link to change my password; a commune officer also sees the
  logins of the commune's team leaders and members and hands any of them a new link;
- `/tai-khoan/dat-mat-khau/<token>/`: the one-time link itself, for anyone signed out;
- `/tai-khoan/lien-ket/`: the links just made, shown once, printable, with QR codes;
- `/tai-khoan/quen-mat-khau/`: by email when a mail server is set; otherwise it says who can
  hand over a new link.
"""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from hocvuso.core.links import first_url

from .forms import ChangePasswordForm, ForgottenPasswordForm, NewPasswordForm
from .handover import email_configured, hand_over, take_handed
from .models import User, UserRole
from .permissions import may_issue_link
from .services import LinkRefused, issue_setup_link, set_password_with_link, user_of_link

# Where an account lands once its password is set: a commune officer on the setup checklist
# (hocvuso/dashboard), everyone else where `home` sends them. Named, so that this floor
# imports nothing of the pages above it.
AFTER_SETUP = {UserRole.COMMUNE_OFFICER: ("setup_checklist", "home")}
# The city's page of its communes' officer accounts.
CITY_ACCOUNTS = "city:accounts"


@login_required
def index(request):
    user = request.user
    logins = []
    if user.role == UserRole.COMMUNE_OFFICER and user.unit_id is not None:
        logins = list(
            User.objects.filter(
                member__commune_id=user.unit_id,
                role__in=(UserRole.TEAM_LEADER, UserRole.TEAM_MEMBER),
                is_active=True,
            )
            .select_related("member")
            .order_by("member__full_name")
        )
    city_accounts = first_url([CITY_ACCOUNTS]) if user.role == UserRole.CITY_OFFICER else None
    return render(
        request,
        "accounts/index.html",
        {"logins": logins, "city_accounts": city_accounts, "email": email_configured()},
    )


@login_required
@require_POST
def issue_link(request, pk):
    """A new one-time link for an account the user looks after; any other is not found."""
    target = User.objects.select_related("unit").filter(pk=pk).first()
    if target is None or not may_issue_link(request.user, target):
        raise Http404("Không tìm thấy tài khoản.")
    issued = issue_setup_link(request.user, target)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return hand_over(request, [issued], back or reverse("accounts:index"))


@never_cache
@login_required
def links(request):
    """The links just made, once: a reload shows none (the tokens are not kept)."""
    handed, back = take_handed(request)
    return render(
        request,
        "accounts/links.html",
        # Not "links": the menu of base.html has that name.
        {"handed": handed, "back": back, "email": email_configured()},
    )


def _refused(request, refusal: LinkRefused):
    return render(request, "accounts/link_refused.html", {"message": str(refusal)}, status=410)


@never_cache
@sensitive_post_parameters()
def set_password(request, token):
    """The one-time link: a new password twice; then signed in, at the first page of the role."""
    try:
        account = user_of_link(token)
    except LinkRefused as refusal:
        return _refused(request, refusal)
    form = NewPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = set_password_with_link(token, form.cleaned_data["new_password1"])
        except LinkRefused as refusal:
            return _refused(request, refusal)
        login(request, account, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, f"Đã đặt mật khẩu. Từ nay đăng nhập bằng tên “{account.username}”."
        )
        return redirect(first_url(AFTER_SETUP.get(account.role, ("home",))))
    response = render(request, "accounts/set_password.html", {"form": form, "account": account})
    # The token is in the address: no other site learns it from a link on this page.
    # ("no-referrer" would also make the browser post the form with "Origin: null", which
    # the CSRF check refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


@login_required
@sensitive_post_parameters()
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Changing the password signs out the other sessions, not this one.
        update_session_auth_hash(request, form.user)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("accounts:index")
    return render(request, "accounts/change_password.html", {"form": form})


def forgotten_password(request):
    """By email when a mail server is set; otherwise the page says who hands a new link."""
    if not email_configured():
        return render(request, "accounts/forgotten_offline.html")
    view = auth_views.PasswordResetView.as_view(
        form_class=ForgottenPasswordForm,
        template_name="accounts/forgotten.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:forgotten_sent"),
    )
    return view(request)


forgotten_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/forgotten_sent.html"
)
reset_password = auth_views.PasswordResetConfirmView.as_view(
    form_class=NewPasswordForm,
    template_name="accounts/reset_password.html",
    success_url=reverse_lazy("accounts:reset_done"),
)
reset_done = auth_views.PasswordResetCompleteView.as_view(template_name="accounts/reset_done.html")
