"""The legal clocks: 2 working days to acknowledge (Tết skipped), 10/15/20 days, 24/72 hours."""

import datetime

from hocvuso.privacy.deadlines import add_working_days, breach_due, request_due


def test_an_ordinary_week_acknowledges_in_two_working_days():
    due = request_due("access", datetime.date(2026, 12, 1))  # a Tuesday
    assert due.acknowledge_by == datetime.date(2026, 12, 3)
    assert due.answer_by == datetime.date(2026, 12, 11)


def test_a_request_received_on_a_friday_is_acknowledged_after_the_weekend():
    assert add_working_days(datetime.date(2026, 12, 4), 2) == datetime.date(2026, 12, 8)


def test_tet_does_not_count_as_working_days():
    # Received the Friday before Tết Bính Ngọ (16–20/02/2026 off).
    due = request_due("delete", datetime.date(2026, 2, 13))
    assert due.acknowledge_by == datetime.date(2026, 2, 24)
    assert due.answer_by == datetime.date(2026, 3, 5)
    # Tết Đinh Mùi: 04–10/02/2027 off.
    assert add_working_days(datetime.date(2027, 2, 3), 2) == datetime.date(2027, 2, 12)


def test_withdraw_restrict_and_object_are_answered_within_15_days():
    for kind in ("withdraw", "restrict", "object"):
        assert request_due(kind, datetime.date(2026, 12, 1)).answer_by == datetime.date(
            2026, 12, 16
        )
    assert request_due("correct", datetime.date(2026, 12, 1)).answer_by == datetime.date(
        2026, 12, 11
    )


def test_a_breach_is_first_reported_in_24_hours_and_notified_in_72():
    detected = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
    first, notice = breach_due(detected)
    assert first == datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
    assert notice == datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)
