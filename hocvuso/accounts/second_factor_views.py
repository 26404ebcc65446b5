"""The second factor's pages, under /tai-khoan/xac-thuc/.

- `/cai-dat/`: set up an authenticator app (QR code and the key to type), confirm it with a
  code, then see the ten recovery codes once;
- `/nhap-ma/`: after the password, a code from the app or a recovery code;
- `/`: the account's second factor: new recovery codes, or removing the app to set up anew.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticToken

from . import second_factor
from .second_factor import needs_second_factor


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")


def _with_next(name, request):
    return redirect(f"{reverse(name)}?{urlencode({'next': _next(request)})}")


def _codes_page(request, codes, next_url):
    return render(request, "accounts/second_factor_codes.html", {"codes": codes, "next": next_url})


@never_cache
@login_required
def setup(request):
    user = request.user
    if second_factor.has_device(user):
        # A second app only once this session passed the first: else it would be a way round.
        if not user.is_verified():
            return _with_next("accounts:second_factor_verify", request)
        return redirect("accounts:second_factor")
    device = second_factor.pending_app(user)
    error = ""
    if request.method == "POST":
        codes = second_factor.confirm_app(request, device, request.POST.get("code", ""))
        if codes is not None:
            return _codes_page(request, codes, _next(request))
        error = "Mã không đúng. Hãy nhập 6 chữ số ứng dụng đang hiện (mã đổi sau 30 giây)."
    context = {
        "qr": second_factor.qr_svg(device),
        "key": second_factor.manual_key(device),
        "error": error,
        "next": _next(request),
        "required": needs_second_factor(user),
    }
    return render(request, "accounts/second_factor_setup.html", context)


@never_cache
@login_required
def verify(request):
    if request.user.is_verified():
        return redirect(_next(request))
    if not second_factor.has_device(request.user):
        return _with_next("accounts:second_factor_setup", request)
    error = ""
    if request.method == "POST":
        if second_factor.verify(request, request.POST.get("code", "")):
            return redirect(_next(request))
        error = "Mã không đúng hoặc đã dùng. Hãy thử lại."
    return render(
        request, "accounts/second_factor_verify.html", {"error": error, "next": _next(request)}
    )


@login_required
def status(request):
    user = request.user
    left = StaticToken.objects.filter(device__user=user).count()
    context = {
        "has_device": second_factor.has_device(user),
        "codes_left": left,
        "required": needs_second_factor(user),
    }
    return render(request, "accounts/second_factor.html", context)


@never_cache
@login_required
@require_POST
def new_codes(request):
    if not second_factor.has_device(request.user):
        return redirect("accounts:second_factor")
    codes = second_factor.new_recovery_codes(request.user, request)
    return _codes_page(request, codes, reverse("accounts:second_factor"))


@login_required
@require_POST
def reset(request):
    second_factor.reset(request.user, request.user, request)
    messages.success(request, "Đã xóa ứng dụng xác thực và các mã dự phòng của bạn.")
    return redirect("accounts:second_factor_setup")
