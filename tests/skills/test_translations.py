"""Editors translate the skills content in the admin: each translation keeps the English it
was made from, so a change to the English shows it as out of date, and readers get the
English instead until someone updates it."""

from html.parser import HTMLParser

import pytest
from django.db import IntegrityError
from django.urls import reverse

from skills.factories import (
    AreaTranslationFactory,
    LevelTranslationFactory,
    QuestionTranslationFactory,
    ResourceFactory,
    ResourceTranslationFactory,
)
from skills.models import Area, AreaTranslation, Level, Question, QuestionKind, QuestionTranslation

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values an edit form would post as it stands, like a browser submitting it."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._textarea = self._select = None
        self._in_template = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name") or ""
        if tag == "template":
            self._in_template += 1
        if self._in_template or "__prefix__" in name:
            return
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea and not self._in_template:
            self.data[self._textarea] += data.removeprefix("\n") if not self.data[self._textarea] else data


def form_data(page) -> dict[str, str]:
    parser = FormFields()
    parser.feed(page.text)
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def add_translation(data: dict, texts: dict) -> dict:
    """The form data with one more translation, as "Add translation" in the admin makes."""
    index = int(data["translations-TOTAL_FORMS"])
    data = {**data, "translations-TOTAL_FORMS": str(index + 1)}
    for key, value in texts.items():
        data[f"translations-{index}-{key}"] = value
    data.setdefault(f"translations-{index}-id", "")
    data.setdefault(f"translations-{index}-DELETE", "")
    return data


def test_every_translation_factory_builds_a_valid_translation():
    for factory_class in (
        AreaTranslationFactory,
        LevelTranslationFactory,
        QuestionTranslationFactory,
        ResourceTranslationFactory,
    ):
        translation = factory_class()
        translation.full_clean()
        assert translation.out_of_date() == []
    ResourceFactory().full_clean()


def test_a_translation_keeps_the_english_it_was_made_from():
    area = Area.objects.get(slug="staying-safe")
    translation = AreaTranslationFactory(area=area, name="Bezpieczeństwo", level_descriptions={"2": "Potrafisz…"})
    described = area.level_descriptions.get(level=2).description

    assert translation.source["name"] == "Staying safe"
    assert translation.source["level_descriptions"] == {"2": described}
    assert translation.text("name", "Staying safe") == "Bezpieczeństwo"
    assert translation.text("level_descriptions", described, key="2") == "Potrafisz…"
    # Blank texts fall back to the English.
    assert translation.text("description", area.description) == area.description
    assert translation.text("level_descriptions", "Other", key="3") == "Other"


def test_changing_the_english_puts_the_translation_out_of_date_and_readers_get_the_english():
    area = Area.objects.get(slug="staying-safe")
    AreaTranslationFactory(area=area, name="Bezpieczeństwo", description="Opis")
    area.name = "Staying safe online"
    area.save()  # saving the area saves its translations too: that must not bring them up to date

    translation = AreaTranslation.objects.get(area=area)
    assert translation.out_of_date() == [("name", None)]
    assert translation.text("name", "Staying safe online") == "Staying safe online"
    assert translation.text("description", area.description) == "Opis"

    translation.name = "Bezpieczeństwo w sieci"
    translation.save()
    assert translation.out_of_date() == []
    assert translation.text("name", "Staying safe online") == "Bezpieczeństwo w sieci"


def test_answers_are_translated_by_the_answer_they_stand_for():
    question = Question.objects.filter(kind=QuestionKind.KNOWLEDGE).first()
    first, second = question.options.order_by("sort_order", "pk")[:2]
    translation = QuestionTranslationFactory(
        question=question, options={str(first.pk): "جواب", str(second.pk): "دوسرا"}
    )
    assert translation.source["options"] == {str(first.pk): first.text, str(second.pk): second.text}

    first.text = "A reworded answer"
    first.save()
    translation = QuestionTranslation.objects.get(pk=translation.pk)
    assert translation.out_of_date() == [("options", str(first.pk))]
    assert translation.up_to_date("options", first.text, key=str(first.pk)) == ""
    assert translation.up_to_date("options", second.text, key=str(second.pk)) == "دوسرا"


def test_one_translation_per_object_per_language():
    LevelTranslationFactory(level=Level.objects.get(number=1), language="ro")
    with pytest.raises(IntegrityError):
        LevelTranslationFactory(level=Level.objects.get(number=1), language="ro")


def test_only_the_other_languages_can_be_chosen():
    translation = LevelTranslationFactory.build(level=Level.objects.get(number=1), language="en-gb")
    with pytest.raises(Exception, match="language"):
        translation.full_clean()


def test_an_editor_adds_a_translation_on_the_areas_own_screen(editor_client):
    area = Area.objects.get(slug="staying-safe")
    url = reverse("wagtailsnippets_skills_area:edit", args=[area.pk])
    page = editor_client.get(url)
    assert "Translations" in page.text
    data = add_translation(
        form_data(page),
        {"language": "pl", "name": "Bezpieczeństwo", "description": "", "level_descriptions-2": "Potrafisz…"},
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    translation = AreaTranslation.objects.get(area=area, language="pl")
    assert (translation.name, translation.level_descriptions) == ("Bezpieczeństwo", {"2": "Potrafisz…"})
    assert translation.out_of_date() == []
    page = editor_client.get(url)
    assert "In English: “Staying safe”" in page.text
    assert "Out of date" not in page.text


def test_the_admin_says_when_the_english_has_changed_and_the_editor_can_confirm_it_still_fits(editor_client):
    question = Question.objects.filter(kind=QuestionKind.KNOWLEDGE).first()
    QuestionTranslationFactory(question=question, text="پرانا سوال")
    url = reverse("wagtailsnippets_skills_question:edit", args=[question.pk])
    data = {**form_data(editor_client.get(url)), "text": "A reworded question?"}
    assert editor_client.post(url, data).status_code == 302

    page = editor_client.get(url)
    assert "Out of date: the English has changed since this was translated" in page.text
    assert "A reworded question?" in page.text
    assert QuestionTranslation.objects.get(question=question).out_of_date() == [("text", None)]

    data = {**form_data(page), "translations-0-still_right": "on"}
    assert editor_client.post(url, data).status_code == 302
    assert QuestionTranslation.objects.get(question=question).out_of_date() == []
    assert "Out of date" not in editor_client.get(url).text


def test_every_screen_with_words_has_translations(editor_client):
    resource = ResourceTranslationFactory().resource
    screens = [
        reverse("wagtailsnippets_skills_level:edit", args=[Level.objects.get(number=2).pk]),
        reverse("wagtailsnippets_skills_resource:edit", args=[resource.pk]),
        reverse("wagtailsnippets_skills_question:edit", args=[Question.objects.first().pk]),
        reverse("wagtailsnippets_skills_resource:add"),
    ]
    for url in screens:
        page = editor_client.get(url)
        assert page.status_code == 200
        assert "Translations" in page.text and 'name="translations-TOTAL_FORMS"' in page.text
