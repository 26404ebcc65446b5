"""The rotation generator: who is on which shift, as a pure function of its inputs.

Rules, checked by property-based tests (tests/test_generator_properties.py):
- a shift gets at most as many members as it needs, and never a member twice;
- nobody is on two shifts that overlap in time;
- nobody is on duty on a day of leave or unavailability;
- each shift goes to the least-loaded members free at that time, so whoever
  fell behind (leave, a new member) is given shifts first until they catch up;
  hence the shifts per member, counting earlier rosters, differ by at most one
  when nobody is on leave and shifts that overlap share the same hours (places
  keep the same office hours). A long shift overlapping several short ones
  elsewhere can make that impossible for any roster; then the rule above still
  holds shift by shift;
- no shift falls on a holiday (the caller builds slots from working days only;
  the generator never invents a slot).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Slot:
    key: object  # what the caller uses to find the shift again
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    needed: int


@dataclass
class Plan:
    assignments: dict[object, list[int]] = field(default_factory=dict)  # slot key → member ids
    counts: dict[int, int] = field(default_factory=dict)  # member → shifts, earlier included
    unfilled: dict[object, int] = field(default_factory=dict)  # slot key → places left empty


def generate(
    slots: Iterable[Slot],
    members: Iterable[int],
    *,
    unavailable: dict[int, set[datetime.date]] | None = None,
    earlier_counts: dict[int, int] | None = None,
    busy: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] | None = None,
) -> Plan:
    """Assign members to slots, in time order, least-loaded first.

    `busy` lists times a member is already on duty (kept shifts), so that a
    regenerated roster never puts them on an overlapping shift.
    """
    members = sorted(set(members))
    unavailable = unavailable or {}
    counts = {m: (earlier_counts or {}).get(m, 0) for m in members}
    taken: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = {
        m: list((busy or {}).get(m, [])) for m in members
    }
    plan = Plan(counts=counts)
    for slot in sorted(slots, key=lambda s: (s.starts_at, s.ends_at, str(s.key))):
        day = slot.starts_at.date()
        free = [
            m
            for m in members
            if day not in unavailable.get(m, ())
            and not any(s < slot.ends_at and slot.starts_at < e for s, e in taken[m])
        ]
        # Least loaded first; the member id breaks ties so the roster is the
        # same every time it is generated from the same data.
        free.sort(key=lambda m: (counts[m], m))
        chosen = free[: slot.needed]
        for m in chosen:
            counts[m] += 1
            taken[m].append((slot.starts_at, slot.ends_at))
        plan.assignments[slot.key] = chosen
        if len(chosen) < slot.needed:
            plan.unfilled[slot.key] = slot.needed - len(chosen)
    return plan
