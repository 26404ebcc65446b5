import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from hocvuso.teams.models import Team

from .models import WEEKDAYS, CalendarException, DayKind, Leave
from .tables import weekday_name

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
LONGEST_PERIOD = datetime.timedelta(days=366)


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def shift_label(assignment, with_member: bool = True) -> str:
    """E.g. "Thứ Hai 15/06/2026, 07:30–11:30 · Trần Thị Hoa · Trung tâm …".

    The day and hours come first: a phone shows only the start of a long option.
    """
    shift = assignment.shift
    starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    parts = [f"{weekday_name(starts.date())} {starts:%d/%m/%Y}, {starts:%H:%M}–{ends:%H:%M}"]
    if with_member:
        parts.append(assignment.member.full_name)
    parts.append(shift.place.name)
    return " · ".join(parts)


class GenerateForm(forms.Form):
    start = date_field("Từ ngày")
    end = date_field("Đến ngày")
    teams = forms.ModelMultipleChoiceField(
        label="Các tổ tham gia trực",
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Hãy chọn ít nhất một tổ."},
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = teams

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "Ngày kết thúc phải sau ngày bắt đầu.")
            elif end - start > LONGEST_PERIOD:
                self.add_error("end", "Mỗi lần xếp lịch tối đa một năm.")
        return data


class MineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return shift_label(obj, with_member=False)


class TheirsChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return shift_label(obj)


class SwapForm(forms.Form):
    give = MineChoiceField(
        label="Ca của tôi muốn đổi", queryset=None, empty_label="— Chọn ca của bạn —"
    )
    take = TheirsChoiceField(
        label="Đổi lấy ca của", queryset=None, empty_label="— Chọn ca của người khác —"
    )
    message = forms.CharField(
        label="Lời nhắn (không bắt buộc)",
        required=False,
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, mine, theirs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["give"].queryset = mine
        self.fields["take"].queryset = theirs


class CalendarExceptionForm(forms.ModelForm):
    date = date_field("Ngày")

    class Meta:
        model = CalendarException
        fields = ["date", "kind", "name", "works_as"]
        labels = {"name": "Tên (ví dụ: Nghỉ bù Quốc khánh)"}

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields[
            "works_as"
        ].help_text = "Chỉ dùng cho ngày làm bù: làm việc theo giờ của thứ này."

    def clean(self):
        data = super().clean()
        day = data.get("date")
        taken = CalendarException.objects.filter(commune=self.commune, date=day)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if day and taken.exists():
            self.add_error("date", "Ngày này đã có trong lịch nghỉ lễ, làm bù.")
        if data.get("kind") == DayKind.WORKDAY and day and day.weekday() < 5:
            self.add_error("date", "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")
        return data


class LeaveForm(forms.ModelForm):
    starts_on = date_field("Từ ngày")
    ends_on = date_field("Đến ngày")

    class Meta:
        model = Leave
        fields = ["member", "starts_on", "ends_on", "reason"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].empty_label = "— Chọn thành viên —"


def validation_messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Hãy nhập giờ.", "invalid": "Giờ không hợp lệ (ví dụ 07:30)."},
    )


class PlaceForm(forms.Form):
    """A duty place; its rules are checked by `duty_places.save_place`."""

    name = forms.CharField(label="Tên địa điểm", max_length=150, required=False)
    kind = forms.ChoiceField(label="Loại", choices=())
    village = forms.ModelChoiceField(label="Địa bàn", queryset=None, required=False)
    address = forms.CharField(label="Địa chỉ", max_length=250, required=False)

    def __init__(self, *args, kinds, villages, village_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["village"].queryset = villages
        self.fields["village"].label = village_label
        self.fields["village"].empty_label = "— Không thuộc riêng nơi nào —"
        self.fields["village"].help_text = "Chỉ chọn khi địa điểm là nhà văn hóa của một nơi."


class HoursForm(forms.Form):
    # A blank first choice, so that a blank row added for a new shift stays blank, and is
    # skipped, until it is filled.
    weekday = forms.TypedChoiceField(
        label="Thứ",
        choices=[("", "— Thứ —"), *WEEKDAYS],
        coerce=int,
        error_messages={"required": "Hãy chọn thứ."},
    )
    starts = time_field("Từ")
    ends = time_field("Đến")
    # The range is the service's rule; the attributes give a phone its number keyboard.
    members_needed = forms.IntegerField(
        label="Số người trực",
        widget=forms.NumberInput(attrs={"min": 1, "max": 20, "inputmode": "numeric"}),
        error_messages={"required": "Hãy nhập số người.", "invalid": "Hãy nhập một số."},
    )


HoursFormSet = forms.formset_factory(HoursForm, extra=2, can_delete=True)
