"""The inventory of the personal data hocvuso holds: every field of every model, tagged.

Law 91/2025 and Decree 356/2025 ask whoever processes personal data to know what they hold,
why, who sees it and how long it is kept (the impact assessment, Art. 21–22). Each model of
ours says it here once; `core/tests/test_personal_data.py` fails on a field that is not tagged,
so a new field cannot arrive without a decision, and on a docs/personal-data.md that no longer
holds `inventory_markdown()` (print it with `manage.py personal_data_inventory`).

The erasure of a member (`privacy.services.erase_member`) blanks the fields tagged PERSON.
"""

from dataclasses import dataclass, field

PERSON = "person"  # names a person or reaches them: name, phone, email, login
LINK = "link"  # points at a member or a login: who did, who was on duty
TRACE = "trace"  # when a person did something: last sign-in, check-in, leave
TEXT = "text"  # free text or a file, which might carry someone's data by mistake
PROFILE = "profile"  # a coarse, anonymous profile of the citizens helped
SECRET = "secret"  # a password's or token's hash
NONE = "none"  # not about a person

CATEGORY_LABELS = {
    PERSON: "định danh",
    LINK: "liên kết tới người",
    TRACE: "dấu vết hoạt động",
    TEXT: "văn bản tự do, tệp",
    PROFILE: "đặc điểm ẩn danh",
    SECRET: "mã băm bí mật",
    NONE: "không phải dữ liệu cá nhân",
}

TIMESTAMPS = "created_at updated_at"


@dataclass
class Holding:
    """What one model holds about people: why, who sees it, how long; its fields by category."""

    purpose: str
    seen_by: str
    kept: str
    fields: dict = field(default_factory=dict)

    def names(self, category: str) -> list[str]:
        return self.fields.get(category, "").split()

    def category_of(self, name: str) -> str | None:
        for category, names in self.fields.items():
            if name in names.split():
                return category
        return None


OFFICERS = (
    "cán bộ xã, phường của đơn vị; cán bộ tỉnh, thành phố và cán bộ Bộ (chỉ đọc); quản trị viên"
)
TEAM = "tổ trưởng của tổ; " + OFFICERS
WHILE_NEEDED = "trong thời gian phong trào cần cho báo cáo; xóa theo yêu cầu hoặc khi hết cần"
SETTINGS = "đến khi đơn vị thay đổi thiết lập"

INVENTORY = {
    "core.TaskWorker": Holding(
        "tiến trình chạy việc nền đang chạy",
        "không ai (chỉ chương trình)",
        "đến khi tiến trình dừng; một ngày nếu nó chết",
        {NONE: "worker_id host pid started_at seen_at"},
    ),
    "units.Unit": Holding(
        "danh mục đơn vị hành chính",
        "mọi người dùng",
        "lâu dài (danh mục)",
        {
            NONE: f"{TIMESTAMPS} level kind code name short_name parent valid_from valid_to "
            "commune_scope merged_from"
        },
    ),
    "units.UnitSettings": Holding(
        "thiết lập của tỉnh, xã",
        OFFICERS,
        SETTINGS,
        {
            NONE: f"{TIMESTAMPS} unit service_centre portal local_apps programmes department "
            "department_short"
        },
    ),
    "accounts.User": Holding(
        "đăng nhập; gửi liên kết đặt mật khẩu; biết ai đã ghi, sửa dữ liệu",
        "chính người đó; cán bộ cấp tài khoản; quản trị viên",
        "đến khi người đó thôi tham gia hoặc yêu cầu xóa; khóa sau "
        "INACTIVE_DAYS ngày không đăng nhập",
        {
            PERSON: "username first_name last_name email phone",
            SECRET: "password",
            TRACE: "last_login date_joined",
            LINK: "unit",
            NONE: "is_superuser is_staff is_active role groups user_permissions",
        },
    ),
    "accounts.SignInEvent": Holding(
        "nhật ký an ninh: đăng nhập, đăng nhập sai, khóa tạm thời, xác thực hai lớp",
        "quản trị viên",
        "AUDIT_RETENTION_DAYS ngày (ít nhất 90 ngày theo Nghị định 330), rồi xóa "
        "(purge_audit_log); giữ lại cả khi xóa dữ liệu thành viên, vì luật buộc giữ",
        {
            PERSON: "username",
            LINK: "user by",
            TRACE: "at ip_address",
            NONE: "kind",
        },
    ),
    "accounts.SetupLink": Holding(
        "liên kết một lần để đặt mật khẩu",
        "cán bộ cấp liên kết; quản trị viên",
        "đến khi dùng hoặc hết hạn; xóa khi xóa dữ liệu thành viên",
        {LINK: "user created_by", SECRET: "token_hash", TRACE: "created_at expires_at used_at"},
    ),
    "teams.Team": Holding(
        "tổ công nghệ số cộng đồng",
        TEAM,
        WHILE_NEEDED,
        {NONE: f"{TIMESTAMPS} name level unit commune active_from active_to established_by"},
    ),
    "teams.Member": Holding(
        "danh sách thành viên tổ; liên hệ trong tổ; lịch trực; báo cáo số thành viên",
        TEAM + "; trang công khai chỉ hiện tên gọi, và số điện thoại khi thành viên đồng ý",
        WHILE_NEEDED,
        {
            PERSON: "full_name phone position",
            LINK: "commune user",
            NONE: f"{TIMESTAMPS} publish_phone affiliation is_active",
        },
    ),
    "teams.Membership": Holding(
        "ai ở tổ nào, vai trò, từ ngày nào",
        TEAM,
        WHILE_NEEDED,
        {LINK: "team member", TRACE: "started_on ended_on", NONE: f"{TIMESTAMPS} role"},
    ),
    "documents.Document": Holding(
        "văn bản chỉ đạo của xã",
        OFFICERS,
        "theo chế độ lưu trữ văn bản",
        {
            TEXT: "summary signed_file",
            NONE: f"{TIMESTAMPS} commune kind number symbol issuer issued_on",
        },
    ),
    "outreach.OutreachActivity": Holding(
        "hoạt động tuyên truyền cho báo cáo",
        TEAM,
        WHILE_NEEDED,
        {
            LINK: "member",
            TEXT: "title",
            NONE: f"{TIMESTAMPS} commune village team held_on channel times reach",
        },
    ),
    "outreach.ZaloGroup": Holding(
        "nhóm Zalo của thôn",
        TEAM,
        WHILE_NEEDED,
        {NONE: f"{TIMESTAMPS} commune village team name link member_count counted_on"},
    ),
    "roster.DutyPlace": Holding(
        "địa điểm trực",
        "mọi người (trang công khai)",
        SETTINGS,
        {NONE: f"{TIMESTAMPS} commune village kind name address is_active"},
    ),
    "roster.OpeningHours": Holding(
        "giờ trực", "mọi người", SETTINGS, {NONE: "place weekday starts ends members_needed"}
    ),
    "roster.CalendarException": Holding(
        "ngày nghỉ lễ, làm bù",
        "mọi người",
        SETTINGS,
        {NONE: f"{TIMESTAMPS} commune date kind name works_as"},
    ),
    "roster.Leave": Holding(
        "ngày thành viên vắng, để không xếp ca",
        TEAM,
        WHILE_NEEDED,
        {LINK: "member", TRACE: "starts_on ends_on", TEXT: "reason", NONE: TIMESTAMPS},
    ),
    "roster.Shift": Holding(
        "ca trực",
        "mọi người",
        WHILE_NEEDED,
        {NONE: "place commune starts_at ends_at members_needed"},
    ),
    "roster.Assignment": Holding(
        "ai trực ca nào; giờ có mặt",
        TEAM + "; trang công khai chỉ hiện tên gọi của người trực, không có họ",
        WHILE_NEEDED,
        {LINK: "member", TRACE: "checked_in_at", NONE: f"{TIMESTAMPS} shift"},
    ),
    "roster.SwapRequest": Holding(
        "đề nghị đổi ca",
        TEAM,
        WHILE_NEEDED,
        {
            LINK: "requester decided_by",
            TRACE: "decided_at",
            TEXT: "message",
            NONE: f"{TIMESTAMPS} give take status",
        },
    ),
    "roster.CalendarFeed": Holding(
        "địa chỉ bí mật của lịch trực cá nhân",
        "chính thành viên",
        "xóa khi xóa dữ liệu thành viên",
        {LINK: "member", SECRET: "secret", TRACE: "reset_at"},
    ),
    "support.Service": Holding(
        "danh mục dịch vụ",
        "mọi người dùng",
        "lâu dài (danh mục)",
        {NONE: "code name short_name description province position is_active"},
    ),
    "support.SupportVisit": Holding(
        "lượt hỗ trợ người dân cho báo cáo; không giữ danh tính người dân",
        TEAM + "; người ghi xem lượt của mình",
        WHILE_NEEDED + "; khi xóa thành viên, lượt vẫn được đếm, không còn tên",
        {
            LINK: "member created_by",
            PROFILE: "gender age_band elderly disability",
            TEXT: "note",
            NONE: f"{TIMESTAMPS} commune village team occurred_at place people outcome "
            "assignment client_key services",
        },
    ),
    "support.DailyTotal": Holding(
        "số lượt hỗ trợ đã cộng theo xã, ngày và nơi hỗ trợ, cho số liệu toàn tỉnh, toàn quốc",
        OFFICERS,
        "tính lại từ các lượt hỗ trợ; theo các lượt đó",
        {
            PROFILE: "elderly_people disability_people female_people male_people",
            NONE: "commune day place visits people",
        },
    ),
    "support.DailyServiceTotal": Holding(
        "số lượt hỗ trợ đã cộng theo xã, ngày và dịch vụ",
        OFFICERS,
        "tính lại từ các lượt hỗ trợ; theo các lượt đó",
        {NONE: "commune day service visits people"},
    ),
    "support.MonthlyTotal": Holding(
        "số lượt hỗ trợ đã cộng theo xã, tháng và nơi hỗ trợ, cho số liệu toàn tỉnh, toàn quốc",
        OFFICERS,
        "tính lại từ các lượt hỗ trợ; theo các lượt đó",
        {
            PROFILE: "elderly_people disability_people female_people male_people",
            NONE: "commune month place visits people",
        },
    ),
    "support.MonthlyServiceTotal": Holding(
        "số lượt hỗ trợ đã cộng theo xã, tháng và dịch vụ",
        OFFICERS,
        "tính lại từ các lượt hỗ trợ; theo các lượt đó",
        {NONE: "commune month service visits people"},
    ),
    "learning.Platform": Holding(
        "danh mục nền tảng học",
        "mọi người dùng",
        "lâu dài (danh mục)",
        {NONE: "code name url position province"},
    ),
    "learning.DigitalClass": Holding(
        "lớp học kỹ năng số cho báo cáo",
        TEAM,
        WHILE_NEEDED,
        {
            LINK: "member",
            TEXT: "topic location",
            NONE: f"{TIMESTAMPS} commune village team held_on officials teachers students citizens",
        },
    ),
    "learning.CourseParticipation": Holding(
        "số người học trên nền tảng",
        OFFICERS,
        WHILE_NEEDED,
        {
            NONE: f"{TIMESTAMPS} commune platform group period_start period_end participants "
            "completed source"
        },
    ),
    "indicators.Indicator": Holding(
        "danh mục chỉ số",
        "mọi người dùng",
        "lâu dài (danh mục)",
        {
            NONE: "code name kind numerator_label denominator_label unit_label default_source "
            "position"
        },
    ),
    "indicators.IndicatorValue": Holding(
        "giá trị chỉ số của xã",
        OFFICERS,
        WHILE_NEEDED,
        {
            TEXT: "note",
            NONE: f"{TIMESTAMPS} indicator commune period_start period_end numerator "
            "denominator value is_estimate source",
        },
    ),
    "indicators.Target": Holding(
        "chỉ tiêu",
        OFFICERS,
        WHILE_NEEDED,
        {NONE: f"{TIMESTAMPS} indicator unit year value source"},
    ),
    "reports.ReportRequest": Holding(
        "yêu cầu báo cáo của tỉnh, của Bộ",
        OFFICERS,
        "theo chế độ lưu trữ văn bản",
        {
            NONE: f"{TIMESTAMPS} level province kind number symbol issued_on issuer subject period_kind "
            "period_number period_start period_end deadline communes"
        },
    ),
    "reports.ReportSettings": Holding(
        "thể thức báo cáo của xã; người ký",
        OFFICERS + "; người nhận báo cáo",
        SETTINGS,
        {
            PERSON: "signer_name",
            NONE: f"{TIMESTAMPS} commune parent_agency agency agency_short place_name symbol "
            "addressee recipients signer_authority signer_title template",
        },
    ),
    "reports.Report": Holding(
        "báo cáo đã ban hành",
        OFFICERS + "; người nhận báo cáo",
        "theo chế độ lưu trữ văn bản",
        {
            LINK: "issued_by created_by cancelled_by",
            TEXT: "narrative snapshot cancel_reason",
            NONE: f"{TIMESTAMPS} commune source_request request period_start period_end "
            "report_date year number status issued_at cancelled_at",
        },
    ),
    "city.Submission": Holding(
        "báo cáo xã gửi tỉnh, tỉnh gửi Bộ",
        OFFICERS,
        "theo chế độ lưu trữ văn bản",
        {
            LINK: "reviewed_by",
            TEXT: "return_reason",
            NONE: "request commune report status first_sent_at sent_at reviewed_at",
        },
    ),
    "city.SubmissionEvent": Holding(
        "lịch sử gửi, trả báo cáo",
        OFFICERS,
        "theo chế độ lưu trữ văn bản",
        {LINK: "by", TEXT: "reason", NONE: "submission action report at"},
    ),
    "city.Reminder": Holding(
        "lời nhắc của tỉnh",
        OFFICERS,
        WHILE_NEEDED,
        {LINK: "sent_by", TEXT: "message", NONE: "request commune sent_at"},
    ),
    "api.ApiToken": Holding(
        "khóa cho ứng dụng gọi API",
        "chính người đó; quản trị viên",
        "đến khi thu hồi hoặc hết hạn (API_TOKEN_DAYS); vô hiệu khi tài khoản bị khóa",
        {
            LINK: "user",
            SECRET: "hashed",
            TRACE: "created_at last_used_at revoked_at expires_at",
            NONE: "name prefix",
        },
    ),
    "overview.ExportJob": Holding(
        "tệp xuất dữ liệu tổng hợp",
        "chính người xuất",
        WHILE_NEEDED,
        {
            LINK: "user",
            TEXT: "file",
            TRACE: "created_at finished_at",
            NONE: "kind filters status rows_done rows_total error",
        },
    ),
    "imports.ImportJob": Holding(
        "tệp Excel lớn do tiến trình nền kiểm tra và lưu; lỗi từng dòng",
        "chính người nhập; quản trị viên",
        "7 ngày, rồi xóa; tệp tải lên xóa ngay khi nhập xong",
        {
            LINK: "user logins",
            TEXT: "filename upload errors",
            TRACE: "created_at finished_at links_handed_at",
            NONE: "kind status rows_total rows_checked rows_saved created error_count error",
        },
    ),
    "reports.RenderJob": Holding(
        "tệp PDF tạo theo yêu cầu (báo cáo)",
        "chính người yêu cầu",
        "7 ngày, rồi xóa cùng tệp",
        {
            LINK: "user",
            TEXT: "file filename",
            TRACE: "created_at finished_at",
            NONE: "kind object_id options status error",
        },
    ),
}


def person_fields(label: str) -> list[str]:
    """The fields of a model that name or reach a person: what an erasure blanks."""
    holding = INVENTORY.get(label)
    return holding.names(PERSON) if holding else []


def inventory_markdown() -> str:
    """The inventory as docs/personal-data.md shows it: a row per model that holds personal data,
    its fields by category; then the models that hold none."""
    lines = [
        "| bảng | trường | để làm gì | ai xem | giữ bao lâu |",
        "|---|---|---|---|---|",
    ]
    without = []
    for label, holding in INVENTORY.items():
        groups = [
            f"{CATEGORY_LABELS[category]}: " + ", ".join(f"`{n}`" for n in holding.names(category))
            for category in (PERSON, LINK, TRACE, TEXT, PROFILE, SECRET)
            if holding.names(category)
        ]
        if not groups:
            without.append(f"`{label}`")
            continue
        lines.append(
            f"| `{label}` | {'; '.join(groups)} | {holding.purpose} | {holding.seen_by} "
            f"| {holding.kept} |"
        )
    lines += ["", "Không chứa dữ liệu cá nhân: " + ", ".join(without) + "."]
    return "\n".join(lines) + "\n"
