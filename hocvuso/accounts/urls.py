from django.urls import path

from . import second_factor_views, views

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
    path("xac-thuc/", second_factor_views.status, name="second_factor"),
    path("xac-thuc/cai-dat/", second_factor_views.setup, name="second_factor_setup"),
    path("xac-thuc/nhap-ma/", second_factor_views.verify, name="second_factor_verify"),
    path("xac-thuc/ma-du-phong/", second_factor_views.new_codes, name="second_factor_codes"),
    path("xac-thuc/xoa/", second_factor_views.reset, name="second_factor_reset"),
]
