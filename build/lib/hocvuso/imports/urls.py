from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("mau/<slug:kind>.xlsx", views.template, name="template"),
    path("nhap/", views.upload, name="upload"),
]
