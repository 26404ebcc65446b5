"""The directive documents a report lists: every one issued by the period's end."""

from hocvuso.core.periods import Period

from .models import Document


def for_period(commune_ids, period: Period) -> list[dict]:
    documents = Document.objects.filter(
        commune_id__in=commune_ids, issued_on__lte=period.end
    ).order_by("issued_on", "number")
    return [
        {
            "kind": d.get_kind_display(),
            "number_symbol": d.number_symbol,
            "issued_on": d.issued_on.isoformat(),
            "issuer": d.issuer,
            "summary": d.summary,
            "in_period": d.issued_on >= period.start,
        }
        for d in documents
    ]
