"""Indicator values of a report: the latest value known at the period's end."""

from hocvuso.core.formatting import vn_percent
from hocvuso.core.periods import Period

from .models import IndicatorValue


def for_period(commune_ids, period: Period) -> list[dict]:
    values = (
        IndicatorValue.objects.filter(commune_id__in=commune_ids, period_end__lte=period.end)
        .select_related("indicator")
        .order_by("indicator__position", "indicator_id", "-period_end")
    )
    latest = {}
    for value in values:
        latest.setdefault(value.indicator_id, value)
    return [
        {
            "code": v.indicator.code,
            "name": v.indicator.name,
            "value": str(v.value) if v.value is not None else None,
            "numerator": str(v.numerator) if v.numerator is not None else None,
            "denominator": str(v.denominator) if v.denominator is not None else None,
            "unit_label": v.indicator.unit_label,
            "is_estimate": v.is_estimate,
            "period_end": v.period_end.isoformat(),
            "source": v.source or v.indicator.default_source,
            "text": vn_percent(v.value, estimate=v.is_estimate) if v.value is not None else "",
        }
        for v in latest.values()
    ]
