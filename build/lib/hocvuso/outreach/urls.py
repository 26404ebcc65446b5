from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("tuyen-truyen/", views.log, name="log"),
    path("zalo/", views.zalo, name="zalo"),
]
