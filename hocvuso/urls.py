from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from hocvuso.api.main import api
from hocvuso.core.views import healthz
from hocvuso.support.views import service_worker

# Vietnamese pages, with the menu and a way back (hocvuso/core/errors.py); 500.html is plain.
handler403 = "hocvuso.core.errors.permission_denied"
handler404 = "hocvuso.core.errors.page_not_found"
handler500 = "hocvuso.core.errors.server_error"

admin.site.site_header = "hocvuso — Bình dân học vụ số"
admin.site.site_title = "hocvuso"
admin.site.index_title = "Quản trị dữ liệu phong trào"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("hocvuso.dashboard.urls")),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include("hocvuso.accounts.urls")),
    path("quan-tri/nhap-excel/", include("hocvuso.imports.urls")),
    path("bao-cao/", include("hocvuso.reports.urls")),
    # The phone pages of a team member; the service worker sits at the root
    # so that it may serve /ghi/ without a signal.
    path("ghi/", include("hocvuso.support.urls")),
    path("ghi/", include("hocvuso.outreach.urls")),
    path("ghi/lop-hoc/", include("hocvuso.learning.urls")),
    path("sw.js", service_worker, name="service_worker"),
    path("to/", include("hocvuso.teams.urls")),
    path("dia-ban/", include("hocvuso.dashboard.village_urls")),
    path("van-ban/", include("hocvuso.documents.urls")),
    path("chi-so/", include("hocvuso.indicators.urls")),
    path("lich-truc/", include("hocvuso.roster.urls")),
    path("tong-quan/", include("hocvuso.overview.urls")),
    path("du-lieu-ca-nhan/", include("hocvuso.privacy.urls")),
    path("thanh-pho/", include("hocvuso.city.urls")),
    path("trung-uong/", include("hocvuso.nation.urls")),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
