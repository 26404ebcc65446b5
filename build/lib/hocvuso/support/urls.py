from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("", views.log, name="log"),
    path("hom-nay/", views.today, name="today"),
    path("<int:pk>/sua/", views.change, name="change"),
    path("<int:pk>/xoa/", views.delete, name="delete"),
]
