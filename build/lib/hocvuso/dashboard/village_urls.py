"""The commune's villages, named `units:…` as the units they are; the page lives in the
dashboard because it also creates the villages' teams and Zalo groups, which sit above units."""

from django.urls import path

from . import village_views

app_name = "units"
urlpatterns = [
    path("", village_views.villages, name="villages"),
    path("<int:pk>/", village_views.village_edit, name="village_edit"),
]
