from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("thiet-lap-ban-dau/", views.setup_checklist, name="setup_checklist"),
]
