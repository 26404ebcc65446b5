"""The pages of a refusal (403) and of something not found (404), in Vietnamese, with the menu,
and the page of a server error (500).
"""

import contextlib

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme


def user_message(exception) -> str:
    """The exception's message when it was written for the person who reads the page.

    hocvuso's own refusals speak Vietnamese ("Chỉ cán bộ cấp tỉnh được xem các trang
    này."); Django's are English and meant for developers ("No Report matches the given
    query.", a resolver's list of patterns), so only a message with Vietnamese letters is
    shown.
    """
    message = exception.args[0] if exception is not None and exception.args else ""
    if not isinstance(message, str) or message.isascii():
        return ""
    return message


def way_back(request) -> str:
    """The page the person came from, when it is one of ours and not this one."""
    referer = request.headers.get("Referer", "")
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return "" if referer == request.build_absolute_uri() else referer


def _error_page(request, exception, template: str, status: int):
    context = {"message": user_message(exception), "back": way_back(request)}
    return render(request, template, context, status=status)


def permission_denied(request, exception=None):
    return _error_page(request, exception, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, exception, "404.html", 404)


def server_error(request):
    """`500.html` rendered as Django's own view renders it: without context processors, so
    without the database or the code that may have just failed. The page carries its style
    inline, as its stylesheet might not be reachable either; the request's nonce lets that
    style through the Content-Security-Policy."""
    context = {}
    # Each read on its own: when one fails (a request too broken to say its host), the page
    # still renders, without its style or without its way back.
    with contextlib.suppress(Exception):
        context["csp_nonce"] = str(request.csp_nonce)
    with contextlib.suppress(Exception):
        context["back"] = way_back(request)
    return HttpResponseServerError(loader.get_template("500.html").render(context))
