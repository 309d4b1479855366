"""Demo data for the business app: the /business/ page with three stories, guides for each
dimension, translations of the adoption check from business/demo_translations/ (published
as a new version), three workshops for businesses, about 40 Luton organisations with their
checks and 100 anonymous checks (all flagged `is_demo`), a team profile for the demo business
owner's organisation, the business key results and the national figure beside Luton's.

Each builder finds what it makes by name, title or slug first, so running it twice adds nothing.
"""

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.utils import timezone
from wagtail.rich_text import RichText

from events.demo import LONDON, VENUES, demo_people, venue
from events.models import EventIndexPage, EventPage, Registration
from home.demo import child_page, home_page, rich
from portal.accounts.models import Membership, Organisation, User, Ward
from skills.dashboard_figures import invalidate_figures
from skills.demo import load_translation_files, save_translation, synthetic, translated_text
from skills.models import Area, AreaResult, Assessment, FrameworkVersion
from skills.okrs.demo import OBJECTIVES, back_fill_snapshots
from skills.okrs.models import KeyResult, Metric, Objective
from skills.publishing import BankNotReady

from .models import (
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
from .publishing import latest_version, publish_check
from .scoring import HIGHEST_POINTS, MULTIPLE, score_check

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo_translations"
SEED = "luton-business-demo"
DAYS = 456  # 15 months
ANONYMOUS_CHECKS = 100
DEMO_OWNER_EMAIL = "business@example.org"  # portal.accounts.demo's organisation member
DEMO_OWNER_ORGANISATION = "Bramingham Bakery (demo)"
TEAM_ASSESSMENTS = 8

# Page ------------------------------------------------------------------------------------

PAGE_INTRODUCTION = (
    "Free, practical help for Luton businesses, charities and community groups that want to use AI "
    "sensibly: see where you stand in ten minutes, learn at a workshop and get help from a student team."
)

PAGE_BODY = [
    rich(
        "<h2>What the AI Club offers your business</h2>"
        "<p>Whether you run a bakery, a care agency, a logistics firm or a charity, AI can already take "
        "some work off your week: answering common questions, drafting letters and adverts, planning "
        "rotas and rounds, or working out what to order. The AI Club helps you start small, stay safe "
        "and see what works. Everything we offer businesses is free.</p>"
        "<h3>The ten-minute AI adoption check</h3>"
        "<p>Answer a few plain questions about how you work today. You see where you stand in six areas, "
        "from your data to your rules for staff, and the next steps that suit an organisation like yours. "
        '<a href="/business/check/">Take the AI adoption check</a>.</p>'
        "<h3>Workshops for businesses</h3>"
        "<p>Short, hands-on sessions in Luton for owners and staff, with no jargon: where to start, "
        "looking after your data and writing a simple AI policy. "
        '<a href="/events/?audience=businesses">See the workshops for businesses</a>.</p>'
        "<h3>A student team for your problem</h3>"
        "<p>Describe a problem in your own words, such as “we throw away too much bread” or “our rotas "
        "take a whole day”. A team of University of Bedfordshire students may take it on, with support "
        'from university staff. <a href="/challenges/submit/">Post a challenge</a>.</p>'
        "<h3>Your staff’s AI skills</h3>"
        "<p>Send your staff a link to the free AI skills check. Once at least five of them have taken it, "
        "you see an anonymous profile of your team’s skills: never a name, never anyone’s answers. It "
        "shows where a workshop would help most.</p>"
    ),
    (
        "accordion",
        {
            "sections": [
                {
                    "heading": "Do I need to be good with computers?",
                    "content": RichText(
                        "<p>No. The check and the workshops are written for busy owners, not IT experts. "
                        "If you can send an email, you can take part.</p>"
                    ),
                },
                {
                    "heading": "Is it safe to put our information into AI tools?",
                    "content": RichText(
                        "<p>Not always. Our workshops show what never to paste into a free AI tool, such as "
                        "customers’ details or staff records, and how to check what UK GDPR allows.</p>"
                    ),
                },
                {
                    "heading": "Who sees our results?",
                    "content": RichText(
                        "<p>Only you and the confirmed members of your organisation. The town dashboard shows "
                        "rounded totals of many organisations, never a name.</p>"
                    ),
                },
            ]
        },
    ),
]

STORIES = [
    (
        "Bramingham Bakery, Bramingham",
        "A family bakery with two shops in north Luton. A student team built a simple forecast from two years of till "
        "records, so the bakers now bake for each day’s likely sales. Bread thrown away fell from about a "
        "fifth to under a tenth in three months. The owner checks the forecast each evening before "
        "planning the next day.",
    ),
    (
        "Lea Valley Home Care, Leagrave",
        "A home care agency whose 40 carers visit older people across Luton. The adoption check showed they had no rules for AI, so the "
        "manager wrote a one-page AI policy at an AI Club workshop: no client details in free AI tools, "
        "and a person checks every rota before it goes out. Carers now turn voice notes into visit "
        "records with an AI assistant, which saves each of them about twenty minutes a day.",
    ),
    (
        "Crawley Green Couriers, Round Green",
        "A courier firm with 12 vans, delivering for shops and offices around Luton. Students used a year of delivery records to test an AI route "
        "planner against the drivers’ own routes. It saved about a quarter of an hour a round on most "
        "days, so the firm kept it, and drivers still change a route when they know better. They take "
        "the adoption check every six months to choose what to try next.",
    ),
]

# Resources: title, dimension, lowest and highest stage, web address, description ----------

RESOURCES = [
    (
        "Elements of AI: a free online course",
        "current-use",
        0,
        1,
        "https://www.elementsofai.com/",
        "Plain lessons on what AI can and cannot do, to help you choose a first task to try it on.",
    ),
    (
        "AI and cyber security: what you need to know",
        "current-use",
        1,
        3,
        "https://www.ncsc.gov.uk/guidance/ai-and-cyber-security-what-you-need-to-know",
        "The National Cyber Security Centre on the risks of the AI tools you use, and how to keep them in check.",
    ),
    (
        "Business Support Helpline",
        "opportunities",
        0,
        2,
        "https://www.gov.uk/business-support-helpline",
        "Free advice from the government on growing your business, including where to find help with new technology.",
    ),
    (
        "Innovate UK Business Connect",
        "opportunities",
        2,
        3,
        "https://iuk-business-connect.org.uk/",
        "Funding, events and experts for businesses ready to try a new idea with AI.",
    ),
    (
        "Cyber Security Small Business Guide",
        "data",
        0,
        2,
        "https://www.ncsc.gov.uk/collection/small-business-guide",
        "Low-cost steps to back up your information, protect your devices and spot scam emails.",
    ),
    (
        "Cyber Essentials",
        "data",
        1,
        3,
        "https://www.ncsc.gov.uk/cyberessentials/overview",
        "The government-backed scheme that shows customers you protect their information against common attacks.",
    ),
    (
        "Find a Skills Bootcamp",
        "people",
        0,
        2,
        "https://www.gov.uk/guidance/find-a-skills-bootcamp",
        "Short courses in digital and data skills for adults, free or mostly paid for by the government.",
    ),
    (
        "Data protection advice for small organisations",
        "governance",
        0,
        1,
        "https://ico.org.uk/for-organisations/advice-for-small-organisations/",
        "The Information Commissioner’s Office’s plain guides, checklists and helpline for small organisations.",
    ),
    (
        "Guidance on AI and data protection",
        "governance",
        1,
        3,
        "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/artificial-intelligence/"
        "guidance-on-ai-and-data-protection/",
        "How UK GDPR applies when AI uses personal data, from the Information Commissioner’s Office.",
    ),
    (
        "Finance Hub",
        "plans",
        0,
        3,
        "https://www.british-business-bank.co.uk/finance-hub/",
        "The British Business Bank’s guides to paying for growth, from grants and loans to planning a budget.",
    ),
]

# Events: slug, title, summary, days from today, start hour, hours long, venue, dimensions, booked

EVENTS = [
    (
        "ai-for-small-business-where-to-start",
        "AI for small business: where to start",
        "Find the jobs in your week that AI could help with, try two free tools on them, and leave with "
        "one thing to try on Monday.",
        17,
        9,
        3,
        0,
        ["current-use", "opportunities"],
        9,
    ),
    (
        "your-data-and-ai-a-practical-morning",
        "Your data and AI: a practical morning",
        "Where your information lives, how to tidy it, and what you may and may not put into an AI tool under UK GDPR.",
        31,
        9,
        3,
        1,
        ["data", "governance"],
        6,
    ),
    (
        "writing-your-first-ai-policy",
        "Writing your first AI policy",
        "Write a one-page policy for your staff’s use of AI, with a template, worked examples and help "
        "from people who have done it.",
        52,
        14,
        2,
        0,
        ["governance", "people"],
        4,
    ),
]

# Organisations: name, sector (SIC section), size band, ward, description --------------------

ORGANISATIONS = [
    ("Bramingham Bakery (demo)", "G", "10-49", "bramingham", "A family bakery with two shops in north Luton."),
    ("Marsh Farm Community Food Bank (demo)", "S", "0-9", "northwell", "Food parcels and advice for families in need."),
    ("Lea Valley Community Transport (demo)", "H", "10-49", "leagrave", "Door-to-door minibuses for older and disabled people."),
    ("Bury Park Advice Centre (demo)", "S", "0-9", "biscot", "Free advice on benefits, debt and housing, in five languages."),
    ("Dallow Precision Engineering (demo)", "C", "10-49", "dallow", "Machined parts for the aerospace and motor trades."),
    ("Friends of Stopsley Library (demo)", "S", "0-9", "stopsley", "Volunteers who run reading groups and events at the library."),
    ("Lea Valley Home Care (demo)", "Q", "10-49", "leagrave", "Home care visits for older people across Luton."),
    ("Crawley Green Couriers (demo)", "H", "10-49", "round-green", "Same-day deliveries for local shops and offices."),
    ("High Town Cycles (demo)", "G", "0-9", "high-town", "Bike sales, repairs and hire near the station."),
    ("Wenlock Street Hardware (demo)", "G", "0-9", "high-town", "A family hardware shop open since 1978."),
    ("Bury Park Fabrics (demo)", "G", "0-9", "biscot", "Fabrics, tailoring and wedding outfits."),
    ("Round Green Pharmacy (demo)", "G", "10-49", "round-green", "A community pharmacy with a delivery service."),
    ("Park Street Florist (demo)", "G", "0-9", "central", "Flowers for weddings, funerals and every day."),
    ("Sundon Park Motors (demo)", "G", "10-49", "sundon-park", "Used cars, servicing and MOT tests."),
    ("Wardown Tea Rooms (demo)", "I", "0-9", "saints", "A café by the park, with cakes baked on site."),
    ("Dunstable Road Grill (demo)", "I", "10-49", "dallow", "A family restaurant with a busy takeaway."),
    ("George Street Coffee House (demo)", "I", "0-9", "central", "Coffee, breakfasts and a meeting room to hire."),
    ("Stopsley Fish Bar (demo)", "I", "0-9", "stopsley", "Fish and chips, fried fresh since 1985."),
    ("Airport Way Hotel (demo)", "I", "50-249", "vauxhall", "A 120-room hotel for airport travellers."),
    ("Biscot Sweet Centre (demo)", "I", "10-49", "biscot", "Sweets, snacks and catering for weddings and parties."),
    ("Sundon Park Dental Practice (demo)", "Q", "10-49", "sundon-park", "A family dental practice with NHS and private patients."),
    ("Wigmore Physiotherapy (demo)", "Q", "0-9", "wigmore", "Physiotherapy and sports massage."),
    ("Farley Hill Day Nursery (demo)", "Q", "10-49", "farley", "Childcare for under-fives, open all year."),
    ("Challney Care Home (demo)", "Q", "50-249", "challney", "A 60-bed residential and dementia care home."),
    ("Hatters Taxis (demo)", "H", "10-49", "central", "Taxis and airport transfers, day and night."),
    ("Dallow Road Removals (demo)", "H", "0-9", "dallow", "House and office moves, with storage."),
    ("Leagrave Hat Works (demo)", "C", "0-9", "leagrave", "Hats made by hand, keeping Luton's hat trade alive."),
    ("Chaul End Print Works (demo)", "C", "10-49", "lewsey", "Printing for local businesses, from leaflets to signs."),
    ("Castle Street Accountants (demo)", "M", "0-9", "south", "Accounts, tax and payroll for small firms."),
    ("Northwell Architects (demo)", "M", "0-9", "northwell", "Homes, extensions and shop fronts."),
    ("Saints Marketing Studio (demo)", "M", "0-9", "saints", "Websites, social media and adverts for local firms."),
    ("Beech Hill Solicitors (demo)", "M", "10-49", "beech-hill", "Family, housing and immigration law."),
    ("Capability Green Cleaning (demo)", "N", "50-249", "south", "Office and school cleaning across the town."),
    ("Luton Town Centre Staffing (demo)", "N", "10-49", "central", "Temporary and permanent staff for warehouses and offices."),
    ("Barnfield Security Services (demo)", "N", "10-49", "barnfield", "Security guards and patrols for sites and events."),
    ("High Town Barbers (demo)", "S", "0-9", "high-town", "Haircuts and shaves, walk-ins welcome."),
    ("Luton Refugee Welcome (demo)", "S", "0-9", "central", "Volunteers helping newly arrived families settle in."),
    ("Round Green Tutoring (demo)", "P", "0-9", "round-green", "Maths and English tutoring for school pupils."),
    ("Luton Language School (demo)", "P", "10-49", "central", "English courses for adults, day and evening."),
    ("Stopsley Building Services (demo)", "F", "10-49", "stopsley", "Extensions, roofing and repairs."),
    ("Vauxhall Electrical Contractors (demo)", "F", "0-9", "vauxhall", "Wiring, testing and solar panels for homes and shops."),
    ("Wardown Park Fitness (demo)", "R", "0-9", "saints", "A small gym with classes for all ages."),
]  # fmt: skip

# How ready for AI a typical organisation of each sector and size is (0–1), before its own
# variation: information and professional firms lead, building and food services lag.
SECTOR_READINESS = {"J": 0.6, "M": 0.5, "K": 0.5, "C": 0.4, "P": 0.4, "H": 0.38, "N": 0.36, "G": 0.33}
SECTOR_READINESS |= {"Q": 0.3, "S": 0.3, "R": 0.3, "I": 0.28, "F": 0.25}
SIZE_READINESS = {"0-9": 0.0, "10-49": 0.05, "50-249": 0.12, "250-plus": 0.18}
# Owners see more opportunities than they have taken up, and plan less than they would like.
DIMENSION_LEAN = {"current-use": -0.03, "opportunities": 0.03, "plans": -0.03}
# Answers to "choose all that apply" questions that rule out the others.
EXCLUSIVE_ANSWERS = {"We are not sure yet", "Nothing is holding us back"}
# The sectors and sizes of checks taken without naming an organisation (weights).
SECTOR_SPREAD = {"G": 20, "I": 14, "Q": 14, "H": 9, "C": 8, "M": 9, "N": 7, "S": 9, "P": 4, "F": 6, "J": 3, "": 5}
SIZE_SPREAD = {"0-9": 55, "10-49": 32, "50-249": 8, "250-plus": 2, "": 3}
LANGUAGE_SPREAD = {"en-gb": 88, "ur": 4, "pl": 3, "bn": 3, "ro": 2}

KEY_RESULTS = [
    ("500 organisations take the AI adoption check", Metric.BUSINESSES_CHECKED, 0, 500, "organisations", 5,
     "Business growth team"),
    ("Half of checked organisations use AI in at least one process", Metric.BUSINESSES_USING_AI_SHARE, 20, 50, "%",
     5, "Luton AI Club"),
    ("Two in three checked organisations have a written AI policy", Metric.BUSINESSES_AI_POLICY_SHARE, 5, 67, "%", 4,
     "Luton Chamber of Commerce"),
    ("100 organisations move up a stage within a year", Metric.BUSINESSES_MOVED_UP, 0, 100, "organisations", 4,
     "University of Bedfordshire"),
]  # fmt: skip
BUSINESS_OBJECTIVE = "Luton businesses use AI to grow"

NATIONAL_FIGURE = {
    "share_using_ai": Decimal("21.0"),
    "source": (
        "Example figure: ONS Business Insights and Conditions Survey, firms with 10 or more staff using "
        "at least one AI technology. Check the latest wave before publishing."
    ),
    "source_url": (
        "https://www.ons.gov.uk/economy/economicoutputandproductivity/output/bulletins/"
        "businessinsightsandimpactontheukeconomy/latest"
    ),
    "as_of": datetime.date(2025, 6, 30),
}


def build(stdout) -> None:
    build_page()
    build_resources()
    build_demo_translations(stdout)
    events = build_events()
    organisations = build_organisations()
    checks = build_checks(organisations)
    team = build_team(organisations.get(DEMO_OWNER_ORGANISATION))
    build_key_results()
    build_national_reference()
    stdout.write(
        f"Business: page, {len(RESOURCES)} resources, {events} new workshops, {len(organisations)} organisations, "
        f"{checks} new demo checks (flagged as demo data), {team} team skills checks."
    )


def build_page() -> BusinessPage:
    return child_page(
        home_page(),
        BusinessPage,
        "business",
        title="AI for Luton businesses",
        introduction=PAGE_INTRODUCTION,
        body=PAGE_BODY,
        stories=[("story", {"organisation": name, "summary": summary, "link": None}) for name, summary in STORIES],
    )


def build_resources() -> None:
    dimensions = {dimension.slug: dimension for dimension in Dimension.objects.all()}
    for title, slug, low, high, url, description in RESOURCES:
        if slug in dimensions:
            BusinessResource.objects.get_or_create(
                title=title,
                defaults={
                    "dimension": dimensions[slug],
                    "url": url,
                    "description": description,
                    "min_stage": low,
                    "max_stage": high,
                },
            )


# Translations: <language>.json in TRANSLATIONS_DIR maps the English of each dimension,
# question, answer and resource to its translation, as skills/demo_translations/ does.


def build_demo_translations(stdout, directory: Path = TRANSLATIONS_DIR) -> None:
    """Translate the check and the resources from the demo files there are, then publish the
    check so the latest version carries the translations."""
    mappings = load_translation_files(directory)
    if not mappings:
        return
    changed = build_translations(mappings)
    try:
        version = publish_check(notes="Demo translations")
    except BankNotReady as not_ready:
        stdout.write(f"Business: translations not published: {not_ready}")
        return
    stdout.write(
        f"Business: {changed} translations added or updated ({', '.join(sorted(mappings))}); "
        f"adoption check version {version.number}."
    )


def build_translations(mappings: dict[str, dict[str, str]]) -> int:
    """Make or update the translation rows from {language: {English: translation}}; a text
    with no entry stays untranslated. Returns how many rows changed: none when run again."""
    dimensions = list(Dimension.objects.prefetch_related("translations"))
    questions = list(CheckQuestion.objects.prefetch_related("options", "translations"))
    resources = list(BusinessResource.objects.prefetch_related("translations"))
    changed = 0
    for language, mapping in mappings.items():
        look_up = partial(translated_text, mapping)
        for dimension in dimensions:
            changed += save_translation(
                DimensionTranslation, dimension, language, DimensionTranslation.translated_fields, look_up
            )
        for question in questions:
            answers = {str(option.pk): look_up(option.text) for option in question.options.all()}
            changed += save_translation(
                CheckQuestionTranslation,
                question,
                language,
                CheckQuestionTranslation.translated_fields,
                look_up,
                {"options": answers},
            )
        for resource in resources:
            changed += save_translation(
                BusinessResourceTranslation, resource, language, BusinessResourceTranslation.translated_fields, look_up
            )
    return changed


def build_events() -> int:
    """The three workshops for businesses, in the coming weeks; returns how many were new."""
    index = EventIndexPage.objects.child_of(home_page()).filter(slug="events").first()
    if index is None:
        return 0
    venues = [venue(fields) for fields in VENUES]
    people = demo_people(20)
    today = timezone.localdate()
    created = 0
    for slug, title, summary, days, hour, hours, venue_index, dimensions, booked in EVENTS:
        if EventPage.objects.filter(slug=slug).exists():
            continue
        day = today + datetime.timedelta(days=days)
        start = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)
        event = child_page(
            index,
            EventPage,
            slug,
            title=title,
            introduction=summary,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            venue=venues[venue_index],
            capacity=20,
            audience="businesses",
            level=0,
            body=[
                rich(
                    f"<p>{summary}</p><p>For owners, managers and staff of Luton businesses, charities and "
                    "community groups. Bring a laptop or phone if you have one. Free, with tea and coffee.</p>"
                )
            ],
        )
        event.business_dimensions.set(Dimension.objects.filter(slug__in=dimensions))
        event.save_revision().publish()
        Registration.objects.bulk_create(
            Registration(event=event, user=person, status=Registration.Status.CONFIRMED) for person in people[:booked]
        )
        created += 1
    return created


def build_organisations() -> dict[str, Organisation]:
    """The demo organisations by name, made confirmed if new; one made by another demo (the
    demo business owner's, say) gains its sector, size and description if it has none."""
    organisations = {}
    for name, sector, size_band, _ward, description in ORGANISATIONS:
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name, sector=sector, size_band=size_band, description=description, is_confirmed=True
            )
        else:
            blanks = {
                field: value
                for field, value in (("sector", sector), ("size_band", size_band), ("description", description))
                if not getattr(organisation, field)
            }
            if blanks:
                Organisation.objects.filter(pk=organisation.pk).update(**blanks)
        organisations[name] = organisation
    owner = User.objects.filter(email=DEMO_OWNER_EMAIL).first()
    if owner:
        membership, _ = Membership.objects.get_or_create(
            user=owner, organisation=organisations[DEMO_OWNER_ORGANISATION]
        )
        if not membership.is_confirmed:
            membership.is_confirmed = True
            membership.save(update_fields=["is_confirmed"])
    return organisations


# Checks -----------------------------------------------------------------------------------


@dataclass
class DemoCheck:
    check: BusinessCheck
    scores: list[tuple[str, int, int]]  # (dimension slug, score, stage)


def build_checks(organisations: dict[str, Organisation]) -> int:
    """One or two checks per demo organisation over the last 15 months (a second one usually
    further on), and ANONYMOUS_CHECKS more taken without naming an organisation. Returns how
    many were made: none when demo checks exist already."""
    version = latest_version()
    if version is None or BusinessCheck.objects.filter(is_demo=True).exists():
        return 0
    bank = version.bank
    dimensions = {dimension.slug: dimension for dimension in Dimension.objects.all()}
    wards = {ward.slug: ward for ward in Ward.objects.all()}
    now = timezone.now()
    owner = User.objects.filter(email=DEMO_OWNER_EMAIL).first()
    made = []
    for name, sector, size_band, ward_slug, _description in ORGANISATIONS:
        organisation = organisations[name]
        rng = random.Random(f"{SEED}:{name}")
        readiness = organisation_readiness(rng, bank, sector, size_band)
        if name == DEMO_OWNER_ORGANISATION:
            # The demo owner's two checks, months apart, show the progress page at its best.
            moments = [200, 25]
        elif rng.random() < 0.6:
            first = rng.randint(120, DAYS)
            moments = [first, max(3, first - rng.randint(90, 330))]
        else:
            moments = [rng.randint(3, DAYS)]
        for number, days_ago in enumerate(moments):
            if number:
                readiness = {slug: clamp(value + rng.uniform(0.15, 0.35)) for slug, value in readiness.items()}
            check = demo_check(rng, version, bank, readiness, now - datetime.timedelta(days=days_ago))
            check.check.organisation = organisation
            check.check.sector, check.check.size_band = sector, size_band
            check.check.ward = wards.get(ward_slug)
            if name == DEMO_OWNER_ORGANISATION:
                check.check.user = owner
            made.append(check)
    rng = random.Random(SEED)
    luton_wards = [ward for ward in wards.values() if not ward.is_outside_luton]
    for _ in range(ANONYMOUS_CHECKS):
        days_ago = int(DAYS * (1 - rng.random() ** 0.8))  # more recently, as word spreads
        sector = rng.choices(list(SECTOR_SPREAD), weights=list(SECTOR_SPREAD.values()))[0]
        size_band = rng.choices(list(SIZE_SPREAD), weights=list(SIZE_SPREAD.values()))[0]
        growth = 0.1 * (1 - days_ago / DAYS)
        readiness = organisation_readiness(rng, bank, sector, size_band, growth)
        check = demo_check(rng, version, bank, readiness, now - datetime.timedelta(days=days_ago))
        check.check.sector, check.check.size_band = sector, size_band
        check.check.ward = rng.choice(luton_wards) if luton_wards and rng.random() < 0.85 else None
        made.append(check)
    BusinessCheck.objects.bulk_create([item.check for item in made])
    DimensionResult.objects.bulk_create(
        DimensionResult(check_result=item.check, dimension=dimensions[slug], score=score, stage=stage)
        for item in made
        for slug, score, stage in item.scores
        if slug in dimensions
    )
    invalidate_figures()  # bulk_create sends no signals
    return len(made)


def clamp(value: float) -> float:
    return min(0.98, max(0.02, value))


def organisation_readiness(rng, bank: dict, sector: str, size_band: str, growth: float = 0.0) -> dict[str, float]:
    """{dimension slug: 0–1}, how far along an organisation is in each dimension: its sector
    and size, its own way, and the dimension's usual lean."""
    base = SECTOR_READINESS.get(sector, 0.35) + SIZE_READINESS.get(size_band, 0.0) + rng.gauss(0, 0.12) + growth
    return {
        dimension["slug"]: clamp(base + DIMENSION_LEAN.get(dimension["slug"], 0.0) + rng.gauss(0, 0.1))
        for dimension in bank["dimensions"]
    }


def demo_check(rng, version, bank: dict, readiness: dict[str, float], completed_at) -> DemoCheck:
    answers = synthetic_answers(rng, bank, readiness)
    result = score_check(bank, answers)
    check = BusinessCheck(
        version=version,
        language=rng.choices(list(LANGUAGE_SPREAD), weights=list(LANGUAGE_SPREAD.values()))[0],
        completed_at=completed_at - datetime.timedelta(minutes=rng.randint(0, 600)),
        overall_stage=int(result.overall_stage),
        uses_ai=result.uses_ai,
        has_ai_policy=result.has_ai_policy,
        answers=answers,
        is_demo=True,
    )
    return DemoCheck(check, [(item.slug, item.score, int(item.stage)) for item in result.dimensions])


def synthetic_answers(rng, bank: dict, readiness: dict[str, float]) -> dict:
    """Answers an organisation this far along might give: in each "choose one" question,
    answers worth about its readiness are likeliest; "choose all that apply" picks a few."""
    answers = {}
    for question in bank["questions"]:
        options = question["options"]
        if question["kind"] == MULTIPLE:
            answers[str(question["id"])] = several_answers(rng, options)
            continue
        aim = readiness.get(question["dimension"], 0.3) * HIGHEST_POINTS
        weights = [math.exp(-((option["points"] - aim) ** 2)) for option in options]
        answers[str(question["id"])] = rng.choices(options, weights=weights)[0]["id"]
    return answers


def several_answers(rng, options: list[dict]) -> list[str]:
    exclusive = [option for option in options if option["text"] in EXCLUSIVE_ANSWERS]
    others = [option for option in options if option not in exclusive]
    if exclusive and (not others or rng.random() < 0.15):
        return [exclusive[0]["id"]]
    chosen = rng.sample(others, rng.randint(1, min(3, len(others))))
    return [option["id"] for option in options if option in chosen]


def build_team(organisation: Organisation | None) -> int:
    """Skills checks of the demo owner's staff, counted for the organisation's anonymous team
    profile; returns how many were made: none when they exist already."""
    version = FrameworkVersion.objects.order_by("-number").first()
    areas = list(Area.objects.all())
    if (
        organisation is None
        or version is None
        or not areas
        or Assessment.objects.filter(employer=organisation, is_demo=True).exists()
    ):
        return 0
    rng = random.Random(f"{SEED}:team")
    now = timezone.now()
    made = []
    for _ in range(TEAM_ASSESSMENTS):
        completed_at = now - datetime.timedelta(days=rng.randint(5, 120))
        assessment, levels = synthetic(rng, version, areas, None, completed_at, rng.uniform(0.3, 0.7))
        assessment.employer = organisation
        made.append((assessment, levels))
    Assessment.objects.bulk_create([assessment for assessment, _ in made])
    AreaResult.objects.bulk_create(
        AreaResult(assessment=assessment, area=area, score=score, level=level)
        for assessment, levels in made
        for area, (score, level) in zip(areas, levels, strict=True)
    )
    return len(made)


def build_key_results() -> None:
    """The business key results under the business objective, then a year of monthly
    snapshots re-recorded so they count the demo checks."""
    description, order = next(
        (description, order)
        for order, (title, description, _key_results) in enumerate(OBJECTIVES, start=1)
        if title == BUSINESS_OBJECTIVE
    )
    objective, _ = Objective.objects.get_or_create(
        title=BUSINESS_OBJECTIVE, defaults={"description": description, "period": "2025 to 2030", "sort_order": order}
    )
    existing = set(objective.key_results.values_list("title", flat=True))
    first = objective.key_results.count()
    KeyResult.objects.bulk_create(
        KeyResult(
            objective=objective,
            title=title,
            metric=metric,
            baseline=baseline,
            target=target,
            unit=unit,
            confidence=confidence,
            owner=owner,
            sort_order=first + index,
        )
        for index, (title, metric, baseline, target, unit, confidence, owner) in enumerate(
            key_result for key_result in KEY_RESULTS if key_result[0] not in existing
        )
    )
    back_fill_snapshots(timezone.localdate())


def build_national_reference() -> None:
    reference = NationalReference.load()
    if reference.share_using_ai is None:
        for field, value in NATIONAL_FIGURE.items():
            setattr(reference, field, value)
        reference.save()
