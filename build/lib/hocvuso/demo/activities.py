"""The plan of the demo's communication activities (tuyên truyền).

The report names the channels: the loudspeakers, the bulletin boards, the
commune's web portal, the social media pages the commune runs, the schools,
the villages and residential areas, with the mass organisations. The plan puts
activities on each, from the commune's plan (19/8/2025) to the end of May 2026,
more densely around the dates its documents set: Ngày chuyển đổi số quốc gia
(10/10/2025), the Smart Hải Phòng contest (Công văn 508) and the Smart Hải Phòng
campaign (Công văn 907 of 14/5/2026). Like the visits, it is made without the
database, from one seeded generator.
"""

import datetime
import random
from dataclasses import dataclass

from hocvuso.documents.models import DocumentKind
from hocvuso.outreach.models import Channel

from .data import DOCUMENTS, SCHOOLS, VILLAGE_NAMES

START = datetime.date(2025, 8, 22)
END = datetime.date(2026, 5, 29)
CAMPAIGN_907 = datetime.date(2026, 5, 14)

# Loudspeaker topics by the date from which they are broadcast.
LOUDSPEAKER_TOPICS = [
    (
        datetime.date(2025, 8, 22),
        "Tuyên truyền Kế hoạch số 41/KH-UBND triển khai phong trào “Bình dân học vụ số”",
    ),
    (
        datetime.date(2025, 10, 1),
        "Tuyên truyền “Ngày hội toàn dân học tập số” và “Ngày chuyển đổi số quốc gia” 10/10",
    ),
    (
        datetime.date(2025, 10, 15),
        "Vận động tham gia Cuộc thi “Công dân số Hải Phòng - sử dụng thông minh, sống an toàn”",
    ),
    (datetime.date(2025, 11, 20), "Hướng dẫn đăng ký, kích hoạt tài khoản định danh điện tử mức 2"),
    (datetime.date(2025, 12, 15), "Cảnh báo các thủ đoạn lừa đảo trên không gian mạng"),
    (datetime.date(2026, 1, 10), "Thanh toán không dùng tiền mặt, quét mã QR dịp Tết Nguyên đán"),
    (
        datetime.date(2026, 2, 25),
        "Lịch trực hỗ trợ người dân của Tổ công nghệ số cộng đồng tại Trung tâm Phục vụ hành chính "
        "công xã",
    ),
    (datetime.date(2026, 3, 25), "Hướng dẫn cài đặt, sử dụng Sổ sức khỏe điện tử"),
    (datetime.date(2026, 4, 20), "Nộp hồ sơ và tra cứu kết quả trên Cổng dịch vụ công quốc gia"),
    (CAMPAIGN_907, "Vận động cài đặt, sử dụng ứng dụng Công dân số Smart Hải Phòng"),
]
SOCIAL_TOPICS = [
    "Chia sẻ video hướng dẫn kích hoạt tài khoản định danh điện tử mức 2",
    "Đăng tin hoạt động của Tổ công nghệ số cộng đồng",
    "Chia sẻ cảnh báo lừa đảo trực tuyến của Công an xã",
    "Hướng dẫn học trên nền tảng Bình dân học vụ số (binhdanhocvuso.gov.vn)",
    "Hướng dẫn cài đặt ứng dụng Công dân số Smart Hải Phòng",
    "Hướng dẫn thanh toán không dùng tiền mặt các khoản phí, lệ phí",
]
EVENTS = [
    (
        datetime.date(2025, 10, 10),
        "Ngày hội toàn dân học tập số, hưởng ứng Ngày chuyển đổi số quốc gia 10/10",
        520,
    ),
    (
        datetime.date(2026, 3, 26),
        "Đoàn thanh niên ra quân hỗ trợ người dân kỹ năng số (Tháng Thanh niên 2026)",
        380,
    ),
    (
        datetime.date(2026, 5, 16),
        "Ra quân hỗ trợ người dân cài đặt ứng dụng Công dân số Smart Hải Phòng",
        460,
    ),
]
KIND_TITLES = {DocumentKind.PLAN: "Kế hoạch", DocumentKind.OFFICIAL_LETTER: "Công văn"}


@dataclass(frozen=True)
class PlannedActivity:
    """One activity; the village by its number (1–20), None for the whole commune."""

    held_on: datetime.date
    channel: str
    title: str
    village: int | None
    times: int
    reach: int | None


def plan_activities(seed: str) -> list[PlannedActivity]:
    rng = random.Random(seed)
    plan: list[PlannedActivity] = []

    def add(held_on, channel, title, village=None, times=1, reach=None):
        plan.append(PlannedActivity(held_on, channel, title, village, times, reach))

    # The loudspeakers run every week or two, and every few days in the campaign.
    day = START
    while day <= END:
        topic = [title for since, title in LOUDSPEAKER_TOPICS if since <= day][-1]
        add(day, Channel.LOUDSPEAKER, topic, times=rng.choice([2, 2, 3]))
        gap = 3 if day >= CAMPAIGN_907 else rng.choice([7, 10, 14])
        day += datetime.timedelta(days=gap)

    # The portal publishes each document the day after it is signed, and a
    # monthly round-up of the teams' work.
    for kind, number, symbol, issued_on, summary in DOCUMENTS:
        title = f"Đăng tải {KIND_TITLES[kind]} số {number}/{symbol} {summary}"
        add(
            issued_on + datetime.timedelta(days=1),
            Channel.PORTAL,
            title,
            reach=rng.randint(300, 900),
        )
    month = datetime.date(2025, 9, 1)
    while month <= END:
        last_day = (month + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
        title = f"Tin hoạt động của Tổ công nghệ số cộng đồng xã tháng {month.month}/{month.year}"
        add(min(last_day, END), Channel.PORTAL, title, reach=rng.randint(200, 700))
        month = last_day + datetime.timedelta(days=1)

    # The commune's social media page posts twice a month.
    day = datetime.date(2025, 8, 25)
    while day <= END:
        add(day, Channel.SOCIAL_MEDIA, rng.choice(SOCIAL_TOPICS), reach=rng.randint(600, 3200))
        day += datetime.timedelta(days=rng.randint(12, 17))

    # Every school for Ngày chuyển đổi số quốc gia, and again in spring.
    for i, school in enumerate(SCHOOLS):
        add(
            datetime.date(2025, 10, 6 + i % 4),
            Channel.SCHOOL,
            f"Tuyên truyền “Bình dân học vụ số”, an toàn trên không gian mạng tại {school}",
            reach=rng.randint(150, 650),
        )
        add(
            datetime.date(2026, 3, 9 + i),
            Channel.SCHOOL,
            f"Hướng dẫn phụ huynh, học sinh kỹ năng số và thanh toán không dùng tiền mặt tại "
            f"{school}",
            reach=rng.randint(150, 650),
        )

    # Every village: the plan at its meeting and its bulletin board in
    # September, and the Smart Hải Phòng campaign at its meeting in May.
    for number, village in enumerate(VILLAGE_NAMES, 1):
        september = datetime.date(2025, 9, rng.randint(5, 28))
        add(
            september,
            Channel.VILLAGE_MEETING,
            f"Phổ biến phong trào “Bình dân học vụ số” tại hội nghị {village}",
            number,
            reach=rng.randint(60, 180),
        )
        add(
            september + datetime.timedelta(days=1),
            Channel.BULLETIN_BOARD,
            f"Niêm yết lịch trực, số điện thoại Tổ công nghệ số cộng đồng tại bảng tin nhà văn "
            f"hóa {village}",
            number,
        )
        add(
            datetime.date(2026, 5, rng.randint(17, 29)),
            Channel.VILLAGE_MEETING,
            f"Hướng dẫn cài đặt ứng dụng Công dân số Smart Hải Phòng tại cuộc họp {village}",
            number,
            reach=rng.randint(60, 180),
        )
    add(
        datetime.date(2025, 9, 3),
        Channel.BULLETIN_BOARD,
        "Niêm yết danh mục dịch vụ công trực tuyến toàn trình tại Trung tâm Phục vụ hành chính "
        "công xã",
    )
    add(
        datetime.date(2026, 5, 15),
        Channel.BULLETIN_BOARD,
        "Niêm yết hướng dẫn cài đặt ứng dụng Công dân số Smart Hải Phòng tại Trung tâm Phục vụ "
        "hành chính công xã",
    )

    for held_on, title, reach in EVENTS:
        add(held_on, Channel.EVENT, title, reach=reach)

    plan.sort(key=lambda a: (a.held_on, a.channel, a.village or 0, a.title))
    return plan
