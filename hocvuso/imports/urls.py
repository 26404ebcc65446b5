from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("mau/<slug:kind>.xlsx", views.template, name="template"),
    path("nhap/", views.upload, name="upload"),
    path("lan-nhap/<int:pk>/", views.job, name="job"),
    path("lan-nhap/<int:pk>/lien-ket/", views.job_links, name="job_links"),
]
