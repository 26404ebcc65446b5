"""The commune's indicators with their values by period, against their targets.

Officers enter and correct values; team leaders and members read them. The
figures are checked by the model (IndicatorValue.clean): nothing is saved
while an error is shown.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hocvuso.accounts.permissions import writer_scope
from hocvuso.accounts.scoping import scope_for
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import CommuneWords

from .forms import IndicatorValueForm
from .models import Indicator, IndicatorValue
from .progress import indicator_cards, value_text


def _writer_scope(request):
    return writer_scope(
        request,
        "Chỉ cán bộ xã, phường được nhập giá trị chỉ số; cán bộ tỉnh, thành phố chỉ được xem.",
    )


def _index_url(commune, anchor: str = "") -> str:
    url = f"{reverse('indicators:index')}?xa={commune.code}"
    return f"{url}#{anchor}" if anchor else url


@login_required
def index(request):
    scope = scope_for(request.user)
    # Units are officers' data; a team user reads the indicators of their own commune.
    communes = (
        Unit.objects.visible_to(scope)
        if scope.is_officer
        else Unit.objects.filter(pk__in=scope.commune_ids)
    )
    communes = communes.filter(level=Level.COMMUNE).order_by("name")
    commune = communes.filter(code=request.GET.get("xa", "")).first() or communes.first()
    if commune is None:
        raise Http404("Không có xã, phường nào trong phạm vi bạn được xem.")
    year = timezone.localdate().year
    cards = indicator_cards(commune, IndicatorValue.objects.visible_to(scope), year)
    context = {
        "commune": commune,
        "commune_words": CommuneWords.of(commune),
        "communes": communes if len(communes) > 1 else None,
        "cards": cards,
        "year": str(year),
        "edits": scope.is_officer and scope.writes,
    }
    return render(request, "indicators/index.html", context)


def _edit(request, value=None):
    scope = _writer_scope(request)
    communes = Unit.objects.editable_by(scope)
    if request.method == "POST":
        form = IndicatorValueForm(request.POST, instance=value, communes=communes)
        if form.is_valid():
            saved = form.save()
            text = value_text(saved.indicator, saved.value, saved.is_estimate)
            messages.success(request, f"Đã lưu {saved.indicator.name}: {text}.")
            return redirect(_index_url(saved.commune, f"indicator-{saved.indicator.code}"))
    else:
        initial = {}
        if value is None:
            today = timezone.localdate()
            initial = {"period_start": today.replace(month=1, day=1), "period_end": today}
            indicator = Indicator.objects.filter(code=request.GET.get("chi-so", "")).first()
            if indicator is not None:
                initial["indicator"] = indicator.pk
        form = IndicatorValueForm(instance=value, communes=communes, initial=initial)
    return render(request, "indicators/form.html", {"form": form, "value": value})


@login_required
def add(request):
    return _edit(request)


@login_required
def change(request, pk):
    scope = _writer_scope(request)
    try:
        value = IndicatorValue.objects.editable_by(scope).select_related("indicator").get(pk=pk)
    except IndicatorValue.DoesNotExist:
        raise Http404("Không tìm thấy giá trị chỉ số.") from None
    return _edit(request, value)
