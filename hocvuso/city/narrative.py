"""The sentences of the city's report, written from the city's figures and reporting status.

Like the commune's report (hocvuso/reports/narrative.py), every figure comes from the data:
the totals of the accepted snapshots, the communes ranked where a ranking makes sense (people
helped, people trained; not the indicators, whose denominators are a handful of schools), and
the communes that have not reported, by name. Every place word comes from the province and its
communes (`ReportWords`): "các xã, phường" of "tỉnh Điện Biên", never a literal city; a section
whose figures are all absent says so instead of claiming work.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal

from hocvuso.core.formatting import vn_count, vn_date, vn_number, vn_percent
from hocvuso.reports.narrative import MOVEMENT, join_vi, seed_date
from hocvuso.units.models import Unit
from hocvuso.units.words import ProvinceWords, communes_word, villages_word

# How many communes a ranking names in the text; the charts show twenty.
RANKED_IN_TEXT = 5
NO_VALUE = "–"


@dataclass(frozen=True)
class ReportWords:
    """The words of the province's report: the province, its communes and their villages."""

    province: ProvinceWords  # or `NationWords` in the Ministry's report
    communes: str  # "xã, phường, đặc khu", the kinds of the communes asked
    villages: str  # "thôn, bản", the kinds of their villages
    # What the units that answer are called, where they are not the communes: "tỉnh, thành
    # phố" in the Ministry's report (whose "communes" are still those of its teams).
    reporters: str = ""

    @property
    def answering(self) -> str:
        return self.reporters or self.communes

    @classmethod
    def of(cls, province: Unit, communes) -> "ReportWords":
        """`communes` is a queryset of the communes the report covers."""
        kinds = communes.values_list("kind", flat=True).order_by().distinct()
        return cls(ProvinceWords.of(province), communes_word(kinds), villages_word(communes))

    @classmethod
    def from_dict(cls, data: dict) -> "ReportWords":
        return cls(**{**data, "province": ProvinceWords(**data["province"])})

    def as_dict(self) -> dict:
        return asdict(self)


def percent(value) -> str:
    return vn_percent(Decimal(value))


def _amount(value) -> str:
    """A numerator or denominator kept as "250.00": "250"; "12.50": "12,5"."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return vn_number(number)
    return vn_number(number, decimals=1)


def _ranking_text(rows: list[dict], key: str, unit: str) -> str:
    ranked = sorted(
        (r for r in rows if r["figures"] and r["figures"][key]),
        key=lambda r: (-r["figures"][key], r["name"]),
    )[:RANKED_IN_TEXT]
    return join_vi([f"{r['name']} ({vn_number(r['figures'][key])} {unit})" for r in ranked])


class CityWriter:
    """The sentences of the city's report, written from the figures.

    `answering` is the request the report answers when it is not the one whose answers it
    adds up: the Ministry's, for a province's report to the Ministry.
    """

    def __init__(
        self, request, report_date, settings, figures, reporting, names, words, answering=None
    ):
        self.request = request
        self.answering = answering
        self.words = words
        self.province = words.province
        # The units that answered ("xã, phường"; "tỉnh, thành phố" for the Ministry).
        self.communes = words.answering
        # Who is asked to finish their reports, in the assessment.
        self.late_authority = f"UBND các {self.communes}"
        self.report_date = report_date
        self.settings = settings
        self.f = figures
        self.r = reporting
        self.names = names
        self.t = figures["totals"]
        self.agency = settings.agency_short
        self.addressee = answering.issuer if answering is not None else settings.addressee

    def opening(self) -> str:
        request = self.answering or self.request
        return (
            f"Thực hiện {request.kind} số {request.number_symbol} ngày "
            f"{seed_date(request.issued_on.isoformat())} của {request.issuer} "
            f"{request.subject.rstrip('. ')}, {self.agency} tổng hợp báo cáo của các "
            f"{self.communes} {self.province.area} như sau:"
        )

    def sections(self) -> list[dict]:
        sections = [("reporting", f"1. Tình hình báo cáo của các {self.communes}")]
        if self.f["reported"]:
            sections += [
                ("teams", "2. Kết quả xây dựng, duy trì Tổ công nghệ số cộng đồng"),
                (
                    "support",
                    "3. Kết quả hỗ trợ người dân sử dụng dịch vụ công trực tuyến, ứng dụng số",
                ),
                ("learning", "4. Kết quả phổ cập kỹ năng số"),
                ("communication", "5. Kết quả chỉ đạo, truyền thông"),
                ("indicators", "6. Một số chỉ số chuyển đổi số"),
            ]
        sections.append(("assessment", f"{len(sections) + 1}. Đánh giá chung và đề xuất"))
        return [
            {"key": key, "heading": heading, "paragraphs": getattr(self, key)(), "edited": False}
            for key, heading in sections
        ]

    def reporting(self) -> list[str]:
        r, request = self.r, self.request
        review = [f"đã tiếp nhận {vn_count(r['accepted'])} báo cáo"]
        if r["returned"]:
            review.append(f"trả lại {vn_count(r['returned'])} báo cáo để bổ sung, chỉnh sửa")
        if r["waiting"]:
            review.append(f"{vn_count(r['waiting'])} báo cáo đang được xem xét")
        paragraphs = [
            f"{request.kind} số {request.number_symbol} được gửi tới {vn_count(r['expected'])} "
            f"{self.communes}, hạn gửi báo cáo là ngày {vn_date(request.deadline)}. Đến ngày "
            f"{vn_date(self.report_date)}, có {vn_count(r['sent'])} đơn vị đã gửi báo cáo "
            f"(đạt {vn_number(Decimal(r['rate']), 1)}%), trong đó {vn_count(r['on_time'])} "
            f"đơn vị gửi đúng hạn (đạt {vn_number(Decimal(r['on_time_rate']), 1)}%); "
            f"{self.agency} {', '.join(review)}."
        ]
        if self.f["reported"]:
            paragraphs.append(
                f"Số liệu tổng hợp dưới đây được tính từ {vn_count(self.f['reported'])} báo cáo "
                "đã được tiếp nhận. Các đơn vị chưa gửi báo cáo hoặc có báo cáo chưa được tiếp "
                "nhận không được tính vào số liệu tổng hợp và được ghi “Chưa báo cáo” tại "
                "Phụ lục I."
            )
        else:
            paragraphs.append("Chưa có báo cáo nào được tiếp nhận, chưa đủ cơ sở tổng hợp số liệu.")
        if self.f["not_sent"]:
            paragraphs.append(
                f"- Các đơn vị chưa gửi báo cáo ({vn_count(len(self.f['not_sent']))} đơn vị): "
                f"{', '.join(self.f['not_sent'])}."
            )
        if self.f["not_accepted"]:
            paragraphs.append(
                "- Các đơn vị đã gửi báo cáo nhưng chưa được tiếp nhận "
                f"({vn_count(len(self.f['not_accepted']))} đơn vị): "
                f"{', '.join(self.f['not_accepted'])}."
            )
        return paragraphs

    def teams(self) -> list[str]:
        t = self.t
        if not t["teams"]:
            return ["Các đơn vị đã báo cáo chưa ghi nhận tổ công nghệ số cộng đồng nào."]
        kinds = []
        if t["teams_commune"]:
            kinds.append(f"{vn_count(t['teams_commune'])} tổ cấp {self.words.communes}")
        if t["teams_village"]:
            kinds.append(f"{vn_count(t['teams_village'])} tổ cấp {self.words.villages}")
        if t["teams_rapid"]:
            kinds.append(
                f"{vn_count(t['teams_rapid'])} tổ ứng cứu (đội hỗ trợ chuyển đổi số phản ứng nhanh)"
            )
        members = f", với tổng số {vn_number(t['members'])} thành viên" if t["members"] else ""
        return [
            f"Theo báo cáo của {vn_count(self.f['reported'])} đơn vị, {self.province.area} có "
            f"{vn_number(t['teams'])} tổ công nghệ số cộng đồng, gồm {join_vi(kinds)}{members}."
        ]

    def support(self) -> list[str]:
        t = self.t
        if not t["people_helped"]:
            return ["Các đơn vị đã báo cáo chưa ghi nhận lượt hỗ trợ người dân nào trong kỳ."]
        elderly = (
            f", trong đó có {vn_number(t['elderly_helped'])} lượt người cao tuổi"
            if t["elderly_helped"]
            else ""
        )
        paragraphs = [
            "Lực lượng Tổ công nghệ số cộng đồng đã trực tiếp hỗ trợ "
            f"{vn_number(t['people_helped'])} lượt người dân ({vn_number(t['visit_records'])} "
            "lần hỗ trợ được ghi nhận) thực hiện thủ tục hành chính trực tuyến và sử dụng các "
            f"ứng dụng số{elderly}."
        ]
        if self.f["reported"] > 1:
            paragraphs.append(
                "Các đơn vị hỗ trợ được nhiều lượt người dân nhất: "
                f"{_ranking_text(self.f['rows'], 'people_helped', 'lượt')}."
            )
        return paragraphs

    def learning(self) -> list[str]:
        t = self.t
        if not t["people_trained"]:
            return ["Các đơn vị đã báo cáo chưa ghi nhận lượt người học kỹ năng số nào trong kỳ."]
        parts = []
        if t["class_attendees"]:
            parts.append(
                f"{vn_number(t['class_attendees'])} lượt người học tại các lớp học số do các tổ "
                "công nghệ số cộng đồng tổ chức"
            )
        if t["course_participants"]:
            parts.append(
                f"{vn_number(t['course_participants'])} lượt tham gia các khóa học trực tuyến"
            )
        paragraphs = [
            f"Có {vn_number(t['people_trained'])} lượt người được hướng dẫn, bồi dưỡng kỹ năng "
            f"số, gồm {join_vi(parts)}."
        ]
        ranking = _ranking_text(self.f["rows"], "people_trained", "lượt")
        if self.f["reported"] > 1:
            paragraphs.append(f"Các đơn vị có nhiều lượt người được đào tạo nhất: {ranking}.")
        return paragraphs

    def communication(self) -> list[str]:
        t = self.t
        parts = []
        if t["documents"]:
            parts.append(
                f"ban hành {vn_number(t['documents'])} văn bản chỉ đạo, kế hoạch triển khai "
                f"{MOVEMENT}"
            )
        if t["outreach"]:
            parts.append(f"tổ chức {vn_number(t['outreach'])} hoạt động tuyên truyền")
        if t["zalo_groups"]:
            parts.append(
                f"duy trì {vn_number(t['zalo_groups'])} nhóm Zalo của tổ công nghệ số cộng đồng"
            )
        if not parts:
            return [
                "Các đơn vị đã báo cáo chưa ghi nhận văn bản chỉ đạo, hoạt động tuyên truyền "
                "hay nhóm Zalo nào trong kỳ."
            ]
        return [f"Các đơn vị đã {join_vi(parts)}."]

    def indicators(self) -> list[str]:
        indicators = self.f["indicators"]
        if not indicators:
            return ["Các đơn vị chưa báo cáo giá trị các chỉ số chuyển đổi số."]
        paragraphs = [
            f"Tỷ lệ chung của {self.province.kind} được tính bằng tổng tử số chia cho tổng mẫu số của các "
            "đơn vị đã báo cáo chỉ số đó, cụ thể:"
        ]
        ordered = [code for code in self.names if code in indicators]
        for position, code in enumerate(ordered):
            i = indicators[code]
            end = "." if position == len(ordered) - 1 else ";"
            value = percent(i["value"]) if i["value"] is not None else NO_VALUE
            paragraphs.append(
                f"- {self.names[code]}: {value} ({_amount(i['numerator'])}/"
                f"{_amount(i['denominator'])}, {vn_count(i['communes'])} đơn vị báo cáo){end}"
            )
        return paragraphs

    def assessment(self) -> list[str]:
        r, t = self.r, self.t
        done = []
        if self.f["reported"] and t["teams"]:
            done.append("duy trì hoạt động của Tổ công nghệ số cộng đồng")
        if self.f["reported"] and t["people_helped"]:
            done.append("hỗ trợ người dân sử dụng dịch vụ công trực tuyến, ứng dụng số")
        if self.f["reported"] and t["people_trained"]:
            done.append("hướng dẫn kỹ năng số cho người dân")
        if done:
            paragraphs = [
                f"Nhìn chung, các {self.communes} đã báo cáo đều quan tâm triển khai phong trào, "
                f"{join_vi(done)}."
            ]
        elif self.f["reported"]:
            paragraphs = [
                "Các báo cáo đã tiếp nhận chưa ghi nhận kết quả hỗ trợ người dân hay phổ cập kỹ "
                "năng số trong kỳ."
            ]
        else:
            paragraphs = ["Chưa có báo cáo nào được tiếp nhận nên chưa đủ cơ sở đánh giá chung."]
        gaps = []
        if r["missing"]:
            gaps.append(f"{vn_count(r['missing'])} đơn vị chưa gửi báo cáo")
        if r["late"]:
            gaps.append(f"{vn_count(r['late'])} đơn vị gửi báo cáo sau thời hạn")
        if r["returned"]:
            gaps.append(f"{vn_count(r['returned'])} báo cáo phải trả lại để bổ sung, chỉnh sửa")
        if gaps:
            paragraphs.append(f"Tuy nhiên, còn {join_vi(gaps)}.")
        if r["missing"] or r["returned"]:
            paragraphs.append(
                f"Đề nghị {self.late_authority} chưa gửi báo cáo hoặc có báo cáo được trả "
                f"lại khẩn trương hoàn thiện, gửi báo cáo về {self.agency} để tổng hợp, báo cáo "
                f"{self.addressee}."
            )
        return paragraphs

    def closing(self) -> list[str]:
        return [
            f"Trên đây là báo cáo tổng hợp kết quả triển khai {MOVEMENT} {self.province.area} "
            f"(chi tiết theo từng {self.communes} tại Phụ lục I kèm theo). "
            f"{self.agency} kính báo cáo {self.addressee}./."
        ]
