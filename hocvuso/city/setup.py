"""The province's settings as its city officer edits them: its facts, the Department's report
header, its own learning platforms and its own apps in the catalogue of support services.

A platform or a service whose `province` is the province is offered to its communes only
(national ones have none). The page (hocvuso/city/views.py `province_settings`) saves
everything through `save_province_settings`, in one transaction with its author in the audit
log, or nothing.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from hocvuso.accounts.scoping import may_edit_settings
from hocvuso.core.audit import acting_as
from hocvuso.learning.models import CourseParticipation, Platform
from hocvuso.reports.setup import save_settings
from hocvuso.support.models import Service
from hocvuso.units.models import Unit


@dataclass
class PlatformInput:
    """One row of the province's platforms: a new one has no pk; `delete` removes it."""

    name: str
    url: str = ""
    pk: int | None = None
    delete: bool = False


@dataclass
class ServiceInput:
    name: str
    short_name: str
    is_active: bool = True
    pk: int | None = None


class PlatformForm(forms.ModelForm):
    url = forms.URLField(
        label="Địa chỉ trang web",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Địa chỉ trang web không hợp lệ, ví dụ https://…"},
    )

    class Meta:
        model = Platform
        fields = ["name", "url"]
        labels = {"name": "Tên nền tảng", "url": "Địa chỉ trang web"}
        error_messages = {
            "name": {"required": "Hãy nhập tên nền tảng."},
            "url": {"invalid": "Địa chỉ trang web không hợp lệ, ví dụ https://…"},
        }


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name", "short_name", "is_active"]
        labels = {"name": "Tên dịch vụ", "short_name": "Tên ngắn", "is_active": "Đang dùng"}
        error_messages = {
            "name": {"required": "Hãy nhập tên dịch vụ."},
            "short_name": {"required": "Hãy nhập tên ngắn hiện trên nút ghi lượt hỗ trợ."},
        }


PlatformFormSet = forms.modelformset_factory(Platform, form=PlatformForm, extra=1, can_delete=True)
ServiceFormSet = forms.modelformset_factory(Service, form=ServiceForm, extra=1)


def platform_formset(province: Unit, data=None):
    return PlatformFormSet(
        data, queryset=Platform.objects.filter(province=province), prefix="platforms"
    )


def service_formset(province: Unit, data=None):
    return ServiceFormSet(
        data, queryset=Service.objects.filter(province=province), prefix="services"
    )


def _pk(form) -> int | None:
    """The row's primary key as posted: one outside the province's rows is kept, for the
    service to refuse, rather than turning the row into a new one."""
    posted = form.cleaned_data.get("id")
    return posted.pk if posted is not None else form.instance.pk


def _filled(form) -> bool:
    """A row the officer wrote in: an empty extra row is no row."""
    return bool(form.cleaned_data) and (form.instance.pk or form.has_changed())


def platform_inputs(formset) -> list[PlatformInput]:
    return [
        PlatformInput(
            name=form.cleaned_data.get("name", ""),
            url=form.cleaned_data.get("url", ""),
            pk=_pk(form),
            delete=bool(form.cleaned_data.get("DELETE")),
        )
        for form in formset.forms
        if _filled(form)
    ]


def service_inputs(formset) -> list[ServiceInput]:
    return [
        ServiceInput(
            name=form.cleaned_data.get("name", ""),
            short_name=form.cleaned_data.get("short_name", ""),
            is_active=bool(form.cleaned_data.get("is_active")),
            pk=_pk(form),
        )
        for form in formset.forms
        if _filled(form)
    ]


def _new_code(model, province: Unit, name: str) -> str:
    """A code for a new row, unique in the catalogue: the province's code and the name."""
    stem = f"{province.code}-{slugify(name)}"[:34].strip("-") or province.code
    code, n = stem, 1
    while model.objects.filter(code=code).exists():
        n += 1
        code = f"{stem}-{n}"
    return code


def _check_names(rows, national, what: str, errors: dict, key: str) -> None:
    seen = set()
    for row in rows:
        name = row.name.strip().casefold()
        if not name:
            errors.setdefault(key, []).append(f"Hãy nhập tên {what}.")
        elif name in seen:
            errors.setdefault(key, []).append(f"{what.capitalize()} “{row.name}” bị trùng tên.")
        elif name in national:
            errors.setdefault(key, []).append(
                f"“{row.name}” đã có trong danh mục chung của cả nước; không cần thêm."
            )
        seen.add(name)


def save_province_settings(
    user,
    province: Unit,
    facts: dict,
    header: dict,
    platforms: list[PlatformInput],
    services: list[ServiceInput],
) -> None:
    """Save the province's facts, the Department's header, its platforms and its apps, or
    nothing. Rows are the province's own: a pk of another province's row or of a national
    one is refused."""
    if not may_edit_settings(user, province):
        raise PermissionDenied("Chỉ cán bộ của chính tỉnh, thành phố được sửa thiết lập.")
    errors = {}
    own_platforms = {p.pk: p for p in Platform.objects.filter(province=province)}
    own_services = {s.pk: s for s in Service.objects.filter(province=province)}
    national_platforms = {
        n.casefold()
        for n in Platform.objects.filter(province__isnull=True).values_list("name", flat=True)
    }
    national_services = {
        n.casefold()
        for n in Service.objects.filter(province__isnull=True).values_list("name", flat=True)
    }
    kept = [p for p in platforms if not p.delete]
    _check_names(kept, national_platforms, "nền tảng", errors, "platforms")
    _check_names(services, national_services, "dịch vụ", errors, "services")
    for row in platforms:
        if row.pk is not None and row.pk not in own_platforms:
            errors.setdefault("platforms", []).append("Nền tảng này không phải của đơn vị.")
    for row in services:
        if row.pk is not None and row.pk not in own_services:
            errors.setdefault("services", []).append("Dịch vụ này không phải của đơn vị.")
    used = set(
        CourseParticipation.objects.filter(
            platform_id__in=[p.pk for p in platforms if p.delete and p.pk]
        ).values_list("platform_id", flat=True)
    )
    for row in platforms:
        if row.delete and row.pk in used:
            errors.setdefault("platforms", []).append(
                f"Nền tảng “{own_platforms[row.pk].name}” đã có lượt học được ghi nhận, "
                "không xóa được."
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Raises the errors of the facts and the header, and then nothing is saved.
        save_settings(user, province, facts, header)
        _save_rows(user, province, platforms, services, own_platforms, own_services)


def _save_rows(user, province, platforms, services, own_platforms, own_services) -> None:
    with acting_as(user):
        for row in platforms:
            platform = own_platforms.get(row.pk) or Platform(province=province)
            if row.delete:
                if platform.pk:
                    platform.delete()
                continue
            platform.name, platform.url = row.name.strip(), row.url.strip()
            if not platform.code:
                platform.code = _new_code(Platform, province, platform.name)
            platform.full_clean()
            platform.save()
        for row in services:
            service = own_services.get(row.pk) or Service(province=province)
            service.name, service.short_name = row.name.strip(), row.short_name.strip()
            service.is_active = row.is_active
            if not service.code:
                service.code = _new_code(Service, province, service.name)
            service.full_clean()
            service.save()
