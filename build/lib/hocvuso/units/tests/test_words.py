"""The unit's own words, from its kind and its villages' kinds."""

from hocvuso.units.facts import commune_facts, province_facts
from hocvuso.units.models import Kind, Level, Unit, UnitSettings
from hocvuso.units.words import CommuneWords, ProvinceWords, communes_word, unit_phrase


def _unit(level, kind, code, short_name, parent=None):
    return Unit.objects.create(
        level=level, kind=kind, code=code, name=short_name, short_name=short_name, parent=parent
    )


def _province(kind=Kind.TINH, name="Điện Biên", code="11"):
    return _unit(Level.PROVINCE, kind, code, name)


def _commune(province, kind=Kind.XA, name="Na Son", code="3001", villages=()):
    commune = _unit(Level.COMMUNE, kind, code, name, province)
    for i, village_kind in enumerate(villages, 1):
        _unit(Level.VILLAGE, village_kind, f"{code}-{i:02d}", f"Số {i}", commune)
    return commune


def test_it_says_a_ward_and_its_residential_groups(db):
    ward = _commune(
        _province(Kind.THANH_PHO, "Hải Phòng", "31"),
        Kind.PHUONG,
        "Hồng Bàng",
        villages=[Kind.TO_DAN_PHO] * 5,
    )
    words = CommuneWords.of(ward)
    assert words.authority == "UBND phường Hồng Bàng"
    assert words.party == "Đảng ủy phường"
    assert words.area == "trên địa bàn phường"
    assert words.level == "cấp phường"
    assert words.village_counts == "05 tổ dân phố"
    assert words.province.phrase == "thành phố Hải Phòng"


def test_it_lists_several_kinds_of_village_most_common_first(db):
    commune = _commune(_province(), villages=[Kind.BAN] * 3 + [Kind.THON] * 12 + [Kind.XOM])
    words = CommuneWords.of(commune)
    assert words.village_counts == "12 thôn, 03 bản, 01 xóm"
    assert words.villages == "thôn, bản, xóm"
    assert words.village == "thôn"
    assert words.village_level == "cấp thôn, bản, xóm"


def test_a_commune_without_villages_uses_the_word_of_its_kind(db):
    province = _province()
    assert CommuneWords.of(_commune(province)).villages == "thôn"
    ward = _commune(province, Kind.PHUONG, "Him Lam", "3002")
    assert CommuneWords.of(ward).villages == "tổ dân phố"


def test_words_survive_a_snapshot(db):
    commune = _commune(_province(), villages=[Kind.AP, Kind.AP])
    words = CommuneWords.of(commune)
    assert CommuneWords.from_dict(words.as_dict()) == words


def test_it_names_a_province_and_its_department(db):
    words = ProvinceWords.of(_province())
    assert words.phrase == "tỉnh Điện Biên"
    assert words.department == "Sở Khoa học và Công nghệ tỉnh Điện Biên"
    assert words.department_short == "Sở KH&CN tỉnh"
    assert communes_word([Kind.PHUONG, Kind.XA]) == "xã, phường"
    assert unit_phrase(_province(Kind.THANH_PHO, "Cần Thơ", "92")) == "thành phố Cần Thơ"


def test_facts_default_to_the_units_words_and_name_no_other_place(db):
    ward = _commune(_province(), Kind.PHUONG, "Him Lam", "3002")
    facts = commune_facts(ward)
    assert facts.service_centre == "Trung tâm Phục vụ hành chính công phường"
    assert facts.portal == "Cổng thông tin điện tử phường"
    assert facts.department == "Sở Khoa học và Công nghệ tỉnh Điện Biên"
    assert facts.local_apps == []
    assert facts.programmes == ["Đề án 06"]


def test_a_commune_takes_its_provinces_apps_unless_it_has_its_own(db):
    province = _province()
    commune = _commune(province)
    UnitSettings.objects.create(
        unit=province, local_apps="ứng dụng A\n\nứng dụng B", department_short="Sở KH&CN Điện Biên"
    )
    assert commune_facts(commune).local_apps == ["ứng dụng A", "ứng dụng B"]
    assert commune_facts(commune).department_short == "Sở KH&CN Điện Biên"
    UnitSettings.objects.create(
        unit=commune, local_apps="ứng dụng C", service_centre="Bộ phận một cửa"
    )
    facts = commune_facts(commune)
    assert facts.local_apps == ["ứng dụng C"]
    assert facts.service_centre == "Bộ phận một cửa"
    assert province_facts(province).local_apps == ["ứng dụng A", "ứng dụng B"]
