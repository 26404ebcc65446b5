"""`{% local_display visit "place" %}`: a choice's label as the unit says it.

"Nhà văn hóa bản, xóm" on a mountain commune's pages, the ward's own service
centre on a ward's, the model's neutral label where no commune is known. A view
that shows another commune than the user's (a city officer's choice) puts that
commune's `facts` in the context.
"""

from django import template

from hocvuso.accounts.words import facts_for
from hocvuso.units.facts import local_label

register = template.Library()


@register.simple_tag(takes_context=True)
def local_display(context, obj, field: str) -> str:
    value = getattr(obj, field)
    label = getattr(obj, f"get_{field}_display")()
    facts = context.get("facts")
    if facts is None and "request" in context:
        facts = facts_for(context["request"].user)
    return local_label(value, label, facts)
