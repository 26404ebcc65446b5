"""How the report names things, in the commune's own words.

Every phrase that holds a place word is a function of the commune's words and facts
(hocvuso/units/words.py, facts.py), so that a ward's report says "UBND phường" and
"tổ dân phố", a mountain commune's "các thôn, bản", and none names another place.
The XLSX appendix and the charts use the same names as the sentences.
"""

import re
import unicodedata

from hocvuso.units.facts import CommuneFacts
from hocvuso.units.models import Kind
from hocvuso.units.words import CommuneWords, ProvinceWords, kind_word


def sentence_case(text: str) -> str:
    """ "tổ dân phố" -> "Tổ dân phố", the rest left as it is."""
    return text[:1].upper() + text[1:]


def join_vi(items: list[str]) -> str:
    """ "a, b và c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def channel_phrases(facts: CommuneFacts) -> dict[str, tuple[str, str]]:
    """How a channel of communication is named in a sentence, and what its "times" count."""
    words = facts.words
    return {
        "loudspeaker": ("hệ thống loa phát thanh cơ sở", "lượt phát"),
        "bulletin": ("bảng tin", "lượt"),
        "portal": (facts.portal, "tin, bài"),
        "social": (f"các trang mạng xã hội do {words.authority_kind} quản lý", "bài viết"),
        "school": ("các trường học", "buổi"),
        "meeting": (f"các buổi họp {words.villages}, khu dân cư", "buổi"),
        "zalo": ("các nhóm Zalo", "tin"),
        "event": ("các sự kiện, ngày hội", "sự kiện"),
        "leaflet": ("tờ rơi, pa-nô, áp phích", "lượt"),
        "other": ("các hình thức khác", "lượt"),
    }


def place_phrases(facts: CommuneFacts) -> dict[str, str]:
    """Where a visit took place, as a sentence says it."""
    return {
        "centre": f"tại {facts.service_centre}",
        "cultural_house": f"tại {facts.words.cultural_house}",
        "home": "tại nhà người dân",
        "online": "trực tuyến, qua điện thoại",
        "school": "tại trường học",
        "other": "ở nơi khác",
    }


def place_names(facts: CommuneFacts) -> dict[str, str]:
    """The places of a visit whose name holds a place word, as a table heads them."""
    return {
        "centre": facts.service_centre,
        "cultural_house": sentence_case(facts.words.cultural_house),
    }


def no_village(words: CommuneWords) -> str:
    """The row of the records that name no village: "Chưa ghi tổ dân phố"."""
    return f"Chưa ghi {words.villages}"


def whole_commune(words: CommuneWords) -> str:
    """The row of the activities held for the whole commune: "Toàn phường"."""
    return f"Toàn {words.kind}"


# The catalogue names each app's service "Cài đặt, sử dụng <the app>".
APP_SERVICE = re.compile(r"^Cài đặt,? (và )?sử dụng (?P<app>.+)$")
# The services of the national catalogue that are online public services.
PUBLIC_SERVICES = {"dvc-filing", "dvc-payment", "dvc-lookup"}


def app_of(service_name: str) -> str:
    """ "Sổ sức khỏe điện tử" for the service "Cài đặt, sử dụng Sổ sức khỏe điện tử"; "" for a
    service that is not an app's."""
    match = APP_SERVICE.match(service_name.strip())
    return match.group("app").strip() if match else ""


def apps_used(by_service: list[dict], local_apps: list[str]) -> list[str]:
    """The apps people were helped with in the period, the national ones first, then the
    province's own in the order of its settings (a local app's own wording wins)."""
    used = [app_of(row["name"]) for row in by_service if row.get("people")]
    used = [app for app in used if app]
    local = {app.casefold(): app for app in local_apps}
    national = [app for app in used if app.casefold() not in local]
    own = [app for app in local_apps if app.casefold() in {a.casefold() for a in used}]
    return national + own


def apps_named(by_service: list[dict], local_apps: list[str]) -> list[str]:
    """The apps the communication names: those used in the period and the local apps."""
    used = apps_used(by_service, local_apps)
    seen = {app.casefold() for app in used}
    return used + [app for app in local_apps if app.casefold() not in seen]


def _folded(text: str) -> str:
    """ "Nền tảng Bình dân học vụ số" -> "nentangbinhdanhocvuso"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and c.isalnum()).lower()


def platform_phrase(name: str, url: str) -> str:
    """A platform as the seed names it: its name and address ("Cổng đào tạo AI cho cộng đồng
    http://aicongdong.ptit.edu.vn"), its address alone when the address already spells its
    name (http://binhdanhocvuso.gov.vn), its name alone when it has no address."""
    name, url = (name or "").strip(), (url or "").strip()
    if not url:
        return name
    host = re.sub(r"^[a-z]+://(www\.)?", "", url.lower()).split("/")[0]
    label = host.split(".")[0]
    if not name or name == url or (len(label) >= 6 and _folded(name).endswith(label)):
        return url.rstrip("/")
    return f"{name} {url.rstrip('/')}"


WEEKDAY_WORDS = ["thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7", "chủ nhật"]
WORKING_WEEK = [0, 1, 2, 3, 4]


def weekdays_phrase(weekdays: list[int]) -> str:
    """ "từ thứ 2 đến thứ 6" for Monday to Friday, "vào thứ 3, thứ 5 và thứ 7" otherwise."""
    days = sorted(set(weekdays))
    if len(days) == 7:
        return "tất cả các ngày trong tuần"
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"từ {WEEKDAY_WORDS[days[0]]} đến {WEEKDAY_WORDS[days[-1]]}"
    return "vào " + join_vi([WEEKDAY_WORDS[d] for d in days])


def schedule_phrase(place: dict) -> str:
    """ "từ thứ 2 đến thứ 6 trong giờ hành chính" for a duty place of the roster figures."""
    text = weekdays_phrase(place["weekdays"])
    if place["office_hours"] and set(place["weekdays"]) <= set(WORKING_WEEK):
        text += " trong giờ hành chính"
    return text


def duty_places_phrase(places: list[dict]) -> str:
    """ "từ thứ 2 đến thứ 6 trong giờ hành chính tại A" for one schedule; "tại A (…) và B (…)"
    when the places keep different days."""
    schedules = {schedule_phrase(p) for p in places}
    if len(schedules) == 1:
        return f"{schedules.pop()} tại {join_vi([p['name'] for p in places])}"
    return "tại " + join_vi([f"{p['name']} ({schedule_phrase(p)})" for p in places])


def snapshot_words(snapshot: dict) -> CommuneWords:
    """The commune's words kept in a snapshot; for a report frozen before they were kept
    (version 1), the words its phrase ("phường Hồng Bàng") and province name give."""
    if snapshot.get("words"):
        return CommuneWords.from_dict(snapshot["words"])
    commune = snapshot.get("commune") or {}
    short_name = commune.get("short_name", "")
    phrase = commune.get("phrase") or commune.get("name", "").lower()
    kind = phrase[: len(phrase) - len(short_name)].strip() if short_name else ""
    province = commune.get("province", "")
    province_kind = next(
        (
            kind_word(k)
            for k in (Kind.THANH_PHO, Kind.TINH)
            if province.lower().startswith(kind_word(k))
        ),
        kind_word(Kind.TINH),
    )
    province_name = province[len(province_kind) :].strip() if province else ""
    return CommuneWords(
        kind=kind.lower(),
        name=short_name,
        province=ProvinceWords(province_kind, province_name),
    )


def snapshot_facts(snapshot: dict) -> CommuneFacts:
    """The commune's facts kept in a snapshot, or those its words give (version 1)."""
    if snapshot.get("facts"):
        return CommuneFacts.from_dict(snapshot["facts"])
    words = snapshot_words(snapshot)
    return CommuneFacts(
        words=words,
        service_centre=words.service_centre,
        portal=words.portal,
        local_apps=[],
        programmes=[],
        department=words.province.department,
        department_short=words.province.department_short,
    )


def catalogue_text(text: str, words: CommuneWords) -> str:
    """A national catalogue's text, written for a commune of thôn ("Tỷ lệ nhà văn hóa thôn có
    Wi-Fi", "Công an xã"), in the commune's own words. Only for catalogue text: a record's own
    text (a village named "Thôn Đông") is never rewritten."""
    text = re.sub(r"\bthôn\b", words.villages, text or "")
    return re.sub(r"\bxã\b(?! hội)", words.kind, text)


def channel_names(facts: CommuneFacts) -> dict[str, str]:
    """The channels whose name holds a place word, as a table heads them."""
    return {
        "portal": facts.portal,
        "meeting": f"Họp {facts.words.villages}, khu dân cư",
    }


def affiliation_names(words: CommuneWords) -> dict[str, str]:
    """The members' affiliations whose name holds a place word."""
    return {"village_officer": f"Cán bộ {words.villages}"}


def team_level_names(words: CommuneWords) -> dict[str, str]:
    """ "Tổ cấp phường", "Tổ cấp tổ dân phố", "Đội phản ứng nhanh"."""
    return {
        "commune": f"Tổ {words.level}",
        "village": f"Tổ {words.village_level}",
        "rapid": "Đội hỗ trợ chuyển đổi số phản ứng nhanh",
    }
