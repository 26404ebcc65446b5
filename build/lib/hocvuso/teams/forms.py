from django import forms
from django.core.exceptions import ValidationError

from hocvuso.units.facts import local_choices

from .models import Affiliation, Role, normalize_phone, phone_validator
from .services import MemberInput


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        **kwargs,
    )


class MemberForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    role = forms.ChoiceField(label="Vai trò trong tổ", choices=Role.choices, initial=Role.MEMBER)
    affiliation = forms.ChoiceField(
        label="Lực lượng", choices=Affiliation.choices, initial=Affiliation.VOLUNTEER
    )
    phone = forms.CharField(
        label="Số điện thoại",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text="Ví dụ: 0912345678",
    )
    position = forms.CharField(label="Chức vụ, đơn vị công tác", required=False, max_length=150)
    started_on = date_field("Tham gia tổ từ ngày", required=False)

    def __init__(self, *args, adding: bool = True, facts=None, **kwargs):
        super().__init__(*args, **kwargs)
        # "Cán bộ bản, xóm" in the team's commune.
        self.fields["affiliation"].choices = local_choices(Affiliation.choices, facts)
        if not adding:
            del self.fields["started_on"]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise ValidationError("Hãy ghi đủ họ và tên, ví dụ Nguyễn Văn An.")
        return name

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if phone:
            phone_validator(phone)
        return phone

    def to_input(self) -> MemberInput:
        data = self.cleaned_data
        return MemberInput(
            full_name=data["full_name"],
            role=data["role"],
            affiliation=data["affiliation"],
            phone=data["phone"],
            position=data["position"],
            started_on=data.get("started_on"),
        )

    @classmethod
    def initial_from(cls, membership) -> dict:
        member = membership.member
        return {
            "full_name": member.full_name,
            "role": membership.role,
            "affiliation": member.affiliation,
            "phone": member.phone,
            "position": member.position,
        }
