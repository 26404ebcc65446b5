from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """For load balancers and monitoring: the web process answers, without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
