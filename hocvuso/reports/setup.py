"""A unit's settings as its officer edits them: its facts (`UnitSettings`) and its report's
header, signer and recipients (`ReportSettings`).

The commune's page (hocvuso/reports/views.py `unit_settings`) and the province's
(hocvuso/city/views.py `province_settings`) use the forms below and save through
`save_settings`, which checks who may write, validates both records whole and saves them in
one transaction with the author in the audit log. Every box shows what the report says when
it is left as it is — the unit's own words, never another place's.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hocvuso.accounts.scoping import may_edit_settings
from hocvuso.core.audit import acting_as
from hocvuso.units.facts import commune_facts, province_facts
from hocvuso.units.models import Level, Unit, UnitSettings

from .models import ReportSettings

COMMUNE_FACT_FIELDS = ["service_centre", "portal", "local_apps", "programmes"]
PROVINCE_FACT_FIELDS = ["department", "department_short", "local_apps", "programmes"]
HEADER_FIELDS = [
    "parent_agency",
    "agency",
    "agency_short",
    "place_name",
    "symbol",
    "addressee",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
]
# Help under each box, said for any unit: the model's examples name the demo commune.
HEADER_HELP = {
    "parent_agency": "Dòng trên tên cơ quan (nếu có), mỗi dòng một hàng.",
    "agency": "Tên cơ quan ở góc trái đầu báo cáo, mỗi dòng một hàng, chữ in hoa.",
    "agency_short": "Tên cơ quan trong câu văn của báo cáo.",
    "place_name": "Địa danh trước ngày tháng: “…, ngày … tháng … năm …”.",
    "symbol": "Ký hiệu sau số báo cáo: “Số: …/BC-…”.",
    "addressee": "Nơi báo cáo, ở câu kết “… kính báo cáo …”.",
    "recipients": "Mỗi dòng một nơi nhận; dòng cuối thường là “Lưu: VT”.",
    "signer_authority": "Để trống nếu người đứng đầu ký trực tiếp.",
    "signer_title": "Chức vụ của người ký, chữ in hoa.",
    "signer_name": "Họ và tên người ký.",
}
TEXTAREA_ROWS = {"parent_agency": 2, "agency": 2, "recipients": 4, "local_apps": 3}
TEXTAREA_ROWS["programmes"] = 2


def fact_defaults(unit: Unit) -> dict[str, str]:
    """What each fact of `unit` is when its box is left empty."""
    if unit.level == Level.PROVINCE:
        facts = province_facts(unit)
        return {
            "department": facts.words.department,
            "department_short": facts.words.department_short,
            "local_apps": "",
            "programmes": "Đề án 06",
        }
    facts = commune_facts(unit)
    province = province_facts(unit.parent if unit.parent_id else None)
    return {
        "service_centre": facts.words.service_centre,
        "portal": facts.words.portal,
        "local_apps": "\n".join(province.local_apps),
        "programmes": "\n".join(province.programmes),
    }


def _required_in_vietnamese(form):
    for field in form.fields.values():
        field.error_messages["required"] = f"Hãy nhập “{field.label}”."
        if getattr(field, "max_length", None):
            field.error_messages["max_length"] = (
                f"“{field.label}” tối đa %(limit_value)d ký tự (đang có %(show_value)d)."
            )


def _textareas(form):
    for name, rows in TEXTAREA_ROWS.items():
        if name in form.fields:
            form.fields[name].widget.attrs["rows"] = rows


class FactsForm(forms.ModelForm):
    """The unit's facts. An empty box keeps the default shown in it."""

    class Meta:
        model = UnitSettings
        fields = [*COMMUNE_FACT_FIELDS, "department", "department_short"]
        labels = {
            "service_centre": "Tên trung tâm phục vụ hành chính công",
            "portal": "Tên cổng thông tin điện tử",
            "local_apps": "Ứng dụng số của địa phương",
            "programmes": "Chương trình, đề án báo cáo nhắc tới",
            "department": "Tên Sở nhận báo cáo",
            "department_short": "Tên Sở viết tắt (ở nơi nhận)",
        }

    def __init__(self, *args, unit: Unit, **kwargs):
        saved = UnitSettings.objects.filter(unit=unit).first()
        instance = saved or UnitSettings(unit=unit)
        if saved is None and unit.level == Level.COMMUNE:
            # A commune that has saved nothing takes its province's programmes.
            instance.programmes = ""
        super().__init__(*args, instance=instance, prefix="facts", **kwargs)
        names = PROVINCE_FACT_FIELDS if unit.level == Level.PROVINCE else COMMUNE_FACT_FIELDS
        for name in list(self.fields):
            if name not in names:
                del self.fields[name]
        defaults = fact_defaults(unit)
        for name, field in self.fields.items():
            field.widget.attrs["placeholder"] = defaults[name]
            field.help_text = _fact_help(name, defaults[name], unit)
        _textareas(self)
        _required_in_vietnamese(self)


def _fact_help(name: str, default: str, unit: Unit) -> str:
    if name in ("local_apps", "programmes"):
        lines = "Mỗi dòng một tên."
        if unit.level == Level.COMMUNE:
            return (
                f"{lines} Để trống để dùng danh sách của {province_facts(unit.parent).words.kind}."
            )
        return lines
    return f"Để trống để dùng “{default}”."


class HeaderForm(forms.ModelForm):
    """The report's header, recipients and signer, filled with the defaults until saved."""

    class Meta:
        model = ReportSettings
        fields = HEADER_FIELDS
        labels = {
            "parent_agency": "Cơ quan chủ quản",
            "agency": "Tên cơ quan ban hành",
            "agency_short": "Tên viết tắt",
            "place_name": "Địa danh",
            "symbol": "Ký hiệu báo cáo",
            "addressee": "Nơi báo cáo",
            "recipients": "Nơi nhận",
            "signer_authority": "Thẩm quyền ký",
            "signer_title": "Chức vụ người ký",
            "signer_name": "Họ tên người ký",
        }
        widgets = {"parent_agency": forms.Textarea, "agency": forms.Textarea}

    def __init__(self, *args, instance: ReportSettings, defaults: ReportSettings, **kwargs):
        super().__init__(*args, instance=instance, prefix="header", **kwargs)
        for name, field in self.fields.items():
            default = getattr(defaults, name)
            if default:
                field.widget.attrs["placeholder"] = default
            field.help_text = HEADER_HELP[name]
        _textareas(self)
        _required_in_vietnamese(self)


def header_of(unit: Unit, defaults: ReportSettings) -> ReportSettings:
    """The unit's saved header, or its defaults (unsaved) to edit."""
    return ReportSettings.objects.filter(commune=unit).first() or defaults


def save_settings(
    user, unit: Unit, facts: dict, header: dict
) -> tuple[UnitSettings, ReportSettings]:
    """Save a unit's facts and its report's header together, or neither.

    `facts` holds `UnitSettings` values and `header` `ReportSettings` values, by field name;
    fields left out keep what is saved. Errors come back by field, prefixed as the forms are
    ("facts-portal", "header-signer_name").
    """
    if not may_edit_settings(user, unit):
        raise PermissionDenied("Chỉ cán bộ của chính đơn vị được sửa thiết lập của đơn vị.")
    settings = UnitSettings.objects.filter(unit=unit).first() or UnitSettings(unit=unit)
    for name, value in facts.items():
        setattr(settings, name, (value or "").strip())
    report = ReportSettings.objects.filter(commune=unit).first() or ReportSettings(commune=unit)
    for name, value in header.items():
        setattr(report, name, (value or "").strip() if isinstance(value, str) else value)
    errors = {}
    for prefix, record, exclude in (
        ("facts", settings, ["unit"]),
        # A province's Department keeps its header in the same table as the communes'.
        ("header", report, ["commune", "template"]),
    ):
        try:
            record.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            errors |= {
                f"{prefix}-{name}": messages for name, messages in error.message_dict.items()
            }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(user):
        settings.save()
        report.save()
    return settings, report


def add_errors(error: ValidationError, *forms_) -> dict[str, list[str]]:
    """Put the service's errors ("header-signer_name") on the boxes of the forms they name;
    return those of no form ("platforms": […]) for the page to show where they belong."""
    if not hasattr(error, "error_dict"):
        forms_[0].add_error(None, error.messages)
        return {}
    others = {}
    for key, messages in error.message_dict.items():
        prefix, _, name = key.partition("-")
        form = next((f for f in forms_ if f.prefix == prefix), None)
        if form is None:
            others[key] = messages
        else:
            form.add_error(name if name in form.fields else None, messages)
    return others
