from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("thanh-vien/<int:pk>/", views.member, name="member"),
    path("thanh-vien/<int:pk>/tai-ve.json", views.export_json, name="export_json"),
    path("thanh-vien/<int:pk>/tai-ve.xlsx", views.export_xlsx, name="export_xlsx"),
    path("thanh-vien/<int:pk>/xoa/", views.erase, name="erase"),
]
