"""The national learning platforms of the movement.

A province's own platforms (a city's digital-skills system, say) are rows with
its `province`, added on the province's settings page; the demo adds its city's.
"""

DEFAULT_PLATFORMS = [
    ("binhdanhocvuso", "Nền tảng Bình dân học vụ số", "http://binhdanhocvuso.gov.vn"),
    ("aicongdong", "Cổng đào tạo AI cho cộng đồng", "http://aicongdong.ptit.edu.vn"),
]


def create_default_platforms(Platform):
    for position, (code, name, url) in enumerate(DEFAULT_PLATFORMS, 1):
        Platform.objects.update_or_create(
            code=code, defaults={"name": name, "url": url, "position": position * 10}
        )
