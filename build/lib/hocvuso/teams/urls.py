from django.urls import path

from . import views

app_name = "teams"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/them-thanh-vien/", views.add_member, name="add_member"),
    path("<int:pk>/thanh-vien/<int:member_pk>/sua/", views.change_member, name="change_member"),
    path(
        "<int:pk>/thanh-vien/<int:member_pk>/ngung/",
        views.deactivate_member,
        name="deactivate_member",
    ),
    path(
        "<int:pk>/thanh-vien/<int:member_pk>/kich-hoat/",
        views.reactivate_member,
        name="reactivate_member",
    ),
]
