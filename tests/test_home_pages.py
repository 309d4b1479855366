"""The page tree, each page type's rendering, and the site-wide endpoints."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import DatabaseError
from wagtail.models import Locale, Page

from home.factories import NewsIndexPageFactory, NewsPageFactory, PortalImageFactory, StandardPageFactory
from home.models import VIEW_RESTRICTIONS_KEY, HomePage, NewsIndexPage, NewsPage, SiteSettings, StandardPage
from portal.i18n import path_in_language

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert StandardPage in HomePage.allowed_subpage_models()
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}


def test_only_one_home_page_and_one_news_index_can_be_created(home_page):
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert NewsIndexPage.can_create_at(home_page)
    NewsIndexPageFactory(parent=home_page)
    assert not NewsIndexPage.can_create_at(home_page)


def test_home_page_renders_the_ambition(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Luton: an AI native town" in html
    assert "<title>Home – Luton AI Club</title>" in html
    assert html.count("<h1") == 1


def test_standard_page_renders_its_body_blocks(client, home_page):
    image = PortalImageFactory()
    page = StandardPageFactory(
        parent=home_page,
        title="About us",
        slug="about",
        body=[
            ("rich_text", "<p>We are the AI Club.</p>"),
            ("image", {"image": image, "alt_text": "Students at a workshop", "caption": "Our first workshop"}),
            ("call_to_action", {"heading": "Join us", "text": "", "link": {"url": "/events/", "text": "See events"}}),
            ("accordion", {"sections": [{"heading": "Is it free?", "content": "<p>Yes.</p>"}]}),
            ("quote", {"quote": "It changed how I work.", "attribution": "A Luton baker"}),
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>About us – Luton AI Club</title>" in html
    for text in ["We are the AI Club.", 'alt="Students at a workshop"', "Join us", "Is it free?", "A Luton baker"]:
        assert text in html
    assert 'class="govuk-breadcrumbs"' in html


def test_image_block_requires_alt_text():
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import ImageWithAltBlock

    block = ImageWithAltBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": PortalImageFactory().pk, "alt_text": "", "caption": ""}))
    assert list(error.value.block_errors) == ["alt_text"]


def test_news_image_needs_alt_text(home_page):
    page = NewsPageFactory.build(title="With image", image=PortalImageFactory(), image_alt_text="")
    with pytest.raises(Exception, match="Describe the image"):
        page.clean()


def test_news_index_lists_newest_first_and_paginates(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    for day in range(1, 13):
        NewsPageFactory(parent=index, title=f"Item {day:02d}", date=f"2026-10-{day:02d}")
    first_page = client.get("/news/").content.decode()
    assert first_page.index("Item 12") < first_page.index("Item 11")
    assert "Item 02" not in first_page
    assert "Item 02" in client.get("/news/?page=2").content.decode()


def test_news_listing_query_count_does_not_grow_with_items(client, home_page, django_assert_max_num_queries):
    index = NewsIndexPageFactory(parent=home_page)
    for n in range(10):
        NewsPageFactory(parent=index, image=PortalImageFactory(), image_alt_text=f"Picture {n}")
    client.get("/news/")  # warm renditions, which are created on first view
    with django_assert_max_num_queries(12):
        client.get("/news/")


def test_news_page_renders(client, home_page):
    page = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), title="Drop-ins begin")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Drop-ins begin" in response.content.decode()


def test_rss_feed_lists_published_news(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, title="Live story")
    NewsPageFactory(parent=index, title="Draft story", live=False)
    response = client.get("/news/feed.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    titles = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
    assert titles == ["Live story"]


def test_search_finds_a_page_and_paginates(client, home_page):
    StandardPageFactory(parent=home_page, title="Spotting scam calls", introduction="Voice cloning and how to check.")
    for n in range(12):
        StandardPageFactory(parent=home_page, title=f"Workshop notes {n}")
    response = client.get("/search/", {"q": "scam"})
    assert "Spotting scam calls" in response.content.decode()
    response = client.get("/search/", {"q": "workshop"})
    assert response.context["results"].paginator.num_pages == 2


def test_search_results_say_what_each_result_is_in_plain_words(client, home_page):
    news = NewsIndexPageFactory(parent=home_page, title="News")
    NewsPageFactory(parent=news, title="Scam calls are rising")
    html = client.get("/search/", {"q": "scam"}).text
    assert "News" in html and "News page" not in html and "News index page" not in html


@pytest.mark.parametrize("query", ["\x00", "ai\x00x", "\x01\x02"])
def test_search_ignores_control_characters(client, home_page, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_search_without_a_query_shows_the_form(client, home_page):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_sitemap_lists_live_pages(client, home_page):
    StandardPageFactory(parent=home_page, slug="about")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"/about/" in response.content


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_api_lists_pages(client, home_page):
    StandardPageFactory(parent=home_page, title="API visible")
    response = client.get("/api/v2/pages/", {"type": "home.StandardPage", "fields": "introduction"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["API visible"]


def test_healthz_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_503_when_the_database_does_not_answer(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("portal.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_not_found_page_is_styled(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found – Luton AI Club" in response.content.decode()


def test_server_error_page_needs_no_database(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def test_navigation_and_footer_come_from_site_settings(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    settings = SiteSettings.load()
    settings.main_navigation = [("link", {"page": about, "text": "About us"})]
    settings.footer_links = [("link", {"url": "https://www.luton.gov.uk/", "text": "Luton Council"})]
    settings.save()
    html = client.get(about.url).content.decode()
    assert 'aria-current="page"' in html and "About us" in html
    assert "Luton Council" in html

    # The links are cached for every page, and saving the settings shows the change at once.
    settings.main_navigation = [("link", {"url": "/events/", "text": "What's on"})]
    settings.save()
    html = client.get(about.url).content.decode()
    assert "What’s on" in html or "What&#x27;s on" in html
    assert "About us" not in html


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/skills/dashboard/", {"/skills/dashboard/": "page"}),
        ("/skills/dashboard/wards/biscot/", {"/skills/dashboard/": "true"}),
        ("/skills/framework/", {"/skills/": "true"}),
        ("/skills/", {"/skills/": "page"}),
        ("/", {"/": "page"}),
        ("/contact/", {}),
    ],
)
def test_only_the_most_specific_navigation_section_is_current(path, expected):
    from portal.templatetags.portal_tags import navigation

    links = [{"value": {"href": href, "label": href}} for href in ["/", "/skills/", "/skills/dashboard/", "/events/"]]
    current = {item["href"]: item["current"] for item in navigation(links, path) if item["current"]}
    assert current == expected


def test_link_block_needs_exactly_one_destination():
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import LinkBlock

    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Nowhere", "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "", "page": None, "url": "https://example.org/"}))


def test_load_demo_builds_the_site_and_a_second_run_changes_nothing(client):
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Revision

    from portal.accounts.models import User

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Sign in at http://127.0.0.1:8000/accounts/login/" in out.getvalue()
    counts = (Page.objects.count(), Revision.objects.count(), User.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Page.objects.count(), Revision.objects.count(), User.objects.count()) == counts
    for path in ["/", "/about/", "/accessibility/", "/privacy/", "/news/"]:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("code", [code for code, _name in django_settings.LANGUAGES])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_page_query_counts_stay_within_budget(client, home_page, user, signed_in, code, django_assert_max_num_queries):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    if code != django_settings.LANGUAGE_CODE:
        # The home page translated (its own tree), the others shown in English.
        home_page.copy_for_translation(Locale.objects.get(language_code=code)).save_revision().publish()
    settings = SiteSettings.load()
    settings.main_navigation = [("link", {"page": about, "text": "About"}), ("link", {"url": "/news/", "text": "News"})]
    settings.save()
    NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    if signed_in:
        client.force_login(user)
    budget = 16 if signed_in else 12
    # Any earlier visitor has filled the site-wide caches (site root paths, header and
    # footer links); each page's own content is still read from the database.
    client.get(path_in_language("/about/", code))
    for path in ["/", "/about/", "/news/", "/search/?q=about"] + (["/me/", "/accounts/profile/"] if signed_in else []):
        with django_assert_max_num_queries(budget):
            assert client.get(path_in_language(path, code)).status_code == 200


def test_private_pages_stay_private_though_restriction_checks_are_skipped_when_none_exist(client, home_page):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(parent=home_page, title="Committee notes", slug="committee")
    assert client.get(page.url).status_code == 200  # caches "no page is private"
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code == 302
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_a_restriction_added_while_a_visitor_is_served_still_applies_after_commit(
    client, home_page, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    from home.models import any_view_restrictions

    page = StandardPageFactory(parent=home_page, title="Committee notes", slug="committee")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        # Another request, not seeing the uncommitted row, caches "no page is private".
        cache.set(VIEW_RESTRICTIONS_KEY, False, timeout=None)
    assert any_view_restrictions()
    assert client.get(page.url).status_code == 302


def test_the_home_page_never_gives_away_a_handful_of_ai_ready_people(client, home_page):
    from skills.factories import AssessmentFactory

    for _ in range(96):
        AssessmentFactory(levels=[1, 1, 1, 1, 1, 1])
    for _ in range(4):
        AssessmentFactory(levels=[2, 2, 2, 2, 2, 2])
    html = client.get("/").text
    # 100 people and "4.0 %" AI-ready would say exactly 4 people; the share is withheld instead.
    assert "People assessed" in html and "100" in html and "4.0" not in html and "4%" not in html and "4 %" not in html
