"""The report's default text, section by section, written from the figures.

Sentences follow the commune report the movement sends today (the seed in
../shared/seed/): the same sections, the same kind of sentences, with every
figure taken from the records of the period and every place word from the
commune's words and facts (reports/phrases.py). A sentence whose records are
absent is left out, never copied from the demo; a section with nothing on
record says so in one sentence. The officer may replace or extend any section.
"""

import datetime

from hocvuso.core.formatting import vn_at_least, vn_count, vn_number
from hocvuso.units.facts import CommuneFacts

from .phrases import (
    PUBLIC_SERVICES,
    app_of,
    apps_named,
    apps_used,
    channel_phrases,
    duty_places_phrase,
    join_vi,
    place_phrases,
    platform_phrase,
)

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

# How an indicator is said in the cashless sentence.
INDICATOR_PHRASES = {
    "schools-cashless": "{text} các trường học trên địa bàn thực hiện thanh toán không dùng "
    "tiền mặt đối với các khoản thu",
    "benefits-by-bank": "{text} các đối tượng người có công và bảo trợ xã hội được chi trả "
    "thông qua tài khoản ngân hàng",
    "household-business-qr": "{text} hộ kinh doanh sử dụng mã QR hoặc chuyển khoản giao dịch",
}

# The tasks of the teams (section 5), by the service people were helped with, in the
# seed's order; the apps come after the public services.
TASKS_BEFORE_APPS = [(PUBLIC_SERVICES, "hỗ trợ sử dụng dịch vụ công trực tuyến")]
TASKS_AFTER_APPS = [
    ({"anti-fraud"}, "tuyên truyền phòng chống lừa đảo công nghệ"),
    ({"qr-payment"}, "hỗ trợ thanh toán không sử dụng tiền mặt"),
    ({"vneid-register", "vneid-activate"}, "hỗ trợ đăng ký, kích hoạt tài khoản định danh điện tử"),
    ({"login-recovery"}, "hỗ trợ đăng nhập, khôi phục tài khoản"),
]
LEARNER_GROUPS = [
    ("officials", "cán bộ, công chức, viên chức"),
    ("teachers", "giáo viên"),
    ("students", "học sinh"),
    ("citizens", "người dân"),
]


def seed_date(iso: str) -> str:
    """ "19/8/2025", "06/10/2025": how the report writes a document's date."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day:02d}/{day.month}/{day.year}"


def with_count(name: str, count: str) -> str:
    """ "Nộp hồ sơ (308 lượt)"; "Thanh toán (quét mã QR, chuyển khoản; 180 lượt)" for a name
    that already ends in brackets."""
    if name.endswith(")"):
        return f"{name[:-1]}; {count})"
    return f"{name} ({count})"


def period_phrase(start: datetime.date, end: datetime.date, report_date: datetime.date) -> str:
    if start.month == 1 and start.day == 1 and end >= report_date - datetime.timedelta(days=31):
        return f"Tính từ đầu năm {start.year} đến nay"
    return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


class Writer:
    def __init__(self, figures: dict, facts: CommuneFacts, agency: str, period_text: str):
        self.f = figures
        self.facts = facts
        self.words = facts.words
        self.agency = agency  # "UBND phường Hồng Bàng", as the commune's settings write it
        self.period = period_text  # "Tính từ đầu năm 2026 đến nay"
        visits = figures["visits"]
        self.used = {s["code"] for s in visits["by_service"] if s["people"]}
        self.apps = apps_used(visits["by_service"], facts.local_apps)
        self.people_at = {p["code"]: p["people"] for p in visits["by_place"]}
        self.indicators = {i["code"]: i for i in figures["indicators"]}
        self.youth = next(
            (
                a["members"]
                for a in figures["teams"]["by_affiliation"]
                if a["code"] == "youth_union"
            ),
            0,
        )

    def sections(self) -> dict[str, list[str]]:
        return {key: getattr(self, key)() for key in SECTION_KEYS}

    def nothing(self, what: str) -> list[str]:
        """The one sentence of a section with nothing on record."""
        return [f"{self.period}, chưa ghi nhận {what} trên hệ thống."]

    def communication(self) -> list[str]:
        w = self.words
        documents = self.f["documents"]
        channels = self.f["outreach"]["by_channel"]
        if not documents and not channels:
            return self.nothing("văn bản chỉ đạo hay hoạt động tuyên truyền nào")
        paragraphs = [
            f"Thực hiện chỉ đạo của Trung ương, {w.province.kind} và {w.party} về triển khai "
            f"{MOVEMENT}, lãnh đạo {self.agency} đã quan tâm, chỉ đạo, tổ chức công tác "
            "truyền thông, tuyên truyền dưới nhiều hình thức phù hợp với điều kiện thực tế "
            "tại địa phương."
        ]
        programmes = (
            "Việc chỉ đạo, tuyên truyền được triển khai theo hướng đồng bộ, có trọng tâm, gắn "
            "với nhiệm vụ chuyển đổi số, cải cách hành chính, thực hiện "
            f"{join_vi(self.facts.programmes)} và nâng cao năng lực số cho người dân {w.area}."
            if self.facts.programmes
            else ""
        )
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
                f"các cơ quan, đơn vị trong triển khai {MOVEMENT}. {programmes}".strip()
            )
        elif programmes:
            paragraphs.append(programmes)
        if channels:
            phrases = channel_phrases(self.facts)
            parts = []
            for row in channels:
                phrase, unit = phrases.get(row["code"], (row["name"].lower(), "lượt"))
                parts.append(f"{phrase} ({vn_number(row['times'])} {unit})")
            reach = sum(row["reach"] or 0 for row in channels)
            reach_text = f", ước tính tiếp cận {vn_at_least(reach)} lượt người" if reach else ""
            paragraphs.append(
                f"{w.authority_kind} đã tổ chức thông tin, tuyên truyền sâu rộng về ý nghĩa của "
                f"{MOVEMENT} thông qua {join_vi(parts)}{reach_text}."
            )
            named = apps_named(self.f["visits"]["by_service"], self.facts.local_apps)
            if self.used & PUBLIC_SERVICES:
                named = ["ứng dụng Cổng dịch vụ công quốc gia", *named]
            topics = ", ".join(
                [
                    "dịch vụ công trực tuyến",
                    "thanh toán không dùng tiền mặt",
                    *named,
                ]
            )
            paragraphs.append(
                "Phối hợp với các tổ chức chính trị - xã hội tại địa phương tổ chức tuyên "
                "truyền về kỹ năng số cơ bản, hướng dẫn người dân sử dụng điện thoại thông "
                f"minh, {topics} và các nền tảng số thiết yếu phục vụ người dân."
            )
        return paragraphs

    def activities(self) -> list[str]:
        w = self.words
        visits = self.f["visits"]
        said = [
            INDICATOR_PHRASES[code].format(text=self.indicators[code]["text"])
            for code in INDICATOR_PHRASES
            if code in self.indicators and self.indicators[code]["text"]
        ]
        wifi = self.indicators.get("village-wifi")
        if wifi and not wifi["text"]:
            wifi = None
        if not visits["people"] and not said and not wifi:
            return self.nothing("lượt hỗ trợ người dân hay chỉ số chuyển đổi số nào")
        paragraphs = []
        at_centre = self.people_at.get("centre", 0)
        if visits["people"]:
            where = f" tại {self.facts.service_centre}" if at_centre else ""
            paragraphs.append(
                f"{w.authority_kind} đã triển khai các hoạt động hỗ trợ, hướng dẫn trực tiếp cho "
                f"người dân sử dụng các dịch vụ công trực tuyến{where}."
            )
            listed = [
                with_count(s["name"], f"{vn_number(s['people'])} lượt")
                for s in visits["by_service"]
                if s["code"] != "other" and s["people"] and not app_of(s["name"])
            ]
            if self.apps:
                people = {app_of(s["name"]).casefold(): s["people"] for s in visits["by_service"]}
                counts = [vn_number(people.get(app.casefold(), 0)) for app in self.apps]
                each = (
                    f"{counts[0]} lượt" if len(counts) == 1 else f"lần lượt {join_vi(counts)} lượt"
                )
                listed.append(
                    with_count(
                        f"Cài đặt và sử dụng các ứng dụng số cơ bản: {', '.join(self.apps)}", each
                    )
                )
            if listed:
                paragraphs.append(f"Tổ chức, hỗ trợ người dân: {'; '.join(listed)}.")
            phrases = place_phrases(self.facts)
            places = [
                f"{phrases.get(p['code'], p['name'])} {vn_number(p['people'])} lượt"
                for p in visits["by_place"]
            ]
            where = f", trong đó: {'; '.join(places)}" if len(places) > 1 else ""
            paragraphs.append(
                f"{self.period}, lực lượng Tổ công nghệ số cộng đồng tại địa phương "
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
            if at_centre:
                paragraphs.append(
                    "Tiếp tục duy trì, phát huy hiệu quả mô hình hỗ trợ chuyển đổi số tại "
                    f"{self.facts.service_centre}; bố trí cán bộ hướng dẫn người dân thực hiện "
                    "các dịch vụ công trực tuyến mức độ toàn trình và một phần."
                )
        else:
            paragraphs += self.nothing("lượt hỗ trợ người dân nào")
        if said or wifi:
            sentence = (
                f"Trong quá trình triển khai, {w.authority_kind} đã chú trọng gắn {MOVEMENT} với "
                "các nhiệm vụ về xã hội số, kinh tế số và chính quyền số."
            )
            if said:
                sentence += f" Đến nay, {', '.join(said)}."
            if wifi:
                count = wifi["numerator"]
                where = (
                    f"{vn_count(int(float(count)))} {w.cultural_house} ({wifi['text']})"
                    if count is not None
                    else f"{wifi['text']} {w.cultural_house}"
                )
                sentence += (
                    f" {w.authority_kind} cũng triển khai lắp đặt Internet Wifi tốc độ cao tại "
                    f"{where}, tạo điều kiện để người dân tiếp cận Internet, khai thác thông tin, "
                    "sử dụng dịch vụ công trực tuyến và tham gia các hoạt động học tập số tại "
                    "cộng đồng."
                )
            paragraphs.append(sentence)
        if visits["people"]:
            paragraphs.append(
                f"Nhìn chung, các hoạt động do {w.authority_kind} chủ động triển khai đã bám sát "
                f"mục tiêu của {MOVEMENT}, bảo đảm thiết thực, dễ tiếp cận, hướng mạnh về cơ sở "
                "và người dân. Qua đó từng bước hình thành thói quen học tập số, sử dụng dịch vụ "
                "số, giao dịch số, góp phần nâng cao kỹ năng số cho toàn thể người dân "
                f"{w.area}."
            )
        return paragraphs

    def learning(self) -> list[str]:
        w = self.words
        learning = self.f["learning"]
        by_group = learning["course_participants"]
        schools = self.indicators.get("schools-digital-learning")
        if schools and not schools["text"]:
            schools = None
        if not by_group["total"] and not learning["classes"] and not schools:
            return self.nothing("lượt tham gia học tập trực tuyến hay lớp học số nào")
        paragraphs = []
        platforms = [platform_phrase(p["name"], p["url"]) for p in learning["platforms"]]
        if by_group["total"] and platforms:
            paragraphs.append(
                f"{w.authority_kind} đã chỉ đạo các cơ quan, đơn vị, trường học tuyên truyền, "
                "khuyến khích cán bộ, công chức, viên chức, giáo viên, học sinh và Nhân dân tham "
                f"gia các khóa học trực tuyến trên nền tảng: {', '.join(platforms)}. Nội dung "
                "tập trung vào nâng cao năng lực số, kỹ năng học tập trên môi trường số, kỹ năng "
                "khai thác thông tin, sử dụng công cụ số và ứng dụng AI trong đổi mới phương "
                "pháp dạy học."
            )
        if by_group["total"]:
            groups = [
                f"{label} {vn_number(by_group[key])} lượt"
                for key, label in LEARNER_GROUPS
                if by_group.get(key)
            ]
            paragraphs.append(
                f"Kết quả, có {vn_number(by_group['total'])} lượt tham gia học tập trực tuyến, "
                f"trong đó {'; '.join(groups)}."
            )
        if learning["classes"]:
            a = learning["attendees"]
            groups = [f"{label} {vn_number(a[key])}" for key, label in LEARNER_GROUPS if a.get(key)]
            paragraphs.append(
                f"Các tổ công nghệ số cộng đồng đã tổ chức {vn_count(learning['classes'])} lớp "
                f"học số với {vn_number(a['total'])} lượt người tham gia"
                + (f" ({'; '.join(groups)})" if groups else "")
                + "."
            )
        if schools:
            paragraphs.append(
                f"Bên cạnh đó, {schools['text']} các trường học {w.area} đã đẩy mạnh ứng "
                "dụng học liệu số, bài giảng điện tử, phần mềm hỗ trợ giảng dạy, kiểm tra, "
                "đánh giá. Giáo viên được khuyến khích sử dụng công cụ số, trí tuệ nhân tạo phù "
                "hợp để thiết kế bài giảng, xây dựng học liệu, giao nhiệm vụ học tập số và hỗ trợ "
                "học sinh tự học. Học sinh được hướng dẫn sử dụng thiết bị thông minh, Internet, "
                "nền tảng học trực tuyến bảo đảm an toàn, hiệu quả, phù hợp với từng lứa tuổi."
            )
        return paragraphs

    def community(self) -> list[str]:
        outreach = self.f["outreach"]
        visits = self.f["visits"]
        elderly = visits["elderly_people"]
        if not outreach["zalo_groups"] and not self.youth and not visits["people"]:
            return self.nothing("mô hình, phong trào lan tỏa kỹ năng số cộng đồng nào")
        paragraphs = []
        if outreach["zalo_groups"]:
            villages = outreach["zalo_villages"]
            where = f" tại {self.words.count_villages(villages)}" if villages else ""
            paragraphs.append(
                f"Tiếp tục duy trì hoạt động nhóm Zalo tổ công nghệ số cộng đồng{where} với "
                f"{vn_number(outreach['zalo_members'])} thành viên để tuyên truyền, phổ biến chủ "
                "trương, chính sách, thông tin chuyển đổi số và hướng dẫn kỹ năng số cho người "
                "dân."
            )
        elderly_text = f" ({vn_number(elderly)} lượt người cao tuổi được hỗ trợ)" if elderly else ""
        if self.youth:
            paragraphs.append(
                f"Phát huy vai trò của Đoàn thanh niên ({vn_count(self.youth)} đoàn viên tham gia "
                "các tổ), giáo viên, cán bộ trẻ trong hỗ trợ người dân tiếp cận công nghệ số, đặc "
                f"biệt đối với người cao tuổi{elderly_text} và người dân còn hạn chế về kỹ năng "
                "công nghệ thông tin."
            )
        elif elderly:
            paragraphs.append(
                "Phát huy vai trò của các thành viên tổ công nghệ số cộng đồng trong hỗ trợ người "
                f"dân tiếp cận công nghệ số, đặc biệt đối với người cao tuổi{elderly_text} và "
                "người dân còn hạn chế về kỹ năng công nghệ thông tin."
            )
        if visits["people"]:
            paragraphs.append(
                "Tiếp tục triển khai các hoạt động hỗ trợ người dân tiếp cận dịch vụ công trực "
                "tuyến, định danh điện tử, thanh toán điện tử, cài đặt ứng dụng số..."
            )
        return paragraphs

    def teams(self) -> list[str]:
        w = self.words
        t = self.f["teams"]
        roster = self.f.get("roster") or {}
        if not (t["commune"] or t["village"] or t["rapid"]):
            return [f"Hiện nay, {w.area} chưa có tổ công nghệ số cộng đồng nào trên hệ thống."]
        counts = [
            f"{vn_count(t['commune'])} tổ công nghệ số cộng đồng {w.level}",
            f"{vn_count(t['village'])} tổ công nghệ số cộng đồng {w.village_level}",
        ]
        rapid = (
            f", {vn_count(t['rapid'])} đội hỗ trợ chuyển đổi số phản ứng nhanh (tổ ứng cứu "
            "công nghệ)"
            if t["rapid"]
            else ""
        )
        paragraphs = [
            f"Hiện nay, {w.area} có {' và '.join(counts)}{rapid}, với tổng số "
            f"{vn_number(t['members'])} thành viên."
        ]
        tasks = self.tasks()
        if tasks:
            paragraphs.append(
                f"Các tổ công nghệ số cộng đồng {w.area} tiếp tục duy trì {', '.join(tasks)}..."
            )
        duty = self.duty(t, roster)
        if duty:
            paragraphs.append(duty)
        if self.f["visits"]["people"]:
            paragraphs.append(
                "Thông qua hoạt động của các Tổ công nghệ số tại cơ sở, nhận thức và kỹ năng số "
                "của người dân từng bước được nâng lên. Người dân dần hình thành thói quen sử "
                "dụng ứng dụng số, dịch vụ công trực tuyến, thanh toán không sử dụng tiền mặt và "
                "các kênh tương tác số với chính quyền. Hoạt động của các Tổ công nghệ số đã góp "
                f"phần quan trọng vào việc triển khai {MOVEMENT} theo hướng thiết thực, gần dân, "
                "sát dân, phù hợp với yêu cầu chuyển đổi số ở cấp cơ sở."
            )
        paragraphs.append(
            f"Trong thời gian tới, lãnh đạo {self.agency} chỉ đạo tiếp tục đẩy mạnh công tác "
            "tuyên truyền, phổ cập kỹ năng số theo hướng dễ tiếp cận, khuyến khích người dân "
            "tham gia học tập trên các nền tảng trực tuyến. Tiếp tục nâng cao hiệu quả hoạt "
            "động của Tổ công nghệ số cộng đồng, tăng cường hỗ trợ người dân sử dụng dịch vụ "
            "công trực tuyến và các nền tảng số thiết yếu."
        )
        return paragraphs

    def tasks(self) -> list[str]:
        """What the teams keep helping people with, from the services of the period."""
        tasks = ["hướng dẫn người dân cài đặt, sử dụng ứng dụng số"] if self.apps else []
        tasks += [text for codes, text in TASKS_BEFORE_APPS if codes & self.used]
        tasks += [
            f"{'hướng dẫn' if i == 0 else 'hỗ trợ'} cài đặt {app}"
            for i, app in enumerate(self.apps)
        ]
        tasks += [text for codes, text in TASKS_AFTER_APPS if codes & self.used]
        return tasks

    def duty(self, teams: dict, roster: dict) -> str:
        """The duty roster: where and on which days, as the records keep it, and its shifts."""
        places = roster.get("places") or []
        planned = roster.get("shifts_planned")
        if not places and not planned:
            return ""
        w = self.words
        team = (
            f"Tổ công nghệ số cộng đồng {w.kind}"
            if teams["commune"]
            else "Các tổ công nghệ số cộng đồng"
        )
        with_youth = f" phối hợp với {w.youth_union}" if self.youth else ""
        text = ""
        if places:
            focus = []
            helped = []
            if "login-recovery" in self.used:
                helped.append("đăng nhập/ khôi phục tài khoản")
            if self.apps:
                helped.append("cài đặt và sử dụng các ứng dụng số")
            if helped:
                focus.append(f"hỗ trợ {', '.join(helped)}")
            if {"dvc-filing", "dvc-lookup"} & self.used:
                focus.append(
                    "hướng dẫn nộp hồ sơ và tra cứu kết quả trên Cổng dịch vụ công trực tuyến"
                )
            if "qr-payment" in self.used:
                focus.append("hướng dẫn thanh toán không sử dụng tiền mặt (quét QR, chuyển khoản)")
            focus_text = f", tập trung vào {'; '.join(focus)}" if focus else ""
            text = (
                f"{team}{with_youth} bố trí lịch trực, luân phiên {duty_places_phrase(places)} "
                "để hướng dẫn người dân thực hiện các thao tác số cơ bản và thiết yếu"
                f"{focus_text}."
            )
        if planned:
            shifts = (
                f"đã bố trí {vn_number(planned)} ca trực với "
                f"{vn_count(roster['members_on_duty'])} thành viên tham gia; "
                f"{vn_number(roster['shifts_held'])} ca có thành viên điểm danh có mặt."
            )
            text += f" Trong kỳ, {shifts}" if text else f"Trong kỳ, {team} {shifts}"
        return text.strip()
