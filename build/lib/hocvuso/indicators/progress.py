"""A commune's indicators beside their targets, as the indicators page shows them.

A commune's own target for a year comes first; without one, the city's target
(the commune's province) applies. Three queries, whatever the number of
indicators and values.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from hocvuso.core.formatting import vn_number, vn_percent

from .models import Indicator, IndicatorKind, IndicatorValue, Target


def vn_decimal(value: Decimal) -> str:
    """1086.00 -> "1.086"; 12.50 -> "12,5"."""
    value = Decimal(value).normalize()
    decimals = max(0, -value.as_tuple().exponent)
    return vn_number(value, decimals=min(decimals, 2))


def value_text(indicator: Indicator, value: Decimal, estimate: bool = False) -> str:
    if indicator.unit_label == "%":
        return vn_percent(value, estimate=estimate)
    prefix = "khoảng " if estimate else ""
    return f"{prefix}{vn_decimal(value)} {indicator.unit_label}"


@dataclass
class ValueRow:
    value: IndicatorValue
    text: str
    fraction: str = ""


@dataclass
class IndicatorCard:
    indicator: Indicator
    target: Target | None = None
    target_is_city: bool = False
    rows: list[ValueRow] = field(default_factory=list)

    @property
    def latest(self) -> ValueRow | None:
        return self.rows[0] if self.rows else None

    @property
    def target_text(self) -> str:
        return value_text(self.indicator, self.target.value) if self.target else ""

    @property
    def progress(self) -> int | None:
        """How far the latest value is towards the target, in percent, at most 100."""
        if self.target is None or self.latest is None or self.latest.value.value is None:
            return None
        if self.target.value <= 0:
            return 100
        share = self.latest.value.value * 100 / self.target.value
        return int(min(Decimal(100), share))

    @property
    def reached(self) -> bool | None:
        if self.progress is None:
            return None
        return self.latest.value.value >= self.target.value

    @property
    def gap_text(self) -> str:
        if self.reached is not False:
            return ""
        gap = self.target.value - self.latest.value.value
        if self.indicator.unit_label == "%":
            return f"còn thiếu {vn_decimal(gap)} điểm phần trăm"
        return f"còn thiếu {vn_decimal(gap)} {self.indicator.unit_label}"


def _row(value: IndicatorValue) -> ValueRow:
    indicator = value.indicator
    text = value_text(indicator, value.value, value.is_estimate) if value.value is not None else ""
    fraction = ""
    if indicator.kind == IndicatorKind.SHARE and value.denominator:
        fraction = f"{vn_decimal(value.numerator)}/{vn_decimal(value.denominator)}"
    return ValueRow(value, text, fraction)


def indicator_cards(commune, values, year: int) -> list[IndicatorCard]:
    """One card per indicator: `values` of `commune` by period, newest first, and the target."""
    cards = {i.pk: IndicatorCard(i) for i in Indicator.objects.all()}
    for value in (
        values.filter(commune=commune)
        .select_related("indicator")
        .order_by("-period_end", "-period_start")
    ):
        cards[value.indicator_id].rows.append(_row(value))
    units = [commune.pk] + ([commune.parent_id] if commune.parent_id else [])
    targets = Target.objects.filter(unit_id__in=units, year=year)
    for target in sorted(targets, key=lambda t: t.unit_id == commune.pk):
        # The commune's own target is applied last, so it wins.
        card = cards[target.indicator_id]
        card.target = target
        card.target_is_city = target.unit_id != commune.pk
    return list(cards.values())
