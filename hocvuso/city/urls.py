from django.urls import path

from . import pages, views

app_name = "city"
urlpatterns = [
    *pages.request_paths(views),
    path("thiet-lap/", views.province_settings, name="settings"),
    path("tai-khoan/", views.officer_accounts, name="accounts"),
    path("tai-khoan/mau.xlsx", views.officer_accounts_template, name="accounts_template"),
    path("tai-khoan/nhap-excel/", views.officer_accounts_upload, name="accounts_upload"),
    path("thiet-lap/<int:pk>/", views.province_settings, name="settings_of"),
    path("yeu-cau/<int:pk>/bao-cao-thanh-pho/", views.city_report, name="city_report"),
    path(
        "yeu-cau/<int:pk>/bao-cao-thanh-pho/tai/<str:fmt>/",
        views.city_report_download,
        name="city_report_download",
    ),
    path("bao-cao-xa/<int:pk>/", views.submission, name="submission"),
    path("gui-bao-cao/<int:pk>/", views.submit, name="submit"),
    path(
        "bao-cao-xa/<int:pk>/tai/<str:fmt>/",
        views.submission_download,
        name="submission_download",
    ),
]
