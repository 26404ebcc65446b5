"""The national catalogue of support services; a province adds its own apps (`province`)."""

# (code, name, short name, description)
DEFAULT_SERVICES = [
    ("vneid-register", "Đăng ký tài khoản định danh điện tử (VNeID)", "Đăng ký VNeID", ""),
    ("vneid-activate", "Kích hoạt tài khoản định danh điện tử mức 2", "Kích hoạt VNeID mức 2", ""),
    (
        "dvc-filing",
        "Nộp hồ sơ dịch vụ công trực tuyến",
        "Nộp hồ sơ DVC",
        "Cổng dịch vụ công quốc gia, toàn trình hoặc một phần",
    ),
    ("dvc-payment", "Thanh toán phí, lệ phí trực tuyến", "Thanh toán trực tuyến", ""),
    ("dvc-lookup", "Tra cứu kết quả giải quyết thủ tục hành chính", "Tra cứu kết quả", ""),
    ("health-book", "Cài đặt, sử dụng Sổ sức khỏe điện tử", "Sổ sức khỏe điện tử", ""),
    ("login-recovery", "Đăng nhập, khôi phục tài khoản", "Đăng nhập / khôi phục", ""),
    (
        "qr-payment",
        "Thanh toán không dùng tiền mặt (quét mã QR, chuyển khoản)",
        "Quét QR, chuyển khoản",
        "",
    ),
    ("anti-fraud", "Tư vấn phòng chống lừa đảo công nghệ", "Phòng chống lừa đảo", ""),
    ("other", "Hỗ trợ khác", "Khác", ""),
]


def create_default_services(Service):
    for position, (code, name, short_name, description) in enumerate(DEFAULT_SERVICES, 1):
        Service.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "description": description,
                "position": position * 10,
            },
        )
