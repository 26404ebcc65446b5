"""The project's URLs and one view that fails, to see the 500 page (test_error_pages)."""

from django.urls import path

from hocvuso.urls import handler403, handler404, handler500  # noqa: F401 (the project's pages)
from hocvuso.urls import urlpatterns as project_urlpatterns


def failing_view(request):
    raise RuntimeError("the database went away")


urlpatterns = [path("hong/", failing_view), *project_urlpatterns]
