"""The learning platforms the movement uses; more can be added in the admin."""

DEFAULT_PLATFORMS = [
    ("binhdanhocvuso", "Nền tảng Bình dân học vụ số", "http://binhdanhocvuso.gov.vn"),
    ("haiphong-skills", "Hệ thống đào tạo kỹ năng số thành phố Hải Phòng", ""),
    ("aicongdong", "Cổng đào tạo AI cho cộng đồng", "http://aicongdong.ptit.edu.vn"),
]


def create_default_platforms(Platform):
    for position, (code, name, url) in enumerate(DEFAULT_PLATFORMS, 1):
        Platform.objects.update_or_create(
            code=code, defaults={"name": name, "url": url, "position": position * 10}
        )
