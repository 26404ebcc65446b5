"""The fixed facts of the demo commune, written once so that they read as a list.

What comes from the real report of UBND xã Chí Minh (the four documents, the
twenty villages, the teams, the channels, the platforms, the indicators) is
copied exactly. Everything else — the names of villages and schools, the
people, the counts — is illustrative: plausible for a rural commune of the
Red River delta, but invented, and never to be read as the commune's real data.
"""

import datetime

from hocvuso.documents.models import DocumentKind
from hocvuso.learning.models import LearnerGroup

PROVINCE_CODE = 31  # Thành phố Hải Phòng

# The city's own platform and app, which the seed names; they are rows of the
# city (`province`), not of the national catalogue, and its settings name the app.
CITY_PLATFORM = ("haiphong-skills", "Hệ thống đào tạo kỹ năng số thành phố Hải Phòng", "", 15)
CITY_APP_SERVICE = (
    "smart-haiphong",
    "Cài đặt, sử dụng ứng dụng Công dân số Smart Hải Phòng",
    "Smart Hải Phòng",
    65,
)
CITY_LOCAL_APPS = "ứng dụng Công dân số Smart Hải Phòng"
CITY_PROGRAMMES = "Đề án 06"
# Where the commune team's duty roster sits, as the seed names it.
DUTY_PLACE_NAME = "Trung tâm Dịch vụ sự nghiệp công xã"
COMMUNE_CODE = "11131"  # Xã Chí Minh
ISSUER = "UBND xã Chí Minh"

# The report counts "from the beginning of 2026 until now"; it was written in
# answer to Công văn 1885/SKHCN-TTTT of 15/5/2026, so "now" is the end of May.
PERIOD_START = datetime.date(2026, 1, 1)
PERIOD_END = datetime.date(2026, 5, 31)
REQUEST_ISSUED_ON = datetime.date(2026, 5, 15)
# The duty roster of the commune team at the service centre.
ROSTER_FROM = datetime.date(2026, 6, 1)
ROSTER_TO = datetime.date(2026, 12, 31)
# The request's deadline is not in the report; a plausible fortnight or so.
REQUEST_DEADLINE = datetime.date(2026, 6, 5)

# The teams were set up after the commune's plan of 19/8/2025.
TEAMS_FROM = datetime.date(2025, 8, 25)

# Illustrative village names, typical of the northern delta; the real villages
# of xã Chí Minh are not listed in the report and are not claimed here. Only
# their number, 20, is a fact.
VILLAGE_NAMES = [
    "Thôn Đông",
    "Thôn Đoài",
    "Thôn Trung Lăng",
    "Thôn Thượng Đạt",
    "Thôn Hạ Đạt",
    "Thôn Phù Lưu",
    "Thôn An Bình",
    "Thôn Tân Hưng",
    "Thôn Phúc Lâm",
    "Thôn Kim Lũ",
    "Thôn Đồng Tâm",
    "Thôn Vĩnh Lại",
    "Thôn Lai Cầu",
    "Thôn Quý Cao",
    "Thôn Mỹ Xá",
    "Thôn Hòa Bình",
    "Thôn Nhân Lý",
    "Thôn Cổ Pháp",
    "Thôn Văn Cú",
    "Thôn Bắc Sơn",
]

# Illustrative too; their number (9) is the denominator of the two school
# indicators, which the report puts at 100%.
SCHOOLS = [
    "Trường Mầm non Chí Minh",
    "Trường Mầm non Trung Lăng",
    "Trường Mầm non Phù Lưu",
    "Trường Tiểu học Chí Minh",
    "Trường Tiểu học Trung Lăng",
    "Trường Tiểu học Phù Lưu",
    "Trường THCS Chí Minh",
    "Trường THCS Trung Lăng",
    "Trường THCS Phù Lưu",
]

# (kind, number, symbol, issued on, summary): exactly as the report lists them.
DOCUMENTS = [
    (
        DocumentKind.PLAN,
        41,
        "KH-UBND",
        datetime.date(2025, 8, 19),
        "về việc triển khai thực hiện phong trào “Bình dân học vụ số” trên địa bàn xã Chí Minh",
    ),
    (
        DocumentKind.OFFICIAL_LETTER,
        444,
        "UBND-VHXH",
        datetime.date(2025, 10, 6),
        "về việc tổ chức triển khai đồng bộ phong trào “Bình dân học vụ số”, “Ngày hội toàn dân "
        "học tập số” và “Ngày chuyển đổi số quốc gia”",
    ),
    (
        DocumentKind.OFFICIAL_LETTER,
        508,
        "UBND-VHXH",
        datetime.date(2025, 10, 14),
        "về việc hướng dẫn tham gia Cuộc thi “Công dân số Hải Phòng - sử dụng thông minh, sống "
        "an toàn” và triển khai cài đặt ứng dụng Smart Hải Phòng",
    ),
    (
        DocumentKind.OFFICIAL_LETTER,
        907,
        "UBND-VHXH",
        datetime.date(2026, 5, 14),
        "về việc triển khai cài đặt và sử dụng ứng dụng Công dân số Smart Hải Phòng",
    ),
]

# Digital classes: (date, topic, where, village number or None, attendees by group).
CLASSES = [
    (
        datetime.date(2025, 9, 12),
        "Kỹ năng số cơ bản cho cán bộ, công chức: chữ ký số, xử lý văn bản trên môi trường mạng",
        "Hội trường UBND xã",
        None,
        {"officials": 46},
    ),
    (
        datetime.date(2025, 9, 26),
        "Sử dụng điện thoại thông minh an toàn, đăng ký và kích hoạt VNeID",
        "Nhà văn hóa Thôn Đông",
        1,
        {"citizens": 38},
    ),
    (
        datetime.date(2025, 10, 10),
        "Ngày chuyển đổi số quốc gia: trải nghiệm dịch vụ công trực tuyến",
        "Trung tâm Phục vụ hành chính công xã",
        None,
        {"officials": 22, "students": 30, "citizens": 65},
    ),
    (
        datetime.date(2025, 10, 24),
        "Ứng dụng trí tuệ nhân tạo trong thiết kế bài giảng, xây dựng học liệu số",
        "Trường THCS Chí Minh",
        None,
        {"teachers": 52},
    ),
    (
        datetime.date(2025, 11, 14),
        "Cài đặt, sử dụng ứng dụng Công dân số Smart Hải Phòng",
        "Nhà văn hóa Thôn Trung Lăng",
        3,
        {"citizens": 44},
    ),
    (
        datetime.date(2025, 12, 5),
        "An toàn trên không gian mạng, nhận diện lừa đảo trực tuyến",
        "Trường THCS Trung Lăng",
        None,
        {"teachers": 12, "students": 186},
    ),
    (
        datetime.date(2026, 1, 16),
        "Thanh toán không dùng tiền mặt, tạo và dùng mã QR cho hộ kinh doanh",
        "Nhà văn hóa Thôn An Bình",
        7,
        {"citizens": 35},
    ),
    (
        datetime.date(2026, 3, 6),
        "Cài đặt, sử dụng Sổ sức khỏe điện tử cho người cao tuổi",
        "Nhà văn hóa Thôn Kim Lũ",
        10,
        {"citizens": 41},
    ),
    (
        datetime.date(2026, 3, 20),
        "Tháng Thanh niên: tập huấn đoàn viên kỹ năng hướng dẫn người dân dùng dịch vụ số",
        "Hội trường UBND xã",
        None,
        {"officials": 6, "citizens": 48},
    ),
    (
        datetime.date(2026, 4, 10),
        "Khai thác nền tảng Bình dân học vụ số và học liệu số cho giáo viên",
        "Trường Tiểu học Chí Minh",
        None,
        {"teachers": 64},
    ),
    (
        datetime.date(2026, 5, 15),
        "Triển khai cài đặt, sử dụng ứng dụng Công dân số Smart Hải Phòng (Công văn 907)",
        "Hội trường UBND xã",
        None,
        {"officials": 31, "citizens": 82},
    ),
    (
        datetime.date(2026, 5, 22),
        "Nộp hồ sơ, thanh toán và tra cứu kết quả trên Cổng dịch vụ công quốc gia",
        "Nhà văn hóa Thôn Mỹ Xá",
        15,
        {"citizens": 46},
    ),
]

# Online courses taken from the plan (19/8/2025) to the end of the period:
# platform code -> {group: (participants, completed)}. The report names the
# three platforms and the four groups, without figures; these are invented.
COURSES_FROM = datetime.date(2025, 8, 19)
COURSES_SOURCE = "Tổng hợp từ các trường học, cơ quan, đơn vị và số liệu nền tảng"
COURSES = {
    "binhdanhocvuso": {
        LearnerGroup.OFFICIALS: (64, 61),
        LearnerGroup.TEACHERS: (218, 197),
        LearnerGroup.STUDENTS: (1846, 1412),
        LearnerGroup.CITIZENS: (1237, 858),
    },
    "haiphong-skills": {
        LearnerGroup.OFFICIALS: (64, 58),
        LearnerGroup.TEACHERS: (176, 152),
        LearnerGroup.STUDENTS: (512, 377),
        LearnerGroup.CITIZENS: (418, 263),
    },
    "aicongdong": {
        LearnerGroup.OFFICIALS: (47, 39),
        LearnerGroup.TEACHERS: (196, 171),
        LearnerGroup.STUDENTS: (325, 214),
        LearnerGroup.CITIZENS: (152, 87),
    },
}

# Indicator values at the end of the period: code -> (numerator, denominator,
# is estimate, note). The shares are the report's; the counts behind them are
# invented. "khoảng trên 70%" of household businesses is an estimate.
INDICATORS = {
    "schools-cashless": (len(SCHOOLS), len(SCHOOLS), False, ""),
    "benefits-by-bank": (1086, 1086, False, "Người có công và đối tượng bảo trợ xã hội"),
    "household-business-qr": (213, 300, True, "Ước tính qua rà soát của các thôn"),
    "village-wifi": (len(VILLAGE_NAMES), len(VILLAGE_NAMES), False, ""),
    "schools-digital-learning": (len(SCHOOLS), len(SCHOOLS), False, ""),
}
