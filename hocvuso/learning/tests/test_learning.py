import datetime

import pytest
from django.core.exceptions import ValidationError

from hocvuso.learning.models import CourseParticipation, DigitalClass, LearnerGroup, Platform
from hocvuso.learning.services import ClassInput, record_class


def test_a_class_counts_its_attendees_by_group(world):
    lesson = DigitalClass(
        commune=world.chiminh.commune,
        held_on=datetime.date(2026, 4, 2),
        topic="Cài đặt VNeID",
        officials=2,
        teachers=1,
        students=10,
        citizens=25,
    )
    lesson.full_clean()
    assert lesson.attendees == 38


def test_a_class_without_attendees_is_refused(world):
    lesson = DigitalClass(
        commune=world.chiminh.commune, held_on=datetime.date(2026, 4, 2), topic="Lớp trống"
    )
    with pytest.raises(ValidationError, match="ít nhất một người"):
        lesson.full_clean()


def test_a_class_in_a_village_of_another_commune_is_refused(world):
    lesson = DigitalClass(
        commune=world.chiminh.commune,
        village=world.tanky.villages[0],
        held_on=datetime.date(2026, 4, 2),
        topic="Sai thôn",
        citizens=3,
    )
    with pytest.raises(ValidationError) as error:
        lesson.full_clean()
    assert "village" in error.value.message_dict


def test_course_completions_never_exceed_participants(world):
    row = CourseParticipation(
        commune=world.chiminh.commune,
        platform=Platform.objects.get(code="binhdanhocvuso"),
        group=LearnerGroup.TEACHERS,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 5, 31),
        participants=40,
        completed=41,
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "completed" in error.value.message_dict


def test_the_platforms_of_the_report_are_in_the_catalogue(db):
    urls = set(Platform.objects.values_list("url", flat=True))
    assert {"http://binhdanhocvuso.gov.vn", "http://aicongdong.ptit.edu.vn"} <= urls


def test_a_class_held_at_a_citizens_home_names_no_citizen(world):
    with pytest.raises(ValidationError) as error:
        record_class(
            world.member,
            ClassInput(topic="Cài VNeID", location="Nhà bà Lan, 0912345678", citizens=5),
        )
    assert "Địa điểm không được chứa số điện thoại" in error.value.message_dict["location"][0]
    assert not DigitalClass.objects.filter(topic="Cài VNeID").exists()
