from django.urls import path

from hocvuso.city.pages import request_paths

from . import views

app_name = "nation"
urlpatterns = [
    # The Ministry's pages.
    *request_paths(views),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("tong-quan/tinh/<int:province_pk>/", views.dashboard, name="province_dashboard"),
    path("yeu-cau/<int:pk>/tinh/<int:province_pk>/", views.province_detail, name="province"),
    path("yeu-cau/<int:pk>/bao-cao-bo/", views.nation_report, name="report"),
    path(
        "yeu-cau/<int:pk>/bao-cao-bo/tai/<str:fmt>/",
        views.nation_report_download,
        name="report_download",
    ),
    path("bao-cao-tinh/<int:pk>/", views.answer, name="answer"),
    path("bao-cao-tinh/<int:pk>/tai/<str:fmt>/", views.answer_download, name="answer_download"),
    # The province's answers to the Ministry.
    path("tinh/", views.answers, name="answers"),
    path("tinh/yeu-cau/<int:pk>/", views.answer_request, name="answer_request"),
    path(
        "tinh/yeu-cau/<int:pk>/bao-cao/<int:report_pk>.docx",
        views.answer_draft_download,
        name="answer_draft_download",
    ),
]
