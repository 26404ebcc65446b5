from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hocvuso.accounts.admin_scoping import CatalogueAdmin
from hocvuso.core.admin import PlainValuesFilter, ScopedModelAdmin, plain_number

from .models import Indicator, IndicatorValue, Target


@admin.register(Indicator)
class IndicatorAdmin(CatalogueAdmin):
    list_display = ["name", "kind", "unit_label", "position"]
    search_fields = ["name", "code"]


VALUE_FIELDS = ["indicator", "commune", "period_start", "period_end", "numerator", "denominator"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ScopedModelAdmin):
    list_display = [*VALUE_FIELDS, "value", "is_estimate"]
    list_filter = ["indicator"]
    list_select_related = ["indicator", "commune"]
    autocomplete_fields = ["commune"]
    readonly_fields = ["value_display"]
    fields = [
        *VALUE_FIELDS,
        "value",
        "value_display",
        "is_estimate",
        "source",
        "note",
    ]

    @admin.display(description="Giá trị đã tính")
    def value_display(self, obj):
        return f"{obj.value} {obj.indicator.unit_label}" if obj.value is not None else "—"


@admin.register(Target)
class TargetAdmin(CatalogueAdmin):
    list_display = ["indicator", "unit", plain_number("year", _("năm")), "value", "source"]
    list_filter = [("year", PlainValuesFilter), "indicator"]
    autocomplete_fields = ["unit"]
