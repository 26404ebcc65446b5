"""A short account of what the demo commune holds, printed by `manage.py load_demo`."""

from django.db import models
from django.db.models import Sum

from hocvuso.core.formatting import vn_date, vn_number
from hocvuso.documents.models import Document
from hocvuso.indicators.models import IndicatorValue
from hocvuso.learning.models import CourseParticipation, DigitalClass
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.support.models import SupportVisit
from hocvuso.teams.models import Member, Team, TeamLevel
from hocvuso.units.models import Level, Unit

from . import data
from .logins import DEMO_LOGINS, PASSWORD


def describe(commune: Unit) -> list[str]:
    """A short account, in Vietnamese, of what the demo commune holds."""
    count = models.Count("pk")
    teams = dict(
        Team.objects.filter(commune=commune)
        .values("level")
        .annotate(n=count)
        .values_list("level", "n")
    )
    members = Member.objects.filter(commune=commune).count()
    villages = Unit.objects.filter(parent=commune, level=Level.VILLAGE).count()
    documents = ", ".join(
        f"{d.number_symbol} ngày {vn_date(d.issued_on)}"
        for d in Document.objects.filter(commune=commune)
    )
    zalo = ZaloGroup.objects.filter(commune=commune).aggregate(n=count, people=Sum("member_count"))
    outreach = OutreachActivity.objects.filter(commune=commune).count()
    visits = SupportVisit.objects.filter(
        commune=commune, occurred_at__date__range=(data.PERIOD_START, data.PERIOD_END)
    ).aggregate(n=count, people=Sum("people"))
    attendees = models.F("officials") + models.F("teachers") + models.F("students")
    classes = DigitalClass.objects.filter(commune=commune).aggregate(
        n=count, people=Sum(attendees + models.F("citizens"))
    )
    courses = CourseParticipation.objects.filter(commune=commune).aggregate(
        platforms=models.Count("platform", distinct=True), people=Sum("participants")
    )
    indicators = IndicatorValue.objects.filter(commune=commune, period_end=data.PERIOD_END).count()
    period = f"từ {vn_date(data.PERIOD_START)} đến {vn_date(data.PERIOD_END)}"
    n = vn_number
    return [
        f"{commune.name} (mã {commune.code}), {commune.parent.name}: {villages} thôn.",
        f"Tổ công nghệ số cộng đồng: {teams.get(TeamLevel.COMMUNE, 0)} tổ cấp xã, "
        f"{teams.get(TeamLevel.VILLAGE, 0)} tổ cấp thôn, "
        f"{teams.get(TeamLevel.RAPID_RESPONSE, 0)} tổ ứng cứu; {members} thành viên.",
        f"Văn bản chỉ đạo: {documents}.",
        f"Nhóm Zalo: {zalo['n']} nhóm, {n(zalo['people'] or 0)} thành viên.",
        f"Hoạt động tuyên truyền: {outreach}.",
        f"Hỗ trợ {period}: {n(visits['n'])} lần ghi, {n(visits['people'] or 0)} lượt công dân.",
        f"Lớp học số: {classes['n']} lớp, {n(classes['people'] or 0)} người học.",
        f"Khóa học trực tuyến: {n(courses['people'] or 0)} lượt tham gia trên "
        f"{courses['platforms']} nền tảng.",
        f"Chỉ số đến {vn_date(data.PERIOD_END)}: {indicators} giá trị.",
        "Tài khoản: "
        + ", ".join(login.username for login in DEMO_LOGINS)
        + f" (mật khẩu chung {PASSWORD}; xem manage.py demo_logins).",
    ]
