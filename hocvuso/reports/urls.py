from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("thiet-lap/", views.unit_settings, name="settings"),
    path("thiet-lap/<int:pk>/", views.unit_settings, name="settings_of"),
    path("<int:pk>/", views.detail, name="detail"),
    path("tep/<int:pk>/", views.render_status, name="render_status"),
    path("tep/<int:pk>/tai/", views.render_download, name="render_download"),
    path("<int:pk>/tai/<str:fmt>/", views.download, name="download"),
    path("<int:pk>/ban-hanh/", views.issue, name="issue"),
    path("<int:pk>/da-gui/", views.send, name="send"),
    path("<int:pk>/huy/", views.cancel, name="cancel"),
]
