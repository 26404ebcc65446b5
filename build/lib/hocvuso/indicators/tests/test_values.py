import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from hocvuso.indicators.models import Indicator, IndicatorValue

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 5, 31)


def value_of(world, code, **fields):
    return IndicatorValue(
        indicator=Indicator.objects.get(code=code),
        commune=world.chiminh.commune,
        period_start=START,
        period_end=END,
        **fields,
    )


def test_it_computes_a_share_from_numerator_and_denominator(world):
    value = value_of(world, "household-business-qr", numerator=213, denominator=300)
    value.full_clean()
    value.save()
    assert value.value == Decimal("71.00")


def test_it_refuses_a_numerator_above_the_denominator(world):
    value = value_of(world, "schools-cashless", numerator=10, denominator=9)
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert error.value.message_dict["numerator"] == ["Tử số không được lớn hơn mẫu số."]


def test_the_database_also_refuses_a_numerator_above_the_denominator(world):
    value = value_of(world, "schools-cashless", numerator=10, denominator=9)
    with pytest.raises(IntegrityError):
        value.save()


def test_it_needs_a_positive_denominator_for_a_share(world):
    value = value_of(world, "village-wifi", numerator=0, denominator=0)
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert "denominator" in error.value.message_dict


def test_it_refuses_a_period_that_ends_before_it_starts(world):
    value = value_of(world, "village-wifi", numerator=1, denominator=2)
    value.period_end = datetime.date(2025, 12, 31)
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert "period_end" in error.value.message_dict


def test_the_catalogue_of_indicators_is_data(db):
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {
        "schools-cashless",
        "benefits-by-bank",
        "household-business-qr",
        "village-wifi",
    } <= codes
