from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.index, name="index"),
    path("mat-khau/", views.change_password, name="change_password"),
    path("<int:pk>/lien-ket-moi/", views.issue_link, name="issue_link"),
    path("lien-ket/", views.links, name="links"),
    path("dat-mat-khau/<str:token>/", views.set_password, name="set_password"),
    path("quen-mat-khau/", views.forgotten_password, name="forgotten"),
    path("quen-mat-khau/da-gui/", views.forgotten_sent, name="forgotten_sent"),
    path("quen-mat-khau/<uidb64>/<token>/", views.reset_password, name="password_reset_confirm"),
    path("quen-mat-khau/xong/", views.reset_done, name="reset_done"),
]
