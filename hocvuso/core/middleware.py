"""Pages shown to a signed-in user are never kept by a browser or a proxy.

They show members' names and phones (Law 91/2025; ASVS 14.3.2): `Cache-Control: no-store`
keeps them out of a shared phone's browser cache and of any cache on the way. The service
worker's copy of the logging page is its own, forgotten at logout.
"""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreWhenSignedIn:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
