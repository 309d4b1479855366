"""The editors' words in the reader's language, for pages that show areas, levels and
resources straight from the database (the assessment itself reads the published bank: see
`skills.bank.localised_bank`).

A translation is used text by text, only while it is up to date with the English it was
made from; otherwise the reader gets the English. English pages fetch no translations.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from .models import translation_languages


def reading_language(language: str | None = None) -> str | None:
    """The language to show translations in (the active one by default), or None for English."""
    language = language or get_language()
    return language if language in dict(translation_languages()) else None


def with_translations(queryset: QuerySet, language: str | None, lookup: str = "translations") -> QuerySet:
    """The queryset with its translations into `language` fetched in one more query (none for English)."""
    if language is None:
        return queryset
    model = queryset.model
    for part in lookup.split("__"):
        model = model._meta.get_field(part).related_model
    return queryset.prefetch_related(Prefetch(lookup, queryset=model.objects.filter(language=language)))


def translation_of(obj, language: str | None):
    """The object's translation into `language`, from its prefetched translations, or None."""
    if language is None:
        return None
    return next((translation for translation in obj.translations.all() if translation.language == language), None)


def localise(objects: Iterable, language: str | None) -> list:
    """The objects with their translated texts in `language`, for showing only: never save
    an object this has changed. Fetch them `with_translations` first."""
    objects = list(objects)
    for obj in objects:
        translation = translation_of(obj, language)
        if translation is not None:
            for field in translation.translated_fields:
                setattr(obj, field, translation.text(field, getattr(obj, field)))
    return objects


def localise_level_descriptions(area, descriptions: Iterable, language: str | None) -> list:
    """What each level looks like in `area` (its AreaLevelDescription objects), in `language`,
    from the area's translation, for showing only."""
    descriptions = list(descriptions)
    translation = translation_of(area, language)
    if translation is not None:
        for description in descriptions:
            description.description = translation.text(
                "level_descriptions", description.description, key=str(description.level)
            )
    return descriptions
