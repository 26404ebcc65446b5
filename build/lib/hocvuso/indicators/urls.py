from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.index, name="index"),
    path("nhap/", views.add, name="add"),
    path("<int:pk>/sua/", views.change, name="change"),
]
