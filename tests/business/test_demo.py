"""load_demo's business content: the /business/ page in every language, guides, the check
translated and published, workshops, demo organisations with checks that rescore to what
was saved, the demo owner's progress and team profile, key results and the national figure.

The demo is loaded once for the module (about 20 seconds) and rolled back afterwards."""

import datetime
import json
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from business import demo, team
from business.bank import localised_bank
from business.first_bank import DIMENSIONS, QUESTIONS
from business.models import (
    BusinessCheck,
    BusinessPage,
    BusinessResource,
    BusinessResourceTranslation,
    CheckQuestion,
    CheckQuestionTranslation,
    Dimension,
    DimensionResult,
    DimensionTranslation,
    NationalReference,
)
from business.publishing import latest_version
from business.scoring import score_check
from events.models import EventPage, Registration
from home.models import SiteSettings
from portal.accounts.models import Membership, Organisation, User
from skills.models import Assessment
from skills.okrs.models import KeyResult, KeyResultSnapshot, Metric, Objective

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
BUSINESS_METRICS = {
    Metric.BUSINESSES_CHECKED,
    Metric.BUSINESSES_USING_AI_SHARE,
    Metric.BUSINESSES_AI_POLICY_SHARE,
    Metric.BUSINESSES_MOVED_UP,
}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The whole demo, as `manage.py load_demo` makes it, undone when the module's tests end."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):  # wagtail-localize publishes on commit
            call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.usefixtures("loaded", "db")


def counts() -> dict:
    models = [
        Page, Revision, BusinessCheck, DimensionResult, BusinessResource, BusinessResourceTranslation,
        DimensionTranslation, CheckQuestionTranslation, Organisation, Membership, KeyResult, KeyResultSnapshot,
        EventPage, Registration, Assessment,
    ]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models} | {
        "versions": latest_version().number,
        "national": NationalReference.load().share_using_ai,
    }


def test_a_second_run_adds_nothing():
    before = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == before


def test_the_business_page_tells_three_local_stories_in_every_language():
    page = BusinessPage.objects.get(slug="business", locale__language_code=settings.LANGUAGE_CODE)
    assert page.live and page.get_parent().specific_class.__name__ == "HomePage"
    assert page.title == "AI for Luton businesses"
    assert len(page.stories) == 3 and all("Luton" in story.value["summary"] for story in page.stories)
    body = str(page.body)
    for link in ("/business/check/", "/events/?audience=businesses", "/challenges/submit/"):
        assert link in body
    for code in LANGUAGES:
        translation = page.get_translation(Locale.objects.get(language_code=code))
        assert translation.live
        assert translation.title != page.title
        assert translation.specific.stories[1].value["summary"] != page.stories[1].value["summary"]


def test_the_header_links_to_the_business_page_in_every_language():
    links = [block.value for block in SiteSettings.load().main_navigation]
    business = next(link for link in links if link["url"] == "/business/")
    assert {item["language"] for item in business["translations"]} == set(LANGUAGES)


def test_every_dimension_has_guides_from_real_public_bodies_translated_into_every_language():
    resources = list(BusinessResource.objects.prefetch_related("translations"))
    assert len(resources) >= 8
    assert {resource.dimension.slug for resource in resources} == {slug for slug, _name, _text in DIMENSIONS}
    for resource in resources:
        assert resource.url.startswith("https://") and resource.min_stage <= resource.max_stage
        translated = {t.language: t for t in resource.translations.all()}
        assert set(translated) == set(LANGUAGES)
        for translation in translated.values():
            assert translation.up_to_date("title", resource.title)
            assert translation.up_to_date("description", resource.description)


def test_the_latest_version_carries_every_translation_of_the_check():
    bank = latest_version().bank
    assert latest_version().number > 1
    assert set(bank["translations"]) == set(LANGUAGES)
    for code in LANGUAGES:
        overlay = bank["translations"][code]
        assert set(overlay["dimensions"]) == {dimension["slug"] for dimension in bank["dimensions"]}
        for question in bank["questions"]:
            texts = overlay["questions"][str(question["id"])]
            assert texts["text"] and set(texts["options"]) == {option["id"] for option in question["options"]}
            assert bool(texts.get("hint")) == bool(question["hint"])
    polish = localised_bank(bank, "pl")
    assert polish["questions"][0]["text"] == "Gdzie twoja organizacja korzysta dziś z AI?"
    assert DimensionTranslation.objects.count() == Dimension.objects.count() * len(LANGUAGES)
    assert CheckQuestionTranslation.objects.count() == CheckQuestion.objects.count() * len(LANGUAGES)


def test_the_translation_files_cover_every_text_of_the_first_check_and_the_guides():
    english = {name for _slug, name, _text in DIMENSIONS} | {text for _slug, _name, text in DIMENSIONS}
    for _slug, _kind, text, hint, options in QUESTIONS:
        english |= {text, hint} | {option for option, _points, _signal in options}
    for title, _slug, _low, _high, _url, description in demo.RESOURCES:
        english |= {title, description}
    english.discard("")
    for code in LANGUAGES:
        mapping = json.loads((demo.TRANSLATIONS_DIR / f"{code}.json").read_text(encoding="utf-8"))
        assert set(mapping) == english, code
        assert all(text.strip() for text in mapping.values()), code


def test_three_workshops_for_businesses_in_the_coming_weeks():
    today = timezone.localdate()
    events = EventPage.objects.filter(slug__in=[slug for slug, *_rest in demo.EVENTS])
    assert events.count() == 3
    for event in events:
        assert event.audience == "businesses" and event.venue_id
        assert 14 <= (event.start.date() - today).days <= 56
        assert event.business_dimensions.exists()


def test_about_forty_confirmed_organisations_with_one_or_two_checks_each_and_a_hundred_without():
    organisations = Organisation.objects.filter(name__in=[row[0] for row in demo.ORGANISATIONS])
    assert 38 <= organisations.count() <= 45
    assert all(o.is_confirmed and o.sector and o.size_band and o.description for o in organisations)
    sizes = Counter(organisations.values_list("size_band", flat=True))
    assert sizes["0-9"] + sizes["10-49"] >= 0.8 * organisations.count()
    per_organisation = Counter(
        BusinessCheck.objects.filter(organisation__isnull=False).values_list("organisation", flat=True)
    )
    assert len(per_organisation) == organisations.count() and set(per_organisation.values()) == {1, 2}
    assert BusinessCheck.objects.filter(organisation__isnull=True).count() == demo.ANONYMOUS_CHECKS
    assert not BusinessCheck.objects.filter(is_demo=False).exists()
    oldest = timezone.now() - datetime.timedelta(days=demo.DAYS + 1)
    assert not BusinessCheck.objects.filter(completed_at__lt=oldest).exists()
    languages = Counter(BusinessCheck.objects.values_list("language", flat=True))
    assert languages.most_common(1)[0][0] == settings.LANGUAGE_CODE


def test_every_demo_check_is_what_rescoring_its_answers_gives():
    checks = BusinessCheck.objects.select_related("version").prefetch_related("dimension_results__dimension")
    for check in checks:
        result = score_check(check.version.bank, check.answers)
        assert (check.overall_stage, check.uses_ai, check.has_ai_policy) == (
            result.overall_stage,
            result.uses_ai,
            result.has_ai_policy,
        )
        saved = {r.dimension.slug: (r.score, r.stage) for r in check.dimension_results.all()}
        assert saved == {d.slug: (d.score, d.stage) for d in result.dimensions}


def test_second_checks_usually_show_progress_and_the_town_tables_have_figures():
    pairs = {}
    for check in BusinessCheck.objects.filter(organisation__isnull=False).order_by("completed_at"):
        pairs.setdefault(check.organisation_id, []).append(check.overall_stage)
    seconds = [stages for stages in pairs.values() if len(stages) == 2]
    assert sum(later > earlier for earlier, later in seconds) > len(seconds) / 2
    checks = BusinessCheck.objects.all()
    assert sum(n > 10 for n in Counter(checks.values_list("sector", flat=True)).values()) >= 3
    assert sum(n > 10 for n in Counter(checks.values_list("size_band", flat=True)).values()) >= 2
    quarters = Counter((c.year, (c.month - 1) // 3) for c in checks.values_list("completed_at", flat=True))
    assert sum(n > 10 for n in quarters.values()) >= 3
    assert 0 < checks.filter(has_ai_policy=True).count() < checks.filter(uses_ai=True).count() < checks.count()


def test_the_demo_owner_sees_progress_and_a_team_profile(client):
    owner = User.objects.get(email=demo.DEMO_OWNER_EMAIL)
    organisation = Organisation.objects.get(name=demo.DEMO_OWNER_ORGANISATION)
    assert Membership.objects.filter(user=owner, organisation=organisation, is_confirmed=True).exists()
    stages = list(organisation.business_checks.order_by("completed_at").values_list("overall_stage", flat=True))
    assert len(stages) == 2 and stages[1] > stages[0]
    profile = team.profiles([organisation], None)[0]
    assert profile["shown"] and profile["people"] >= 6
    client.force_login(owner)
    for path in ("/business/progress/", "/business/team/"):
        response = client.get(path)
        assert response.status_code == 200 and organisation.name in response.content.decode(), path


def test_the_business_objective_has_the_four_business_key_results_with_a_year_of_snapshots():
    objective = Objective.objects.get(title=demo.BUSINESS_OBJECTIVE)
    key_results = objective.key_results.filter(metric__in=BUSINESS_METRICS)
    assert {key_result.metric for key_result in key_results} == BUSINESS_METRICS
    for key_result in key_results:
        assert KeyResultSnapshot.objects.filter(key_result=key_result).count() == 12


def test_the_national_figure_names_its_source():
    reference = NationalReference.load()
    assert reference.share_using_ai is not None and reference.as_of
    assert "ONS Business Insights and Conditions Survey" in reference.source
    assert reference.source_url.startswith("https://www.ons.gov.uk/")
