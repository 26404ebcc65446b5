"""Writes on digital classes. Pages, the API and tests call these.

Validation, the scope check and the audit trail happen here once; where a
class belongs (team, village, commune) is resolved by the same rules as a
communication activity.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from hocvuso.core.audit import acting_as
from hocvuso.core.citizen_data import citizen_data_problem
from hocvuso.outreach.services import check_count, check_day, locate

from .models import DigitalClass

MAX_PER_GROUP = 100_000
GROUPS = {
    "officials": "Số cán bộ, công chức",
    "teachers": "Số giáo viên",
    "students": "Số học sinh",
    "citizens": "Số người dân",
}


@dataclass
class ClassInput:
    """One digital class and its attendees by group."""

    topic: str
    held_on: datetime.date | None = None  # today when not given
    location: str = ""
    officials: int = 0
    teachers: int = 0
    students: int = 0
    citizens: int = 0
    village: str | None = None  # village code
    team_id: int | None = None


def record_class(user, data: ClassInput) -> DigitalClass:
    errors = {}
    held_on = data.held_on or timezone.localdate()
    check_day(held_on, "held_on", errors)
    topic = (data.topic or "").strip()
    if not topic:
        errors["topic"] = "Hãy nhập chủ đề lớp học."
    elif len(topic) > 250:
        errors["topic"] = "Chủ đề tối đa 250 ký tự."
    elif problem := citizen_data_problem(topic, "Chủ đề"):
        errors["topic"] = problem
    location = (data.location or "").strip()
    if len(location) > 150:
        errors["location"] = "Địa điểm tối đa 150 ký tự."
    elif problem := citizen_data_problem(location, "Địa điểm"):
        errors["location"] = problem
    for field, label in GROUPS.items():
        check_count(getattr(data, field), field, errors, low=0, high=MAX_PER_GROUP, label=label)
    if not any(name in errors for name in GROUPS):
        if sum(getattr(data, name) for name in GROUPS) == 0:
            errors["attendees"] = "Lớp học phải có ít nhất một người tham gia."
    where = locate(user, data.team_id, data.village, errors)
    if errors:
        raise ValidationError(errors)
    digital_class = DigitalClass(
        **where.fields(),
        held_on=held_on,
        topic=topic,
        location=location,
        officials=data.officials,
        teachers=data.teachers,
        students=data.students,
        citizens=data.citizens,
    )
    with acting_as(user):
        digital_class.save()
    return digital_class
