"""The filters of the record lists, shared by the list pages and their Excel exports.

A filter form is made for a scope: its choices (communes, teams, members, villages)
are those the user may see, so that a team leader can pick only their teams and
members, and a value from outside the scope is refused as an invalid choice.
"""

import datetime

from django import forms
from django.db.models import Q

from hocvuso.accounts.words import facts_for, words_for
from hocvuso.core.periods import Period
from hocvuso.core.scoping import EVERYTHING, Scope
from hocvuso.outreach.models import Channel
from hocvuso.support.models import Place, Service
from hocvuso.teams.models import Member, Team
from hocvuso.units.facts import local_choices
from hocvuso.units.models import Level, Unit, lineage_ids


def communes_for(scope: Scope):
    """The current communes a user may pick: those with a team, and an officer's own.

    A superuser sees every commune of the country in the units table; only the
    ones where the movement has teams are worth listing.
    """
    teams = Team.objects.visible_to(scope).values("commune_id")
    visible = Unit.objects.visible_to(scope).filter(level=Level.COMMUNE, valid_to__isnull=True)
    own = Q(pk__in=scope.commune_ids) if scope.is_officer else Q(pk__in=[])
    return visible.filter(Q(pk__in=teams) | own).order_by("name")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # A date input sends and shows ISO dates whatever the page's language.
        super().__init__(attrs, format="%Y-%m-%d")


class NamedChoiceField(forms.ModelChoiceField):
    """A choice labelled by name, with the commune's name when there are several."""

    def __init__(self, *args, with_commune=False, **kwargs):
        self.with_commune = with_commune
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        name = getattr(obj, "full_name", None) or obj.name
        if self.with_commune:
            commune = obj.parent if isinstance(obj, Unit) else obj.commune
            return f"{name} — {commune.short_name}"
        return name


class RecordFilter(forms.Form):
    """Period, commune, team, member and village: what every record list filters by."""

    start = forms.DateField(label="Từ ngày", required=False, widget=DateInput)
    end = forms.DateField(label="Đến ngày", required=False, widget=DateInput)
    commune = NamedChoiceField(Unit.objects.none(), required=False, empty_label="Tất cả")
    team = NamedChoiceField(Team.objects.none(), label="Tổ", required=False, empty_label="Tất cả")
    member = NamedChoiceField(
        Member.objects.none(), label="Thành viên", required=False, empty_label="Tất cả"
    )
    village = NamedChoiceField(Unit.objects.none(), required=False, empty_label="Tất cả")

    # The field that dates a record, a date unless said otherwise.
    date_field = "held_on"
    date_is_datetime = False

    def __init__(self, data=None, *, scope: Scope, user=None):
        super().__init__(data)
        self.scope = scope
        words = words_for(user)
        self.fields["commune"].label = words.commune_label
        self.fields["village"].label = words.village_label
        # "Nhà văn hóa bản, xóm": a choice that names a place, in the commune's words.
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                field.choices = local_choices(field.choices, facts_for(user))
        communes = communes_for(scope)
        teams = Team.objects.visible_to(scope)
        # A team leader's villages are those of their teams' communes: the units
        # table is scoped by commune only, and the names of a commune's villages
        # are no secret to its teams.
        villages = Unit.objects.filter(
            level=Level.VILLAGE, parent_id__in=teams.values("commune_id")
        )
        # A city officer (or a superuser) picks the commune; a commune officer's
        # scope may hold former communes too, so the ids alone do not tell.
        self.many_communes = scope.is_officer and communes.count() > 1
        fields = self.fields
        fields["commune"].queryset = communes
        fields["team"].queryset = teams.select_related("commune").order_by("commune", "name")
        fields["member"].queryset = (
            Member.objects.visible_to(scope).select_related("commune").order_by("full_name")
        )
        fields["village"].queryset = villages.select_related("parent").order_by("code")
        if "service" in fields and scope.kind != EVERYTHING:
            # The national services and the scope's provinces' own, not another province's app.
            provinces = Unit.objects.filter(pk__in=scope.commune_ids).values("parent_id")
            fields["service"].queryset = fields["service"].queryset.usable_in(provinces)
        for name in ("team", "member", "village"):
            fields[name].with_commune = self.many_communes
        if not self.many_communes:
            del fields["commune"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data

    def _dates(self, start: datetime.date | None, end: datetime.date | None) -> Q:
        q = Q()
        if self.date_is_datetime:
            # Whole local days: [start 00:00, the day after end 00:00).
            if start:
                q &= Q(**{f"{self.date_field}__gte": Period(start, start).bounds[0]})
            if end:
                q &= Q(**{f"{self.date_field}__lt": Period(end, end).bounds[1]})
            return q
        if start:
            q &= Q(**{f"{self.date_field}__gte": start})
        if end:
            q &= Q(**{f"{self.date_field}__lte": end})
        return q

    def filter(self, records):
        """`records`, already scoped, narrowed to the valid filters."""
        data = self.cleaned_data
        records = records.filter(self._dates(data.get("start"), data.get("end")))
        if data.get("commune"):
            records = records.filter(commune_id__in=lineage_ids({data["commune"].pk}))
        for name in ("team", "member", "village"):
            if data.get(name):
                records = records.filter(**{name: data[name]})
        return records

    def active_filters(self) -> dict:
        """The filters given, as strings: what a list page passes to its export."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.data[name] for name in self.fields if self.data.get(name)}


class VisitFilter(RecordFilter):
    service = forms.ModelChoiceField(
        Service.objects.order_by("position", "name"),
        label="Dịch vụ",
        required=False,
        empty_label="Tất cả",
    )
    place = forms.ChoiceField(
        label="Nơi hỗ trợ", choices=[("", "Tất cả"), *Place.choices], required=False
    )

    date_field = "occurred_at"
    date_is_datetime = True

    def __init__(self, data=None, *, scope: Scope, user=None):
        super().__init__(data, scope=scope, user=user)
        # The national services and those of the provinces seen, not another province's app.
        provinces = communes_for(scope).values("parent_id")
        self.fields["service"].queryset = self.fields["service"].queryset.filter(
            Q(province__isnull=True) | Q(province_id__in=provinces)
        )

    def filter(self, records):
        records = super().filter(records)
        data = self.cleaned_data
        if data.get("service"):
            records = records.filter(services=data["service"])
        if data.get("place"):
            records = records.filter(place=data["place"])
        return records


class ActivityFilter(RecordFilter):
    channel = forms.ChoiceField(
        label="Hình thức", choices=[("", "Tất cả"), *Channel.choices], required=False
    )

    def filter(self, records):
        records = super().filter(records)
        if self.cleaned_data.get("channel"):
            records = records.filter(channel=self.cleaned_data["channel"])
        return records


class ClassFilter(RecordFilter):
    pass
