"""The generator's rules, on random teams, leave and calendars (hypothesis)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from hocvuso.roster.generator import Slot, generate

BASE = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)


# Office hours that places share; a place keeps some of them on a day.
WINDOWS = [(7.5, 11.5), (13.5, 17.0), (18.0, 20.0)]


@st.composite
def aligned_rosters(draw):
    """Places with the same office hours (some open fewer of them), and no leave."""
    members = draw(st.lists(st.integers(1, 60), min_size=1, max_size=12, unique=True))
    slots = []
    for day in range(draw(st.integers(1, 25))):
        for place in range(draw(st.integers(1, 3))):
            for start, end in draw(st.lists(st.sampled_from(WINDOWS), unique=True, max_size=3)):
                starts = BASE + datetime.timedelta(days=day, hours=start)
                slots.append(
                    Slot(
                        (day, place, start),
                        starts,
                        BASE + datetime.timedelta(days=day, hours=end),
                        draw(st.integers(1, 4)),
                    )
                )
    low = draw(st.integers(0, 5))
    earlier = {m: low + draw(st.integers(0, 1)) for m in members}
    return members, slots, earlier


@st.composite
def rosters(draw, with_leave=True):
    members = draw(st.lists(st.integers(1, 60), min_size=1, max_size=12, unique=True))
    days = draw(st.integers(1, 25))
    places = draw(st.integers(1, 3))
    slots = []
    for day in range(days):
        for place in range(places):
            # Each place has its own hours, so shifts of two places can overlap.
            for start_hour, length in draw(
                st.lists(
                    st.tuples(st.integers(6, 16), st.integers(1, 5)),
                    min_size=0,
                    max_size=2,
                    unique_by=lambda t: t[0],
                )
            ):
                starts = BASE + datetime.timedelta(days=day, hours=start_hour)
                slots.append(
                    Slot(
                        (day, place, start_hour),
                        starts,
                        starts + datetime.timedelta(hours=length),
                        draw(st.integers(1, 4)),
                    )
                )
    unavailable = {}
    if with_leave:
        for m in members:
            leave_days = draw(st.sets(st.integers(0, days - 1), max_size=days))
            unavailable[m] = {(BASE + datetime.timedelta(days=d)).date() for d in leave_days}
    earlier = draw(st.dictionaries(st.sampled_from(members), st.integers(0, 3)))
    # Earlier rosters were fair too: their counts differ by at most one.
    low = min(earlier.values(), default=0)
    earlier = {m: low + min(n - low, 1) for m, n in earlier.items()} if earlier else {}
    if earlier:
        earlier = {m: earlier.get(m, low) for m in members}
    return members, slots, unavailable, earlier


def overlap(a, b):
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


@given(rosters())
def test_nobody_is_on_two_shifts_at_once_or_on_leave(case):
    members, slots, unavailable, earlier = case
    plan = generate(slots, members, unavailable=unavailable, earlier_counts=earlier)
    by_key = {s.key: s for s in slots}
    for key, chosen in plan.assignments.items():
        slot = by_key[key]
        assert len(chosen) == len(set(chosen)) <= slot.needed
        for m in chosen:
            assert m in members
            assert slot.starts_at.date() not in unavailable.get(m, set())
    for m in members:
        mine = [by_key[k] for k, chosen in plan.assignments.items() if m in chosen]
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                assert not overlap(a, b)


@given(rosters())
def test_a_shift_is_left_short_only_when_nobody_else_was_free(case):
    members, slots, unavailable, earlier = case
    plan = generate(slots, members, unavailable=unavailable, earlier_counts=earlier)
    by_key = {s.key: s for s in slots}
    for key, missing in plan.unfilled.items():
        slot = by_key[key]
        chosen = plan.assignments[key]
        assert len(chosen) + missing == slot.needed
        for m in set(members) - set(chosen):
            on_leave = slot.starts_at.date() in unavailable.get(m, set())
            busy = any(
                overlap(slot, by_key[k]) for k, c in plan.assignments.items() if m in c and k != key
            )
            assert on_leave or busy


@given(aligned_rosters())
def test_shifts_per_member_differ_by_at_most_one_counting_earlier_rosters(case):
    members, slots, earlier = case
    plan = generate(slots, members, earlier_counts=earlier)
    counts = [plan.counts[m] for m in members]
    # Two places open at the same hours are one bigger shift to the rule:
    # the least-loaded members are taken first, so nobody gets two ahead.
    assert max(counts) - min(counts) <= 1


@given(rosters())
def test_each_shift_goes_to_the_least_loaded_free_members(case):
    """With leave, the rule that makes fairness hold again as soon as it can."""
    members, slots, unavailable, earlier = case
    plan = generate(slots, members, unavailable=unavailable, earlier_counts=earlier)
    counts = {m: (earlier or {}).get(m, 0) for m in members}
    order = sorted(slots, key=lambda s: (s.starts_at, s.ends_at, str(s.key)))
    taken = {m: [] for m in members}
    for slot in order:
        chosen = plan.assignments[slot.key]
        free = [
            m
            for m in members
            if slot.starts_at.date() not in unavailable.get(m, set())
            and not any(overlap(slot, t) for t in taken[m])
        ]
        left_out = set(free) - set(chosen)
        if chosen and left_out:
            assert max(counts[m] for m in chosen) <= min(counts[m] for m in left_out)
        for m in chosen:
            counts[m] += 1
            taken[m].append(slot)
    assert counts == plan.counts


def test_the_same_inputs_give_the_same_roster():
    slots = [
        Slot(
            i, BASE + datetime.timedelta(hours=i * 5), BASE + datetime.timedelta(hours=i * 5 + 4), 2
        )
        for i in range(20)
    ]
    first = generate(slots, [3, 1, 2, 5])
    second = generate(list(reversed(slots)), [5, 2, 1, 3])
    assert first.assignments == second.assignments
