"""The portal in five languages: English at the URL contract's addresses, the others under
a prefix, each page saying which language and direction it is in, and nothing crossing
from one language to another (cached pages, security checks, emails)."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from home.factories import StandardPageFactory
from portal.accounts.factories import StaffFactory, UserFactory
from portal.emails import send_templated_email
from portal.i18n import html_lang, path_in_language, path_language, path_without_language
from portal.outbox.models import OutgoingMessage

from .mfa import enrol_totp

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
OTHER_CODES = [code for code in CODES if code != settings.LANGUAGE_CODE]


@pytest.fixture(autouse=True)
def every_language_offered(settings):
    settings.OFFERED_LANGUAGES = CODES


@pytest.fixture
def site(home_page):
    """A home page with the events section under it."""
    EventIndexPageFactory(parent=home_page)
    return home_page


def html_element(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/events/", "pl", "/pl/events/"),
        ("/pl/events/", "ur", "/ur/events/"),
        ("/ur/skills/assessment/", "en-gb", "/skills/assessment/"),
        ("/", "bn", "/bn/"),
        ("/bn/", "en-gb", "/"),
        ("/plans/", "ro", "/ro/plans/"),  # a page whose slug starts like a language code
    ],
)
def test_a_path_moves_between_languages(path, language, expected):
    assert path_in_language(path, language) == expected


def test_a_path_knows_its_language():
    assert path_language("/ur/events/") == "ur"
    assert path_language("/events/") == settings.LANGUAGE_CODE
    assert path_language("/plans/") == settings.LANGUAGE_CODE
    assert path_without_language("/pl") == "/"
    assert html_lang("en-gb") == "en-GB" and html_lang("ur") == "ur"


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("path", ["/", "/events/", "/skills/", "/skills/dashboard/", "/accounts/login/"])
def test_every_page_is_served_in_every_language_with_its_lang_and_dir(client, site, code, path):
    response = client.get(path_in_language(path, code))
    assert response.status_code == 200
    direction = "rtl" if code == "ur" else "ltr"
    assert html_element(response) == f'<html lang="{html_lang(code)}" dir="{direction}" class="govuk-template">'


def heading_and_title(response) -> tuple[str, str]:
    html = response.content.decode()
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1), re.search(r"<title>(.*?)</title>", html, re.S).group(
        1
    )


@pytest.mark.parametrize("code", OTHER_CODES)
@pytest.mark.parametrize(
    "path", ["/skills/", "/skills/framework/", "/skills/dashboard/", "/accounts/login/", "/search/"]
)
def test_each_page_has_its_title_and_heading_in_the_language(client, site, code, path):
    english = heading_and_title(client.get(path))
    translated = heading_and_title(client.get(path_in_language(path, code)))
    assert translated[0] != english[0] and translated[1] != english[1]


def test_english_keeps_the_url_contract_and_other_languages_are_not_guessed(client, site):
    response = client.get("/events/", headers={"accept-language": "pl"})
    assert 'lang="en-GB"' in html_element(response)
    assert client.get("/en-gb/events/").status_code == 404


def test_every_page_names_its_versions_in_the_other_languages(client, site):
    html = client.get("/events/?page=2").content.decode()
    for code in OTHER_CODES:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/events/">' in html
    assert '<link rel="alternate" hreflang="en-GB" href="http://testserver/events/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/events/">' in html


def test_the_switcher_names_each_language_in_itself_and_keeps_the_query(client, home_page):
    html = client.get("/pl/search/?q=AI").content.decode()
    assert '<span class="portal-languages__current" lang="pl" aria-current="true">Polski</span>' in html
    assert 'href="/ur/search/?q=AI" lang="ur" hreflang="ur" rel="alternate">اردو</a>' in html
    assert 'href="/search/?q=AI" lang="en-GB" hreflang="en-GB" rel="alternate">English</a>' in html


def test_right_to_left_styles_and_script_fonts_load_only_where_needed(client, home_page):
    english = client.get("/").content.decode()
    urdu = client.get("/ur/").content.decode()
    bengali = client.get("/bn/").content.decode()
    assert "main.rtl.css" in urdu and "fonts-ur.css" in urdu and "fonts-bn.css" not in urdu
    assert "main.rtl.css" not in bengali and "fonts-bn.css" in bengali
    assert "main.rtl.css" not in english and "fonts-" not in english


def test_links_in_the_chrome_stay_in_the_language_being_read(client, home_page):
    html = client.get("/ro/").content.decode()
    assert 'href="/ro/" class="portal-header__brand"' in html
    assert 'href="/ro/accounts/login/"' in html
    assert 'href="/ro/privacy/"' in html and 'href="/ro/languages/"' in html


def test_the_page_cache_keeps_each_language_apart(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/events/")["X-Page-Cache"] == "miss"
    polish = client.get("/pl/events/")
    assert polish["X-Page-Cache"] == "miss" and 'lang="pl"' in html_element(polish)
    assert client.get("/pl/events/")["X-Page-Cache"] == "hit"
    assert 'lang="en-GB"' in html_element(client.get("/events/"))


@pytest.mark.parametrize("path", ["/pl/accounts/login/", "/ur/me/", "/bn/skills/assessment/"])
def test_private_pages_are_never_cached_in_any_language(client, home_page, settings, path):
    settings.PAGE_CACHE_SECONDS = 600
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


@pytest.mark.parametrize("path", ["/pl/accounts/2fa/totp/deactivate/", "/ur/accounts/password/change/"])
def test_a_password_alone_cannot_change_the_second_factor_in_any_language(client, path):
    editor = StaffFactory()
    enrol_totp(editor)
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(path_in_language(reverse("mfa_reauthenticate"), path_language(path)))


def test_robots_keep_private_pages_out_of_search_engines_in_every_language(client):
    text = client.get("/robots.txt").content.decode()
    for code in OTHER_CODES:
        assert f"Disallow: /{code}/accounts/" in text and f"Disallow: /{code}/skills/results/" in text


def test_a_person_chooses_their_language_and_the_portal_continues_in_it(client, user):
    client.force_login(user)
    data = {"display_name": "Sam", "role": "resident", "language": "ur"}
    response = client.post("/accounts/profile/", data)
    assert response.status_code == 302 and response["Location"] == "/ur/accounts/profile/"
    user.profile.refresh_from_db()
    assert user.profile.language == "ur"


def test_signing_up_in_a_language_keeps_it_for_emails(client, home_page):
    client.post(
        "/ro/accounts/signup/",
        {
            "display_name": "Ana",
            "email": "ana@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "role": "resident",
        },
    )
    user = UserFactory._meta.model.objects.get(email="ana@example.org")
    assert user.profile.language == "ro"
    confirmation = OutgoingMessage.objects.get(to="ana@example.org")
    assert confirmation.language == "ro" and "/ro/accounts/confirm-email/" in confirmation.body_text


def test_each_person_gets_an_email_in_their_own_language_wherever_it_is_sent_from(django_capture_on_commit_callbacks):
    polish = UserFactory(language="pl")
    english = UserFactory()
    event = EventPageFactory()
    with translation.override("ur"):  # sent while someone reads the portal in Urdu
        send_templated_email(
            "events_confirmed",
            [polish.email, english.email, "guest@example.org"],
            {"registration": RegistrationFactory(event=event, user=polish), "event": event, "start": event.start},
        )
    languages = dict(OutgoingMessage.objects.values_list("to", "language"))
    assert languages == {polish.email: "pl", english.email: "en-gb", "guest@example.org": "ur"}


def polish(page, **changes):
    """Publish a Polish translation of `page` (its parent must be translated first)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code="pl"))
    for name, value in changes.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def test_a_page_nobody_has_translated_is_shown_in_english_never_a_404(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about")
    response = client.get("/pl/about/")
    assert response.status_code == 200
    assert 'lang="pl"' in html_element(response) and "About us" in response.content.decode()


def test_a_translated_page_is_served_in_its_language_and_the_rest_falls_back(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about")
    polish(home_page, hero_heading="Strona główna")
    assert "Strona główna" in client.get("/pl/").content.decode()
    assert "About us" in client.get("/pl/about/").content.decode()
    assert client.get("/pl/nothing-here/").status_code == 404


def test_a_translation_at_another_address_is_where_the_reader_is_sent(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About us", slug="about")
    polish(home_page)
    polish(about, title="O nas", slug="o-nas")
    response = client.get("/pl/about/")
    assert response.status_code == 302 and response["Location"] == "/pl/o-nas/"
    assert "O nas" in client.get("/pl/o-nas/").content.decode()


def test_links_to_an_english_page_keep_the_readers_language(home_page):
    about = StandardPageFactory(parent=home_page, slug="about")
    assert about.url == "/about/"
    with translation.override("bn"):
        assert about.url == "/bn/about/"


def test_languages_not_offered_yet_are_not_linked(client, home_page, settings):
    settings.OFFERED_LANGUAGES = [settings.LANGUAGE_CODE]
    html = client.get("/").content.decode()
    assert "portal-languages" not in html and "hreflang" not in html


def test_an_untranslated_page_says_so_and_marks_its_english_words(client, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about", introduction="Who we are.")
    html = client.get("/pl/about/").content.decode()
    assert html.count("portal-translation-notice") == 1 and 'href="/pl/languages/"' in html
    assert '<h1 class="govuk-heading-xl" lang="en-GB" dir="ltr">About us</h1>' in html
    assert '<p class="govuk-body-l" lang="en-GB" dir="ltr">Who we are.</p>' in html
    english = client.get("/about/").content.decode()
    assert "portal-translation-notice" not in english and '<h1 class="govuk-heading-xl">About us</h1>' in english


def test_an_untranslated_challenge_marks_every_part_written_in_english(client, home_page):
    from projects.factories import ChallengeIndexPageFactory, ChallengePageFactory

    challenge = ChallengePageFactory(parent=ChallengeIndexPageFactory(parent=home_page))
    html = client.get(path_in_language(challenge.url, "ur")).content.decode()
    english = ' lang="en-GB" dir="ltr">'
    for words in ["We spend hours on something", "Our customers.", "Half the time spent.", "Two years of sales."]:
        assert re.search(rf"{english}(<p>)?{re.escape(words)}", html), words
    assert f'<dd class="govuk-summary-list__value"{english}Shared.</dd>' in html
    assert f'<dd class="govuk-summary-list__value"{english}Six weeks</dd>' in html


def test_a_translated_page_has_no_notice(client, home_page):
    polish(home_page, hero_heading="Luton: miasto AI")
    html = client.get("/pl/").content.decode()
    assert "portal-translation-notice" not in html and '<h1 class="govuk-heading-xl">Luton: miasto AI</h1>' in html


def test_a_translated_listing_lists_the_pages_written_in_english(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=index, title="AI basics at Wigmore library")
    polish(home_page)
    polish(index, title="Wydarzenia")
    html = client.get("/pl/events/").content.decode()
    assert "Wydarzenia" in html and "AI basics at Wigmore library" in html
    assert 'href="/pl/events/ai-basics-at-wigmore-library/"' in html


def test_the_sitemap_lists_each_page_in_every_language_with_its_alternates(client, home_page):
    StandardPageFactory(parent=home_page, slug="about")
    xml = client.get("/sitemap.xml").content.decode()
    for code in CODES:
        location = f"http://localhost{path_in_language('/about/', code)}"
        assert f"<loc>{location}</loc>" in xml
        assert f'hreflang="{html_lang(code)}" href="{location}"' in xml
    assert 'hreflang="x-default" href="http://localhost/about/"' in xml


def test_navigation_links_read_in_the_readers_language(home_page):
    from home.blocks import SiteLinkBlock

    block = SiteLinkBlock()
    value = block.to_python(
        {"text": "Events", "url": "/events/", "translations": [{"language": "pl", "text": "Wydarzenia"}]}
    )
    with translation.override("pl"):
        assert value.label == "Wydarzenia"
    with translation.override("ro"):
        assert value.label == "Events"
    about = StandardPageFactory(parent=home_page, title="About us", slug="about")
    polish(home_page)
    polish(about, title="O nas")
    untitled = block.to_python({"text": "", "page": about.pk, "translations": []})
    with translation.override("pl"):
        assert untitled.label == "O nas"
    assert untitled.label == "About us"


def test_a_navigation_link_takes_one_text_per_language():
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import SiteLinkBlock

    block = SiteLinkBlock()
    twice = [{"language": "pl", "text": "Wydarzenia"}, {"language": "pl", "text": "Imprezy"}]
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({"text": "Events", "url": "https://example.org/", "translations": twice}))
    errors = raised.value.block_errors["translations"].block_errors
    assert list(errors) == [1] and "language" in errors[1].block_errors
    once = block.to_python({"text": "Events", "url": "https://example.org/", "translations": twice[:1]})
    assert block.clean(once)["translations"][0]["text"] == "Wydarzenia"


def test_the_demo_pages_are_translated_into_every_language_in_full(django_capture_on_commit_callbacks):
    from io import StringIO

    import polib
    from django.core.management import call_command

    from home import demo

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        call_command("load_demo", stdout=StringIO())
    pages = demo.translated_pages(demo.home_page())
    english = {entry.msgid for entry in demo.page_messages(pages)}
    for code in OTHER_CODES:
        catalogue = polib.pofile(str(demo.PAGE_TRANSLATIONS_DIR / f"{code}.po"))
        translated = {entry.msgid for entry in catalogue if entry.msgstr}
        slugs = {page.slug for page in pages}
        assert english - slugs <= translated, f"{code}: demo page text without a translation"
        locale = Locale.objects.get(language_code=code)
        for page in pages:
            assert page.get_translation(locale).live


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CHECKED_PATHS = ["/", "/events/", "/skills/", "/skills/framework/", "/skills/assessment/", "/skills/dashboard/"]
CHECKED_PATHS += ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/search/?q=AI"]


class MarkupChecker(HTMLParser):
    """The HTML checker's rules a translation could break: every element closed in order,
    ids unique, each label pointing at a field that exists, and no link inside a link."""

    def __init__(self):
        super().__init__()
        self.open, self.ids, self.label_targets, self.problems = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            if attributes["id"] in self.ids:
                self.problems.append(f"duplicate id {attributes['id']}")
            self.ids.add(attributes["id"])
        if tag == "label" and attributes.get("for"):
            self.label_targets.append(attributes["for"])
        if tag == "a" and "a" in self.open:
            self.problems.append("a link inside a link")
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
            if tag in self.open:
                while self.open.pop() != tag:
                    pass
        else:
            self.open.pop()

    def check(self, html: str) -> list[str]:
        self.feed(html)
        self.close()
        missing = [target for target in self.label_targets if target not in self.ids]
        return self.problems + [f"unclosed <{tag}>" for tag in self.open] + [f"label for missing #{t}" for t in missing]


@pytest.mark.parametrize("code", CODES)
def test_every_language_keeps_the_markup_well_formed(client, site, code):
    for path in CHECKED_PATHS:
        response = client.get(path_in_language(path, code))
        assert response.status_code == 200, path
        assert MarkupChecker().check(response.content.decode()) == [], path_in_language(path, code)


@pytest.mark.parametrize("code", OTHER_CODES)
def test_no_translation_changes_the_markup_of_its_message(code):
    """A translator may reword a message but never add, drop or reorder its HTML tags."""
    import polib

    tag = re.compile(r"</?([a-z]+)[^>]*>")
    for entry in polib.pofile(str(settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po")):
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for translated in translations:
            assert sorted(tag.findall(translated)) == sorted(tag.findall(entry.msgid)), entry.msgid


def test_an_urdu_reader_books_a_workshop_in_urdu_and_gets_the_email_in_urdu(
    client, site, django_capture_on_commit_callbacks
):
    from django.core import mail

    from events.models import Registration

    event = EventPageFactory(title="AI basics at Wigmore library")
    form_path = f"/ur/events/{event.slug}/register/"
    sign_in = client.get(form_path)
    assert sign_in.status_code == 302 and sign_in["Location"].startswith("/ur/accounts/login/")
    reader = UserFactory(language="ur")
    client.force_login(reader)
    with translation.override("ur"):
        booked = translation.gettext("Your place is booked. We have emailed you the details.")
        confirm = translation.gettext("Confirm booking")
    assert booked != "Your place is booked. We have emailed you the details."
    assert f"{confirm}</button>" in client.get(form_path).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_path, {"access_needs": ""}, follow=True)
    assert Registration.objects.get(event=event, user=reader).status == "confirmed"
    assert response.redirect_chain[-1][0].startswith("/ur/") and booked in response.text
    email = mail.outbox[-1]
    # In Urdu, with the event's title as written.
    assert email.to == [reader.email] and "AI basics at Wigmore library" in email.subject
    assert not email.subject.isascii()
