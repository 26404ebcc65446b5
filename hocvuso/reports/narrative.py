"""The report's default text, section by section, written from the figures.

Sentences follow the commune report the movement sends today (the seed in
../shared/seed/): the same sections, the same kind of sentences, with every
figure taken from the records of the period.
"""

import datetime

from hocvuso.core.formatting import vn_at_least, vn_count, vn_number

MOVEMENT = "phong trào “Bình dân học vụ số”"

SECTION_HEADINGS = {
    "communication": f"1. Kết quả tổ chức truyền thông, tuyên truyền, triển khai {MOVEMENT}",
    "activities": "2. Kết quả tổ chức các hoạt động do đơn vị chủ động triển khai "
    f"{MOVEMENT} tại địa phương",
    "learning": "3. Kết quả triển khai các hoạt động trải nghiệm, hướng dẫn sử dụng nền tảng số, "
    "lớp học số",
    "community": "4. Kết quả triển khai các mô hình, phong trào lan tỏa kỹ năng số cộng đồng",
    "teams": "5. Kết quả hoạt động của Tổ công nghệ số cộng đồng",
}
SECTION_KEYS = list(SECTION_HEADINGS)

# How a channel is named in a sentence, and what its "times" count.
CHANNEL_PHRASES = {
    "loudspeaker": ("hệ thống loa phát thanh cơ sở", "lượt phát"),
    "bulletin": ("bảng tin", "lượt"),
    "portal": ("Cổng thông tin điện tử xã", "tin, bài"),
    "social": ("các trang mạng xã hội do UBND xã quản lý", "bài viết"),
    "school": ("các trường học", "buổi"),
    "meeting": ("các buổi họp thôn, khu dân cư", "buổi"),
    "zalo": ("các nhóm Zalo", "tin"),
    "event": ("các sự kiện, ngày hội", "sự kiện"),
    "leaflet": ("tờ rơi, pa-nô, áp phích", "lượt"),
    "other": ("các hình thức khác", "lượt"),
}

# Where a visit took place, as a sentence says it.
PLACE_PHRASES = {
    "centre": "tại Trung tâm Phục vụ hành chính công xã",
    "cultural_house": "tại nhà văn hóa thôn",
    "home": "tại nhà người dân",
    "online": "trực tuyến, qua điện thoại",
    "school": "tại trường học",
    "other": "ở nơi khác",
}

# How an indicator is said in the cashless/connectivity sentence.
INDICATOR_PHRASES = {
    "schools-cashless": "{text} các trường học trên địa bàn thực hiện thanh toán không dùng "
    "tiền mặt đối với các khoản thu",
    "benefits-by-bank": "{text} các đối tượng người có công và bảo trợ xã hội được chi trả "
    "thông qua tài khoản ngân hàng",
    "household-business-qr": "{text} hộ kinh doanh sử dụng mã QR hoặc chuyển khoản giao dịch",
}


def seed_date(iso: str) -> str:
    """ "19/8/2025", "06/10/2025": how the report writes a document's date."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day:02d}/{day.month}/{day.year}"


def join_vi(items: list[str]) -> str:
    """ "a, b và c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def period_phrase(start: datetime.date, end: datetime.date, report_date: datetime.date) -> str:
    if start.month == 1 and start.day == 1 and end >= report_date - datetime.timedelta(days=31):
        return f"Tính từ đầu năm {start.year} đến nay"
    return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


class Writer:
    def __init__(self, figures: dict, commune: dict, settings: dict, period: dict):
        self.f = figures
        self.place = commune["phrase"]  # "xã Chí Minh"
        self.agency = settings["agency_short"]  # "UBND xã Chí Minh"
        self.period = period

    def sections(self) -> dict[str, list[str]]:
        return {key: getattr(self, key)() for key in SECTION_KEYS}

    def communication(self) -> list[str]:
        paragraphs = [
            "Thực hiện chỉ đạo của Trung ương, thành phố và Đảng ủy xã về triển khai "
            f"{MOVEMENT}, lãnh đạo {self.agency} đã quan tâm, chỉ đạo, tổ chức công tác "
            "truyền thông, tuyên truyền dưới nhiều hình thức phù hợp với điều kiện thực tế "
            "tại địa phương."
        ]
        documents = self.f["documents"]
        if documents:
            paragraphs.append(
                f"{self.agency} đã ban hành các văn bản, kế hoạch triển khai thực hiện "
                f"{MOVEMENT}, cụ thể như sau:"
            )
            for i, d in enumerate(documents):
                end = "." if i == len(documents) - 1 else ";"
                summary = d["summary"].rstrip(" .;")
                paragraphs.append(
                    f"- {d['kind']} số {d['number_symbol']} ngày {seed_date(d['issued_on'])} "
                    f"{summary}{end}"
                )
            paragraphs.append(
                "Các văn bản chỉ đạo cụ thể hóa mục tiêu, nhiệm vụ, phân công trách nhiệm cho "
                f"các cơ quan, đơn vị trong triển khai {MOVEMENT}."
            )
        channels = self.f["outreach"]["by_channel"]
        if channels:
            parts = []
            for row in channels:
                phrase, unit = CHANNEL_PHRASES.get(row["code"], (row["name"].lower(), "lượt"))
                parts.append(f"{phrase} ({vn_number(row['times'])} {unit})")
            reach = sum(row["reach"] or 0 for row in channels)
            reach_text = f", ước tính tiếp cận {vn_at_least(reach)} lượt người" if reach else ""
            paragraphs.append(
                "UBND xã đã tổ chức thông tin, tuyên truyền sâu rộng về ý nghĩa của "
                f"{MOVEMENT} thông qua {join_vi(parts)}{reach_text}."
            )
        paragraphs.append(
            "Phối hợp với các tổ chức chính trị - xã hội tại địa phương tổ chức tuyên truyền "
            "về kỹ năng số cơ bản, hướng dẫn người dân sử dụng điện thoại thông minh, dịch vụ "
            "công trực tuyến, thanh toán không dùng tiền mặt và các nền tảng số thiết yếu "
            "phục vụ người dân."
        )
        return paragraphs

    def activities(self) -> list[str]:
        visits = self.f["visits"]
        paragraphs = [
            "UBND xã đã triển khai các hoạt động hỗ trợ, hướng dẫn trực tiếp cho người dân sử "
            "dụng các dịch vụ công trực tuyến tại Trung tâm Phục vụ hành chính công xã."
        ]
        services = [s for s in visits["by_service"] if s["code"] != "other"]
        if services:
            listed = "; ".join(f"{s['name']} ({vn_number(s['people'])} lượt)" for s in services)
            paragraphs.append(f"Tổ chức, hỗ trợ người dân: {listed}.")
        if visits["people"]:
            places = [
                f"{PLACE_PHRASES.get(p['code'], p['name'])} {vn_number(p['people'])} lượt"
                for p in visits["by_place"]
            ]
            where = f", trong đó: {'; '.join(places)}" if len(places) > 1 else ""
            paragraphs.append(
                f"{self.period['phrase']}, lực lượng Tổ công nghệ số cộng đồng tại địa phương "
                f"đã trực tiếp hỗ trợ {vn_at_least(visits['people'])} lượt công dân thực hiện "
                f"thủ tục hành chính trực tuyến và sử dụng các ứng dụng số{where}."
            )
            if visits["elderly_people"]:
                paragraphs.append(
                    f"Trong số đó có {vn_number(visits['elderly_people'])} lượt người cao tuổi"
                    + (
                        f" và {vn_number(visits['disability_people'])} lượt người khuyết tật"
                        if visits["disability_people"]
                        else ""
                    )
                    + " được hỗ trợ trực tiếp."
                )
        else:
            paragraphs.append(
                f"{self.period['phrase']}, chưa ghi nhận lượt hỗ trợ nào trên hệ thống."
            )
        indicators = {i["code"]: i for i in self.f["indicators"]}
        said = [
            INDICATOR_PHRASES[code].format(text=indicators[code]["text"])
            for code in INDICATOR_PHRASES
            if code in indicators
        ]
        sentence = (
            "Trong quá trình triển khai, UBND xã đã chú trọng gắn phong trào “Bình dân học vụ "
            "số” với các nhiệm vụ về xã hội số, kinh tế số và chính quyền số."
        )
        if said:
            sentence += f" Đến nay, {', '.join(said)}."
        wifi = indicators.get("village-wifi")
        if wifi:
            count = wifi["numerator"]
            where = (
                f"{vn_count(int(float(count)))} nhà văn hóa thôn ({wifi['text']})"
                if count is not None
                else f"{wifi['text']} nhà văn hóa thôn"
            )
            sentence += (
                f" UBND xã cũng triển khai lắp đặt Internet Wifi tốc độ cao tại {where}, tạo "
                "điều kiện để người dân tiếp cận Internet, khai thác thông tin, sử dụng dịch vụ "
                "công trực tuyến và tham gia các hoạt động học tập số tại cộng đồng."
            )
        paragraphs.append(sentence)
        paragraphs.append(
            "Nhìn chung, các hoạt động do UBND xã chủ động triển khai đã bám sát mục tiêu của "
            f"{MOVEMENT}, bảo đảm thiết thực, dễ tiếp cận, hướng mạnh về cơ sở và người dân."
        )
        return paragraphs

    def learning(self) -> list[str]:
        learning = self.f["learning"]
        platforms = [p["url"] or p["name"] for p in learning["platforms"]]
        paragraphs = [
            "UBND xã đã chỉ đạo các cơ quan, đơn vị, trường học tuyên truyền, khuyến khích cán "
            "bộ, công chức, viên chức, giáo viên, học sinh và Nhân dân tham gia các khóa học "
            f"trực tuyến trên nền tảng: {', '.join(platforms)}."
        ]
        by_group = learning["course_participants"]
        if by_group["total"]:
            paragraphs.append(
                f"Kết quả, có {vn_number(by_group['total'])} lượt tham gia học tập trực tuyến, "
                f"trong đó cán bộ, công chức, viên chức {vn_number(by_group['officials'])} lượt; "
                f"giáo viên {vn_number(by_group['teachers'])} lượt; học sinh "
                f"{vn_number(by_group['students'])} lượt; người dân "
                f"{vn_number(by_group['citizens'])} lượt."
            )
        if learning["classes"]:
            a = learning["attendees"]
            paragraphs.append(
                f"Các tổ công nghệ số cộng đồng đã tổ chức {vn_count(learning['classes'])} lớp "
                f"học số với {vn_number(a['total'])} lượt người tham gia (cán bộ, công chức "
                f"{vn_number(a['officials'])}; giáo viên {vn_number(a['teachers'])}; học sinh "
                f"{vn_number(a['students'])}; người dân {vn_number(a['citizens'])})."
            )
        schools = {i["code"]: i for i in self.f["indicators"]}.get("schools-digital-learning")
        if schools:
            paragraphs.append(
                f"Bên cạnh đó, {schools['text']} các trường học trên địa bàn xã đã đẩy mạnh ứng "
                "dụng học liệu số, bài giảng điện tử, phần mềm hỗ trợ giảng dạy, kiểm tra, "
                "đánh giá."
            )
        return paragraphs

    def community(self) -> list[str]:
        outreach = self.f["outreach"]
        paragraphs = []
        if outreach["zalo_groups"]:
            paragraphs.append(
                "Tiếp tục duy trì hoạt động nhóm Zalo tổ công nghệ số cộng đồng tại "
                f"{vn_count(outreach['zalo_villages'])} thôn với "
                f"{vn_number(outreach['zalo_members'])} thành viên để tuyên truyền, phổ biến chủ "
                "trương, chính sách, thông tin chuyển đổi số và hướng dẫn kỹ năng số cho người "
                "dân."
            )
        youth = next(
            (a["members"] for a in self.f["teams"]["by_affiliation"] if a["code"] == "youth_union"),
            0,
        )
        elderly = self.f["visits"]["elderly_people"]
        paragraphs.append(
            "Phát huy vai trò của Đoàn thanh niên"
            + (f" ({vn_count(youth)} đoàn viên tham gia các tổ)" if youth else "")
            + ", giáo viên, cán bộ trẻ trong hỗ trợ người dân tiếp cận công nghệ số, đặc biệt "
            "đối với người cao tuổi"
            + (f" ({vn_number(elderly)} lượt người cao tuổi được hỗ trợ)" if elderly else "")
            + " và người dân còn hạn chế về kỹ năng công nghệ thông tin."
        )
        paragraphs.append(
            "Tiếp tục triển khai các hoạt động hỗ trợ người dân tiếp cận dịch vụ công trực "
            "tuyến, định danh điện tử, thanh toán điện tử, cài đặt ứng dụng số..."
        )
        return paragraphs

    def teams(self) -> list[str]:
        t = self.f["teams"]
        counts = [f"{vn_count(t['commune'])} tổ công nghệ số cộng đồng cấp xã"]
        counts.append(f"{vn_count(t['village'])} tổ công nghệ số cộng đồng cấp thôn")
        rapid = (
            f", {vn_count(t['rapid'])} đội hỗ trợ chuyển đổi số phản ứng nhanh (tổ ứng cứu "
            "công nghệ)"
            if t["rapid"]
            else ""
        )
        paragraphs = [
            f"Hiện nay, trên địa bàn xã có {' và '.join(counts)}{rapid}, với tổng số "
            f"{vn_number(t['members'])} thành viên."
        ]
        services = [
            s["name"][0].lower() + s["name"][1:]
            for s in self.f["visits"]["by_service"]
            if s["code"] != "other"
        ][:6]
        if services:
            paragraphs.append(
                "Các tổ công nghệ số cộng đồng trên địa bàn xã tiếp tục duy trì hướng dẫn người "
                f"dân: {'; '.join(services)}..."
            )
        duty = (
            "Tổ công nghệ số cộng đồng xã phối hợp với Đoàn thanh niên xã bố trí lịch trực, "
            "luân phiên từ thứ 2 đến thứ 6 trong giờ hành chính tại Trung tâm Phục vụ hành "
            "chính công xã để hướng dẫn người dân thực hiện các thao tác số cơ bản và thiết yếu."
        )
        roster = self.f.get("roster") or {}
        if roster.get("shifts_planned"):
            duty += (
                f" Trong kỳ, đã bố trí {vn_number(roster['shifts_planned'])} ca trực với "
                f"{vn_count(roster['members_on_duty'])} thành viên tham gia; "
                f"{vn_number(roster['shifts_held'])} ca có thành viên điểm danh có mặt."
            )
        paragraphs.append(duty)
        paragraphs.append(
            "Thông qua hoạt động của các Tổ công nghệ số tại cơ sở, nhận thức và kỹ năng số của "
            "người dân từng bước được nâng lên. Người dân dần hình thành thói quen sử dụng ứng "
            "dụng số, dịch vụ công trực tuyến, thanh toán không sử dụng tiền mặt và các kênh "
            "tương tác số với chính quyền."
        )
        paragraphs.append(
            f"Trong thời gian tới, lãnh đạo {self.agency} chỉ đạo tiếp tục đẩy mạnh công tác "
            "tuyên truyền, phổ cập kỹ năng số theo hướng dễ tiếp cận, khuyến khích người dân "
            "tham gia học tập trên các nền tảng trực tuyến. Tiếp tục nâng cao hiệu quả hoạt "
            "động của Tổ công nghệ số cộng đồng, tăng cường hỗ trợ người dân sử dụng dịch vụ "
            "công trực tuyến và các nền tảng số thiết yếu."
        )
        return paragraphs
