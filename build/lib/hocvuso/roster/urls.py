from django.urls import path, re_path

from . import days_off, officer, places, public, views

app_name = "roster"
urlpatterns = [
    path("", public.public_index, name="public"),
    re_path(r"^ics/(?P<secret>[A-Za-z0-9_-]+)\.ics$", public.ics_feed, name="ics"),
    path("ics/doi-dia-chi/", views.reset_ics, name="reset_ics"),
    path("cua-toi/", views.mine, name="mine"),
    path("cua-toi/co-mat/<int:pk>/", views.check_in_view, name="check_in"),
    path("doi-ca/", views.swaps, name="swaps"),
    path("doi-ca/<int:pk>/tra-loi/", views.answer, name="answer"),
    path("doi-ca/<int:pk>/duyet/", views.approve, name="approve"),
    path("doi-ca/<int:pk>/huy/", views.cancel, name="cancel"),
    path("quan-ly/", officer.manage, name="manage"),
    path("quan-ly/in/", officer.print_roster, name="print"),
    path("quan-ly/tai-docx/", officer.download_docx, name="docx"),
    path("quan-ly/xep-lich/", officer.generate, name="generate"),
    path("quan-ly/ngay-nghi/", days_off.holidays, name="holidays"),
    path("quan-ly/ngay-nghi/<int:pk>/", days_off.holiday_edit, name="holiday_edit"),
    path("quan-ly/nghi-phep/", days_off.leaves, name="leaves"),
    path("quan-ly/nghi-phep/<int:pk>/", days_off.leave_edit, name="leave_edit"),
    path("quan-ly/dia-diem/", places.places, name="places"),
    path("quan-ly/dia-diem/them/", places.place_add, name="place_add"),
    path("quan-ly/dia-diem/<int:pk>/", places.place_edit, name="place_edit"),
    path("quan-ly/dia-diem/<int:pk>/dung/", places.place_active, name="place_active"),
    # Last: a commune code is digits, so it never shadows the words above.
    re_path(r"^(?P<code>[0-9]{1,10})/$", public.public_commune, name="public_commune"),
]
