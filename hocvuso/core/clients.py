"""The address of the client making a request, as the proxies in front of the site tell it.

Behind a reverse proxy (nginx, a load balancer), REMOTE_ADDR is the proxy's address and the
client's is the last one the proxy appended to X-Forwarded-For. Anyone can send that header,
so only the entries appended by proxies we run are believed: with TRUSTED_PROXY_COUNT = n,
the n-th address from the right. With 0 (no proxy), the header is ignored.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    address = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None
