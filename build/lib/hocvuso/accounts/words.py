"""The words of the signed-in user's unit, for every page, form, message and spreadsheet.

An officer of a ward reads "phường" and "tổ dân phố", a member of a mountain
commune "bản", a city officer the kinds of the communes and villages of their
province; an administrator, who is bound to no unit, the neutral words.
"""

from django.utils.functional import SimpleLazyObject

from hocvuso.units.facts import CommuneFacts, commune_facts
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import CommuneWords, ProvinceWords


def commune_of(user) -> Unit | None:
    """The one commune the user works for (commune officer, team leader, member), else None."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return None
    if user.unit_id is not None:
        return user.unit if user.unit.level == Level.COMMUNE else None
    member = getattr(user, "member", None)
    return member.commune if member is not None else None


def words_for(user) -> CommuneWords | ProvinceWords:
    """`CommuneWords` of the user's commune, `ProvinceWords.covering` their province otherwise."""
    cached = getattr(user, "_hocvuso_words", None)
    if cached is not None:
        return cached
    commune = commune_of(user)
    if commune is not None:
        words = CommuneWords.of(commune)
    elif user is not None and getattr(user, "unit_id", None) and not user.is_superuser:
        words = ProvinceWords.covering(user.unit)
    else:
        words = ProvinceWords.covering(None)
    if user is not None:
        user._hocvuso_words = words
    return words


def facts_for(user) -> CommuneFacts | None:
    """The facts of the user's commune (its service centre's name …), None above a commune."""
    if hasattr(user, "_hocvuso_facts"):
        return user._hocvuso_facts
    commune = commune_of(user)
    facts = commune_facts(commune, words_for(user)) if commune is not None else None
    if user is not None:
        user._hocvuso_facts = facts
    return facts


class InUnitWords:
    """A form mixin: the village field is labelled in the unit's words ("Bản, xóm").

    Pass `words=` (`words_for(user)`); without it the label is the neutral one.
    """

    def __init__(self, *args, words: CommuneWords | ProvinceWords | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if "village" in self.fields:
            self.fields["village"].label = (words or ProvinceWords.covering(None)).village_label


def unit_words(request) -> dict:
    """Context processor: `words` for every template, read only when a template uses it."""
    return {"words": SimpleLazyObject(lambda: words_for(request.user))}
