"""The indicators the movement reports on (seed report, Plan 01-KH/BCĐTW)."""

# (code, name, kind, numerator label, denominator label, unit label, source)
DEFAULT_INDICATORS = [
    (
        "schools-cashless",
        "Tỷ lệ trường học thực hiện thanh toán không dùng tiền mặt các khoản thu",
        "share",
        "Số trường thu không dùng tiền mặt",
        "Tổng số trường học",
        "%",
        "Các trường học",
    ),
    (
        "benefits-by-bank",
        "Tỷ lệ đối tượng người có công, bảo trợ xã hội được chi trả qua tài khoản",
        "share",
        "Số đối tượng nhận qua tài khoản",
        "Tổng số đối tượng",
        "%",
        "Bộ phận Văn hóa - Xã hội",
    ),
    (
        "household-business-qr",
        "Tỷ lệ hộ kinh doanh sử dụng mã QR hoặc chuyển khoản",
        "share",
        "Số hộ kinh doanh dùng QR/chuyển khoản",
        "Tổng số hộ kinh doanh",
        "%",
        "Bộ phận Kinh tế",
    ),
    (
        "village-wifi",
        "Tỷ lệ nhà văn hóa khu dân cư có Wi-Fi tốc độ cao",
        "share",
        "Số nhà văn hóa có Wi-Fi",
        "Tổng số nhà văn hóa khu dân cư",
        "%",
        "Doanh nghiệp viễn thông",
    ),
    (
        "schools-digital-learning",
        "Tỷ lệ trường học ứng dụng học liệu số, bài giảng điện tử",
        "share",
        "Số trường ứng dụng",
        "Tổng số trường học",
        "%",
        "Các trường học",
    ),
    (
        "adults-vneid",
        "Tỷ lệ người trưởng thành có tài khoản định danh điện tử mức 2",
        "share",
        "Số người có VNeID mức 2",
        "Số người từ 14 tuổi",
        "%",
        "Công an",
    ),
    (
        "officials-digital-skills",
        "Tỷ lệ cán bộ, công chức có kỹ năng số cơ bản",
        "share",
        "Số cán bộ đạt",
        "Tổng số cán bộ, công chức",
        "%",
        "Văn phòng UBND",
    ),
    (
        "students-digital-skills",
        "Tỷ lệ học sinh có kỹ năng số cơ bản",
        "share",
        "Số học sinh đạt",
        "Tổng số học sinh",
        "%",
        "Các trường học",
    ),
    (
        "adults-digital-skills",
        "Tỷ lệ người trưởng thành có kỹ năng số cơ bản",
        "share",
        "Số người đạt",
        "Số người trưởng thành",
        "%",
        "Khảo sát",
    ),
]


# The four indicators of Plan 01-KH/BCĐTW that a city sets targets for.
PLAN_01_SOURCE = "Kế hoạch số 01-KH/BCĐTW"
PLAN_01_INDICATORS = [
    "officials-digital-skills",
    "students-digital-skills",
    "adults-digital-skills",
    "adults-vneid",
]

# Illustrative 2026 targets of a city under Plan 01-KH/BCĐTW, in percent: plausible
# values for the demo and the tests, not quoted from any city's plan. A city
# replaces them with its own (admin: Chỉ tiêu).
ILLUSTRATIVE_CITY_TARGETS_2026 = {
    "officials-digital-skills": 100,
    "students-digital-skills": 90,
    "adults-digital-skills": 80,
    "adults-vneid": 90,
}


def create_city_targets(Indicator, Target, province, year=2026, values=None):
    """Set the city's targets where it has none yet; never overwrite one a city set."""
    values = values or ILLUSTRATIVE_CITY_TARGETS_2026
    for indicator in Indicator.objects.filter(code__in=values):
        if not Target.objects.filter(indicator=indicator, unit=province, year=year).exists():
            Target.objects.create(
                indicator=indicator,
                unit=province,
                year=year,
                value=values[indicator.code],
                source=PLAN_01_SOURCE,
            )


def create_default_indicators(Indicator):
    for position, row in enumerate(DEFAULT_INDICATORS, 1):
        code, name, kind, numerator, denominator, unit_label, source = row
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "numerator_label": numerator,
                "denominator_label": denominator,
                "unit_label": unit_label,
                "default_source": source,
                "position": position * 10,
            },
        )
