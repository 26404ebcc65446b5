from django.urls import path

from . import views

app_name = "overview"
urlpatterns = [
    path("", views.index, name="index"),
    path("luot-ho-tro/", views.visits, name="visits"),
    path("tuyen-truyen/", views.activities, name="activities"),
    path("lop-hoc/", views.classes, name="classes"),
    path("xuat-excel/", views.export, name="export"),
    path("xuat-excel/<int:pk>/", views.export_status, name="export_status"),
    path("xuat-excel/<int:pk>/tai/", views.export_download, name="export_download"),
]
