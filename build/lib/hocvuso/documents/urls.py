from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("them/", views.add, name="add"),
    path("<int:pk>/sua/", views.change, name="change"),
    path("<int:pk>/ban-ky.pdf", views.signed_file, name="signed_file"),
]
