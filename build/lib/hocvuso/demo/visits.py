"""The plan of the demo's support visits, made without touching the database.

The report says the teams helped "trên 1.500 lượt công dân" from the beginning
of 2026, mostly at the commune's service centre, where the commune team and the
youth union take turns Monday to Friday in office hours. The plan follows
that: working days from 01/01/2026 to 31/05/2026 without the public holidays,
a few Saturday sessions at village cultural houses, more visits before Tết
(transfers and QR payments), in March (the youth union's Tháng Thanh niên) and
after Công văn 907 of 14/5/2026 (the Smart Hải Phòng campaign).

Every draw comes from one seeded generator in a fixed order, so the plan is the
same on every run; the builder only decides which planned visits are missing.
"""

import datetime
import random
from dataclasses import dataclass

from hocvuso.support.models import AgeBand, Gender, Outcome, Place

from .data import PERIOD_END, PERIOD_START

# Days off in 2026 for offices (Tết Bính Ngọ is 17/02/2026: nine days off
# with the weekends; Giỗ Tổ Hùng Vương falls on Sunday 26/4, so Monday is off).
HOLIDAYS = {
    datetime.date(2026, 1, 1),
    *(datetime.date(2026, 2, 14) + datetime.timedelta(days=d) for d in range(9)),
    datetime.date(2026, 4, 27),
    datetime.date(2026, 4, 30),
    datetime.date(2026, 5, 1),
}
SMART_HAIPHONG_CAMPAIGN = datetime.date(2026, 5, 14)
TET = datetime.date(2026, 2, 17)

# How often each service is the reason for coming, before the adjustments below.
SERVICE_WEIGHTS = {
    "dvc-filing": 30,
    "vneid-activate": 14,
    "login-recovery": 12,
    "health-book": 10,
    "dvc-lookup": 9,
    "smart-haiphong": 7,
    "qr-payment": 7,
    "vneid-register": 6,
    "dvc-payment": 5,
    "anti-fraud": 4,
    "other": 2,
}
# Away from the centre people ask less about filing and more about apps.
VILLAGE_SERVICE_FACTORS = {
    "dvc-filing": 0.4,
    "health-book": 2,
    "smart-haiphong": 1.5,
    "anti-fraud": 2,
}
# A service that often comes with another: (first, second, probability).
COMPANIONS = [
    ("dvc-filing", "dvc-payment", 0.45),
    ("dvc-filing", "dvc-lookup", 0.12),
    ("vneid-register", "vneid-activate", 0.6),
    ("smart-haiphong", "login-recovery", 0.15),
    ("qr-payment", "anti-fraud", 0.25),
]
GROUP_SERVICES = ["health-book", "smart-haiphong", "anti-fraud", "vneid-activate", "qr-payment"]

AGE_BANDS = {
    Place.SERVICE_CENTRE: {
        AgeBand.UNDER_18: 3,
        AgeBand.FROM_18_TO_39: 32,
        AgeBand.FROM_40_TO_59: 37,
        AgeBand.FROM_60: 24,
        AgeBand.UNKNOWN: 4,
    },
    Place.CULTURAL_HOUSE: {
        AgeBand.UNDER_18: 5,
        AgeBand.FROM_18_TO_39: 20,
        AgeBand.FROM_40_TO_59: 35,
        AgeBand.FROM_60: 40,
    },
    Place.HOME: {AgeBand.FROM_18_TO_39: 10, AgeBand.FROM_40_TO_59: 20, AgeBand.FROM_60: 70},
    Place.ONLINE: {AgeBand.FROM_18_TO_39: 45, AgeBand.FROM_40_TO_59: 40, AgeBand.FROM_60: 15},
}
PARTLY_NOTES = [
    "Thiếu giấy tờ, hẹn bổ sung",
    "Chờ kích hoạt tài khoản, hẹn quay lại",
    "Mạng yếu, hẹn hoàn thiện sau",
]


@dataclass(frozen=True)
class PlannedVisit:
    """One visit; villages and teams by their number (1–20), 0 for the commune team."""

    key: str
    occurred_at: datetime.datetime
    place: str
    village: int | None
    team: int
    helper: int  # index into the team's helpers (the duty list for the commune team)
    services: tuple[str, ...]
    people: int
    gender: str
    age_band: str
    elderly: bool
    disability: bool
    outcome: str
    note: str


def working_days():
    """Monday to Saturday outside the holidays: the village teams help on Saturdays too."""
    day = PERIOD_START
    while day <= PERIOD_END:
        if day not in HOLIDAYS and day.weekday() < 6:
            yield day
        day += datetime.timedelta(days=1)


def expected_visits(day: datetime.date) -> float:
    """How many visits a day sees on average."""
    if day.weekday() == 5:
        return 10 if day >= SMART_HAIPHONG_CAMPAIGN else 6
    if day >= SMART_HAIPHONG_CAMPAIGN:
        return 24
    if day.month == 2:
        return 12.5 if day < TET else 9.5
    if day.month == 3:
        return 13.5
    return 11.5


class VisitPlanner:
    def __init__(
        self, seed: str, villages: int, team_sizes: list[int], duty_size: int, tz: datetime.tzinfo
    ):
        self.rng = random.Random(seed)
        # Who helps is drawn apart, so that a change to the teams leaves the
        # visits themselves (days, places, services, people) as they were.
        self.helper_rng = random.Random(f"{seed}-helpers")
        self.villages = villages
        self.team_sizes = team_sizes  # by village number - 1
        self.duty_size = duty_size
        self.tz = tz
        # Villages near the centre, or larger, come more often.
        self.village_weights = [self.rng.uniform(0.5, 1.5) for _ in range(villages)]

    def plan(self) -> list[PlannedVisit]:
        visits = []
        for number, day in enumerate(working_days()):
            count = max(0, round(self.rng.gauss(expected_visits(day), expected_visits(day) / 5)))
            drafts = sorted((self._draft(day, number) for _ in range(count)), key=lambda d: d[0])
            for draft in drafts:
                visits.append(PlannedVisit(f"demo-{len(visits)}", *draft))
        return visits

    def _village(self) -> int:
        return self.rng.choices(range(1, self.villages + 1), self.village_weights)[0]

    def _at(self, day, start: tuple[int, int], end: tuple[int, int]) -> datetime.datetime:
        first, last = start[0] * 60 + start[1], end[0] * 60 + end[1]
        minute = self.rng.randrange(first, last)
        return datetime.datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.tz
        )

    def _draft(self, day: datetime.date, number: int) -> tuple:
        rng = self.rng
        morning = rng.random() < 0.6
        if day.weekday() == 5:
            place = Place.CULTURAL_HOUSE if rng.random() < 0.75 else Place.HOME
        else:
            place = rng.choices(
                [Place.SERVICE_CENTRE, Place.CULTURAL_HOUSE, Place.HOME, Place.ONLINE],
                [80, 9, 7, 4],
            )[0]
        if place == Place.SERVICE_CENTRE:
            at = self._at(day, (7, 30), (11, 15)) if morning else self._at(day, (13, 30), (16, 45))
            # The officer on duty asks where the citizen lives; not everyone says.
            village = self._village() if rng.random() < 0.75 else None
            team, helper = 0, (2 * number + (0 if morning else 1)) % self.duty_size
        else:
            at = self._at(day, (8, 0), (11, 0)) if morning else self._at(day, (14, 0), (16, 30))
            village = self._village()
            team, helper = village, self.helper_rng.randrange(self.team_sizes[village - 1])
        if place == Place.CULTURAL_HOUSE and rng.random() < 0.25:
            return (at, place, village, team, helper, *self._group())
        return (at, place, village, team, helper, *self._one(day, place))

    def _services(self, day: datetime.date, place: str) -> tuple[str, ...]:
        weights = dict(SERVICE_WEIGHTS)
        if place != Place.SERVICE_CENTRE:
            for code, factor in VILLAGE_SERVICE_FACTORS.items():
                weights[code] *= factor
        if day.month == 2 and day < TET:
            weights["qr-payment"] *= 2.5
        if day >= SMART_HAIPHONG_CAMPAIGN:
            weights["smart-haiphong"] = 45
        codes = [self.rng.choices(list(weights), list(weights.values()))[0]]
        for first, second, chance in COMPANIONS:
            if first in codes and second not in codes and self.rng.random() < chance:
                codes.append(second)
        return tuple(codes)

    def _one(self, day: datetime.date, place: str) -> tuple:
        rng = self.rng
        services = self._services(day, place)
        gender = rng.choices([Gender.FEMALE, Gender.MALE, Gender.UNKNOWN], [53, 45, 2])[0]
        bands = AGE_BANDS[place]
        age_band = rng.choices(list(bands), list(bands.values()))[0]
        elderly = age_band == AgeBand.FROM_60
        if elderly and "anti-fraud" not in services and rng.random() < 0.08:
            services += ("anti-fraud",)
        disability = rng.random() < (0.1 if place == Place.HOME else 0.01)
        outcome = rng.choices([Outcome.DONE, Outcome.PARTLY, Outcome.REFERRED], [91, 6, 3])[0]
        note = ""
        if outcome == Outcome.PARTLY:
            note = rng.choice(PARTLY_NOTES)
        elif outcome == Outcome.REFERRED:
            vneid = any(code.startswith("vneid") for code in services)
            note = "Chuyển Công an xã xử lý" if vneid else "Chuyển bộ phận một cửa xử lý"
        return (services, 1, gender, age_band, elderly, disability, outcome, note)

    def _group(self) -> tuple:
        rng = self.rng
        services = tuple(rng.sample(GROUP_SERVICES, rng.randint(1, 2)))
        people = rng.randint(3, 8)
        # Some sessions are held with the village's association of the elderly.
        elderly = rng.random() < 0.4
        age_band = AgeBand.FROM_60 if elderly else AgeBand.MIXED
        note = "Hướng dẫn theo nhóm tại nhà văn hóa thôn"
        return (services, people, Gender.MIXED, age_band, elderly, False, Outcome.DONE, note)
