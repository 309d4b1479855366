"""Demo content for the home app: the page tree, news and site settings.

Each builder finds its page by slug first, so a second run leaves editors' changes alone.
"""

import datetime
from pathlib import Path

import polib
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from .blocks import other_languages
from .models import HomePage, NewsIndexPage, NewsPage, SiteSettings, StandardPage


def rich(html: str) -> tuple[str, RichText]:
    return ("rich_text", RichText(html))


def home_page() -> HomePage:
    """The site's home page, replacing Wagtail's placeholder welcome page on a new install."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    placeholder = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
    if placeholder:
        placeholder.slug = "placeholder-home"
        placeholder.save()
    home = root.add_child(
        instance=HomePage(
            title="Luton AI Club",
            slug="home",
            seo_title="Luton AI Club: making Luton an AI native town",
            search_description="Check your AI skills, book free workshops, and help Luton businesses and causes use AI.",
            introduction=(
                "The Luton AI Club brings residents, students from the University of Bedfordshire "
                "and local businesses together so that everyone in Luton has a level of AI skills."
            ),
        )
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.hostname = site.hostname or "localhost"
    site.site_name = "Luton AI Club"
    site.port = site.port or 80
    site.save()
    if placeholder:
        placeholder.delete()
    return home


def child_page(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page


def site_link(text: str, *, page: Page | None = None, url: str = "") -> tuple[str, dict]:
    """A navigation or footer link, its text in each language the interface is translated into."""
    translations = []
    for code, _name in other_languages():
        with translation.override(code):
            translated = gettext(text)
        if translated != text:
            translations.append({"language": code, "text": translated})
    return ("link", {"text": text, "page": page, "url": url, "translations": translations})


ABOUT_BODY = [
    rich(
        "<h2>Our ambition</h2>"
        "<p>Luton Borough Council and the University of Bedfordshire want Luton to be an "
        "<b>AI native town</b>: a town where everyone has a level of AI skills, whatever their age, "
        "job or background. Not everyone needs to build AI. Everyone should be able to use it "
        "safely, question it, and know when not to trust it.</p>"
        "<h2>What the AI Club does</h2>"
        "<ul><li>Free drop-in sessions and workshops in libraries, community centres and online.</li>"
        "<li>A ten-minute self-assessment so you can see where you stand and what to learn next.</li>"
        "<li>Challenges from Luton businesses and community groups, taken on by student teams.</li>"
        "<li>A public town dashboard that shows how far we have come, ward by ward.</li></ul>"
        "<h2>Who we are</h2>"
        "<p>The AI Club is run by students and staff at the University of Bedfordshire, working with "
        "Luton Borough Council, local employers and voluntary groups. Everything we run for residents is free.</p>"
    ),
    (
        "quote",
        {
            "quote": "We lose a fifth of our bread every week. The students showed us how a simple "
            "forecast could cut that in half.",
            "attribution": "A Luton bakery owner who posted a challenge",
        },
    ),
    (
        "accordion",
        {
            "sections": [
                {
                    "heading": "Do I need to know anything about computers?",
                    "content": RichText(
                        "<p>No. Our 'What is AI?' drop-ins start from the very beginning. "
                        "Bring a phone if you have one; we have laptops to borrow.</p>"
                    ),
                },
                {
                    "heading": "Does it cost anything?",
                    "content": RichText("<p>No. Every session for residents is free.</p>"),
                },
                {
                    "heading": "I run a business. How can the AI Club help?",
                    "content": RichText(
                        "<p>Post a challenge: a problem you would like to solve, in plain words. "
                        "A team of students may take it on, with support from university staff.</p>"
                    ),
                },
            ]
        },
    ),
]

ACCESSIBILITY_BODY = [
    rich(
        "<p>This accessibility statement applies to the Luton AI Club website. The website is run by "
        "the University of Bedfordshire's AI Club. We want as many people as possible to be able to use it. "
        "For example, that means you should be able to:</p>"
        "<ul><li>change colours, contrast levels and fonts using browser or device settings</li>"
        "<li>zoom in up to 400% without the text spilling off the screen</li>"
        "<li>navigate most of the website using just a keyboard or speech recognition software</li>"
        "<li>listen to most of the website using a screen reader (including the most recent versions of "
        "JAWS, NVDA and VoiceOver)</li>"
        "<li>use every core service (the skills check, booking an event, posting a challenge) without JavaScript</li></ul>"
        "<p>We have also made the website text as simple as possible to understand. "
        '<a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device easier to use if you have a disability.</p>'
        "<h2>How accessible this website is</h2>"
        "<p>We test every type of page with automated checks (axe) and by hand with a keyboard and a screen "
        "reader. We know some parts are not fully accessible:</p>"
        "<ul><li>some older PDF documents attached to news items are not fully accessible to screen reader software</li>"
        "<li>embedded content from other organisations, such as partner event listings, may not meet the same standard</li></ul>"
        "<h2>Feedback and contact information</h2>"
        "<p>If you need information on this website in a different format, like accessible PDF, large print, "
        'easy read, audio recording or braille, email <a href="mailto:hello@lutonaiclub.org.uk">hello@lutonaiclub.org.uk</a>. '
        "We will consider your request and get back to you in 5 working days.</p>"
        "<h2>Reporting accessibility problems with this website</h2>"
        "<p>We are always looking to improve the accessibility of this website. If you find any problems not "
        "listed on this page or think we are not meeting accessibility requirements, email "
        '<a href="mailto:hello@lutonaiclub.org.uk">hello@lutonaiclub.org.uk</a>.</p>'
        "<h2>Enforcement procedure</h2>"
        "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
        "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the 'accessibility "
        "regulations'). If you are not happy with how we respond to your complaint, contact the "
        '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.</p>'
        "<h2>Technical information about this website's accessibility</h2>"
        "<p>We are committed to making our website accessible, in accordance with the accessibility "
        "regulations. This website is partially compliant with the Web Content Accessibility Guidelines "
        "version 2.2 AA standard, due to the non-compliances listed above.</p>"
        "<h2>Events in person</h2>"
        "<p>Every event page lists the venue's step-free access, accessible toilets, hearing loops, quiet "
        "rooms, parking and public transport. When you book, you can tell the organisers about any access "
        "needs; only they can see it, and we delete it 30 days after the event.</p>"
        "<h2>Preparation of this accessibility statement</h2>"
        "<p>This statement was prepared on 25 November 2026. The website was last tested on 25 November 2026 "
        "by the AI Club's own team, using automated checks on every page type and manual keyboard testing.</p>"
    )
]

PRIVACY_BODY = [
    rich(
        "<p>This notice explains what personal data the Luton AI Club website holds, why, for how long, "
        "and your rights. We keep as little as we can.</p>"
        "<h2>Who we are</h2>"
        "<p>The website is run by the University of Bedfordshire's AI Club in partnership with Luton Borough "
        "Council. For questions about your data, email "
        '<a href="mailto:hello@lutonaiclub.org.uk">hello@lutonaiclub.org.uk</a>.</p>'
        "<h2>What we hold and why</h2>"
        "<ul><li><b>Your account</b>: email address, name, password (stored only as a secure hash), your role "
        "(resident, student or organisation) and, if you tell us, your ward. We need these to run your account "
        "(contract).</li>"
        "<li><b>Skills check results</b>: your answers and levels. If you are signed in they are linked to your "
        "account so you can see your progress. If you are not, we keep them without any personal data.</li>"
        "<li><b>Optional context</b>: ward, age band and whether you study, work or run a business. Used only "
        "in anonymous, rounded figures on the town dashboard (legitimate interests: measuring the town's progress).</li>"
        "<li><b>Event bookings</b>: which events you booked, and any access needs you choose to tell us. Access "
        "needs can be health information, so only the organisers can see them and we delete them 30 days after the event.</li>"
        "<li><b>Challenges and projects</b> you submit, and interest you register in a challenge. Your contact "
        "details are shared with the other side only after a team is chosen.</li></ul>"
        "<h2>Published figures</h2>"
        "<p>The town dashboard never shows a figure based on fewer than 10 people. Counts are rounded to the "
        "nearest 5, and we hide extra figures where a hidden one could be worked out from a total.</p>"
        "<h2>Cookies</h2>"
        "<p>We use only the cookies the site needs to work: one to keep you signed in (and to remember your "
        "answers while you take the skills check) and one to protect forms from forgery. We do not use "
        "analytics or advertising cookies, so we do not ask for cookie consent.</p>"
        "<h2>How long we keep it</h2>"
        "<ul><li>Your account: until you delete it.</li>"
        "<li>Access needs: 30 days after the event.</li>"
        "<li>Skills results: when you delete your account, we keep them only as anonymous figures, with no link to you.</li></ul>"
        "<h2>Your rights</h2>"
        '<p>You can <a href="/accounts/data/">download everything we hold about you</a>, '
        '<a href="/accounts/profile/">correct your details</a> and '
        '<a href="/accounts/delete/">delete your account</a> at any time. You also have the right to object '
        "and to complain to the Information Commissioner's Office (ico.org.uk).</p>"
    )
]

LANGUAGES_BODY = [
    rich(
        "<p>You can read this website in English and in four more of the languages spoken in Luton:</p>"
        '<ul><li><a href="/pl/">Polski (Polish)</a></li>'
        '<li><a href="/ro/">Română (Romanian)</a></li>'
        '<li><a href="/ur/">اردو (Urdu)</a></li>'
        '<li><a href="/bn/">বাংলা (Bengali)</a></li></ul>'
        "<p>Choose your language at the top of any page. If you have an account, the website remembers your "
        "choice and sends you emails in that language.</p>"
        "<h2>Awaiting review</h2>"
        "<p>The translations were written carefully in plain language, but they have not yet been checked by "
        "community translators from Luton. Until they have, some words may be wrong or sound strange. If you "
        "are not sure what a page means, the English version always says the same thing.</p>"
        "<p>Some pages, such as news items, are only in English for now. They show a short note in your "
        "language when that happens.</p>"
        "<h2>Tell us about a wrong word</h2>"
        '<p>Email <a href="mailto:hello@lutonaiclub.org.uk">hello@lutonaiclub.org.uk</a> with the address of '
        "the page, the words that are wrong and, if you can, better words. You can write in any of these "
        "languages. We reply within 5 working days and thank everyone who helps.</p>"
        "<h2>Help us translate</h2>"
        "<p>If you would like to review a language, or add another one that people in Luton speak, such as "
        "Panjabi, Portuguese or Arabic, email us too. Editors can add a language without changing the website.</p>"
    )
]

NEWS = [
    (
        "luton-sets-out-to-become-an-ai-native-town",
        "Luton sets out to become an AI native town",
        datetime.date(2026, 9, 15),
        "The council and the University of Bedfordshire's AI Club launch a shared ambition: everyone in "
        "Luton with a level of AI skills.",
        "<p>Luton Borough Council and the University of Bedfordshire's AI Club have set a shared ambition "
        "for the town: that everyone in Luton has a level of AI skills.</p>"
        "<p>The plan has three parts. Residents can check their skills in ten minutes and book free sessions. "
        "Businesses and community groups can post challenges for student teams. And a public dashboard will "
        "show progress ward by ward, against targets the council will review every year.</p>"
        "<p>'AI is already in the phones in our pockets and the tools our businesses use,' said one of the AI "
        "Club's organisers. 'We want everyone in Luton to be able to use it well and safely, and to know how "
        "to question it.'</p>",
    ),
    (
        "first-ai-drop-ins-at-luton-libraries",
        "First AI drop-ins at Luton libraries",
        datetime.date(2026, 10, 6),
        "Free, friendly sessions for anyone who wants to understand AI, starting at Central Library.",
        "<p>Our first 'What is AI?' drop-ins start this month at Luton Central Library, with more venues to follow.</p>"
        "<p>The sessions are for complete beginners. You will try an AI assistant, learn why it sometimes makes "
        "things up, and practise spotting a scam message. Student volunteers from the AI Club will be on hand "
        "to help, and laptops are available to borrow.</p>"
        "<p>Places are free. You can book online or just turn up.</p>",
    ),
    (
        "students-and-businesses-team-up-on-local-challenges",
        "Students and businesses team up on local challenges",
        datetime.date(2026, 11, 10),
        "Six Luton organisations have posted challenges for student teams, from forecasting food bank "
        "demand to cutting bakery waste.",
        "<p>Six Luton organisations have posted the first challenges on the portal, and student teams from the "
        "University of Bedfordshire are already registering interest.</p>"
        "<p>The challenges range from helping a food bank predict demand to helping a small manufacturer read "
        "invoices automatically. Each one goes through a readiness check first: what data exists, whether it "
        "includes personal data, and who will own the results.</p>"
        "<p>If you run a Luton business or community group, you can post a challenge in plain words. We will "
        "help with the rest.</p>",
    ),
]


def build(stdout) -> None:
    home = home_page()
    about = child_page(
        home,
        StandardPage,
        "about",
        title="About the Luton AI Club",
        introduction="Who we are, what we do, and how you can take part.",
        body=ABOUT_BODY,
    )
    child_page(
        home,
        StandardPage,
        "accessibility",
        title="Accessibility statement",
        introduction="How accessible this website is, and how to tell us about a problem.",
        body=ACCESSIBILITY_BODY,
        show_in_menus=False,
    )
    child_page(
        home,
        StandardPage,
        "privacy",
        title="Privacy notice",
        introduction="What personal data we hold, why, for how long, and your rights.",
        body=PRIVACY_BODY,
        show_in_menus=False,
    )
    child_page(
        home,
        StandardPage,
        "languages",
        title="Languages and translations",
        introduction="The languages you can read this website in, and how to tell us about a wrong word.",
        body=LANGUAGES_BODY,
        show_in_menus=False,
    )
    news_index = child_page(
        home,
        NewsIndexPage,
        "news",
        title="News",
        introduction="Updates from the Luton AI Club.",
    )
    for slug, title, date, introduction, html in NEWS:
        child_page(news_index, NewsPage, slug, title=title, date=date, introduction=introduction, body=[rich(html)])

    settings = SiteSettings.load()
    if not settings.main_navigation:
        settings.main_navigation = [
            site_link(gettext_noop("About"), page=about),
            site_link(gettext_noop("Check your AI skills"), url="/skills/"),
            # A web address, not the page: the business app makes its page later in load_demo.
            site_link(gettext_noop("Businesses"), url="/business/"),
            site_link(gettext_noop("Events"), url="/events/"),
            site_link(gettext_noop("Challenges"), url="/challenges/"),
            site_link(gettext_noop("Projects"), url="/projects/"),
            site_link(gettext_noop("Town dashboard"), url="/skills/dashboard/"),
            site_link(gettext_noop("News"), page=news_index),
        ]
        settings.footer_links = [
            site_link(gettext_noop("About the AI Club"), page=about),
            site_link(gettext_noop("News"), page=news_index),
        ]
        settings.social_links = [
            ("social", {"platform": "linkedin", "url": "https://www.linkedin.com/"}),
            ("social", {"platform": "instagram", "url": "https://www.instagram.com/"}),
        ]
        settings.save()
    if not home.hero_href:
        home.hero_link_url = "/skills/"
        home.save_revision().publish()
    stdout.write("Pages, news and site settings ready.")


PAGE_TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo_translations"
TRANSLATED_PAGES = [
    "",
    "about",
    "accessibility",
    "privacy",
    "languages",
    "events",
    "challenges",
    "projects",
    "news",
    "business",
]


def translated_pages(home: HomePage) -> list[Page]:
    """The demo pages translated into every language: the home page first, as its
    translations are the parents of the others'."""
    children = {page.slug: page for page in home.get_children().filter(slug__in=TRANSLATED_PAGES).specific()}
    return [home.specific] + [children[slug] for slug in TRANSLATED_PAGES[1:] if slug in children]


def page_messages(pages: list[Page]) -> polib.POFile:
    """Every piece of text wagtail-localize asks a translator for on these pages, as a PO
    template: one entry per English segment (the same words on two pages are one entry)."""
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    seen = set()
    for page in pages:
        source, _created = TranslationSource.get_or_create_from_instance(page)
        for segment in (
            StringSegment.objects.filter(source=source).order_by("order").select_related("string", "context")
        ):
            if segment.string.data not in seen:
                seen.add(segment.string.data)
                catalogue.append(polib.POEntry(msgid=segment.string.data, msgstr="", comment=segment.context.path))
    return catalogue


def build_translations(stdout) -> None:
    made = translate_pages(translated_pages(home_page()))
    stdout.write(f"Page translations ready ({made} made).")


def translate_pages(pages: list[Page], directory: Path = PAGE_TRANSLATIONS_DIR) -> int:
    """Each page translated into each language with a catalogue in `directory` (`<code>.po`),
    through wagtail-localize as an editor would in the admin, and published. Pages already
    translated are left alone. Returns the number of translations made."""
    made = 0
    for path in sorted(directory.glob("*.po")):
        locale = Locale.objects.filter(language_code=path.stem).first()
        if locale is None:
            continue
        catalogue = {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}
        for page in pages:
            if page.has_translation(locale):
                continue
            source, _created = TranslationSource.get_or_create_from_instance(page)
            job, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
            messages = job.export_po()
            for entry in messages:
                # Slugs stay English, so /pl/about/ is the Polish "About" page.
                entry.msgstr = entry.msgid if entry.msgctxt == "slug" else catalogue.get(entry.msgid, "")
            job.import_po(messages, tool_name="load_demo")
            job.save_target(publish=True)
            made += 1
    return made
