"""Demo events: two Luton venues and eight events over past and coming months, and
demo people who took the skills check before and after the past ones.

Each builder finds its object by name or slug first, so a second run changes nothing.
"""

import datetime
import random
import zoneinfo

from django.db import transaction
from django.utils import timezone
from wagtail.rich_text import RichText

from home.demo import child_page, home_page
from portal.accounts.models import User, Ward
from skills.dashboard_figures import invalidate_figures
from skills.demo import demo_language, synthetic
from skills.models import Area, AreaResult, Assessment, FrameworkVersion
from skills.scoring import is_ai_ready, overall_level

from .models import EventIndexPage, EventPage, Registration, Venue

LONDON = zoneinfo.ZoneInfo("Europe/London")

VENUES = [
    {
        "name": "Luton Central Library",
        "address": "St George's Square\nLuton",
        "postcode": "LU1 2NG",
        "directions": "Go through the main doors and take the lift to the first floor. The room is signed 'Learning Zone'.",
        "step_free_access": True,
        "accessible_toilet": True,
        "hearing_loop": True,
        "quiet_room": True,
        "parking": "No parking at the library. The Mall car park is a 3-minute walk; blue badge bays on Guildford Street.",
        "public_transport": "Luton station is a 5-minute walk. Buses stop at Luton Interchange and on Upper George Street.",
    },
    {
        "name": "University of Bedfordshire, Luton campus",
        "address": "University Square\nLuton",
        "postcode": "LU1 3JU",
        "directions": "Enter the Campus Centre from University Square and follow signs to the Hub, ground floor.",
        "step_free_access": True,
        "accessible_toilet": True,
        "hearing_loop": False,
        "quiet_room": True,
        "parking": "Visitor parking is limited; blue badge spaces by the Campus Centre.",
        "public_transport": "A short walk from Luton station and Luton Interchange.",
    },
]

# slug, title, summary, days from today, start hour, hours long, venue index or None, capacity,
# audience, level, areas, people booked
EVENTS = [
    (
        "what-is-ai-drop-in",
        "What is AI? A drop-in for beginners",
        "Try an AI assistant with help, learn why it sometimes makes things up, and ask anything. No experience needed.",
        9,
        10,
        2,
        0,
        12,
        "residents",
        0,
        ["understanding-ai", "using-ai-tools"],
        4,
    ),
    (
        "chatgpt-for-your-small-business",
        "ChatGPT for your small business",
        "Write better emails, adverts and quotes with AI, and learn what not to share with it.",
        16,
        18,
        2,
        1,
        20,
        "businesses",
        1,
        ["using-ai-tools", "checking-ai-outputs"],
        18,
    ),
    (
        "spot-the-scam",
        "Spot the scam: fake voices, photos and messages",
        "How criminals use AI to trick people, and simple checks that keep you and your family safe.",
        23,
        14,
        2,
        0,
        6,
        "everyone",
        0,
        ["staying-safe"],
        8,
    ),
    (
        "student-hackathon-bakery-waste",
        "Student hackathon: cutting bakery waste",
        "Two days building a forecast with a Luton bakery's real sales data. Teams of three to five.",
        37,
        9,
        32,
        1,
        40,
        "students",
        2,
        ["creating-with-ai", "checking-ai-outputs"],
        12,
    ),
    (
        "ai-and-your-rights-online-talk",
        "AI and your rights: an online evening talk",
        "What the law says about decisions made by AI, and how to question them. Join from home.",
        12,
        19,
        1,
        None,
        None,
        "everyone",
        1,
        ["ai-rights-and-society"],
        5,
    ),
    (
        "checking-what-ai-tells-you",
        "Checking what AI tells you",
        "A hands-on session on spotting mistakes and made-up facts in AI answers.",
        44,
        11,
        2,
        0,
        15,
        "residents",
        1,
        ["checking-ai-outputs"],
        0,
    ),
    (
        "first-what-is-ai-drop-in",
        "What is AI? Our first drop-in",
        "Our first drop-in at Central Library.",
        -40,
        10,
        2,
        0,
        12,
        "residents",
        0,
        ["understanding-ai"],
        6,
    ),
    (
        "ai-for-charities-workshop",
        "AI for charities and community groups",
        "Practical uses of AI for small charities, and the risks to watch for.",
        -18,
        13,
        3,
        1,
        25,
        "businesses",
        1,
        ["using-ai-tools", "staying-safe"],
        9,
    ),
]


def venue(fields: dict) -> Venue:
    existing = Venue.objects.filter(name=fields["name"]).first()
    return existing or Venue.objects.create(**fields)


def demo_people(count: int) -> list[User]:
    people = []
    for number in range(1, count + 1):
        user, _ = User.objects.get_or_create(email=f"demo-attendee-{number}@example.org")
        people.append(user)
    return people


def build(stdout) -> None:
    index = child_page(
        home_page(),
        EventIndexPage,
        "events",
        title="Events",
        introduction="Free workshops, drop-ins, talks and hackathons from the Luton AI Club. Everyone is welcome.",
    )
    venues = [venue(fields) for fields in VENUES]
    people = demo_people(20)
    today = timezone.localdate()
    created = 0
    for slug, title, summary, days, hour, hours, venue_index, capacity, audience, level, areas, booked in EVENTS:
        if EventPage.objects.filter(slug=slug).exists():
            continue
        day = today + datetime.timedelta(days=days)
        start = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)
        online = venue_index is None
        event = child_page(
            index,
            EventPage,
            slug,
            title=title,
            introduction=summary,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            venue=None if online else venues[venue_index],
            is_online=online,
            joining_link="https://meet.example.org/luton-ai-club" if online else "",
            capacity=capacity,
            audience=audience,
            level=level,
            body=[("rich_text", RichText(f"<p>{summary}</p><p>Everything we run for residents is free.</p>"))],
        )
        event.areas.set(Area.objects.filter(slug__in=areas))
        event.save_revision().publish()
        for position, person in enumerate(people[:booked]):
            full = capacity is not None and position >= capacity
            Registration.objects.create(
                event=event,
                user=person,
                status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
                checked_in_at=start if days < 0 and not full else None,
            )
        created += 1
    stdout.write(f"Events ready ({created} new).")
    build_progress(stdout)


PAST_EVENTS = ["first-what-is-ai-drop-in", "ai-for-charities-workshop"]
LEARNERS = 70  # people who took the check twice or more without coming to an event
SEED = "luton-events-progress-demo"


def demo_learners(count: int) -> list[User]:
    return [User.objects.get_or_create(email=f"demo-learner-{number}@example.org")[0] for number in range(1, count + 1)]


def build_progress(stdout) -> None:
    """Skills checks of signed-in demo people (flagged `is_demo`) before and after the past
    demo events, which are filled with checked-in attendees, and of people who came to
    none: enough for "Do workshops help?" and the attendees key result to pass the
    disclosure threshold. Attendees rise in an event's area more often than others do."""
    version = FrameworkVersion.objects.order_by("-number").first()
    events = list(EventPage.objects.filter(slug__in=PAST_EVENTS).prefetch_related("areas").order_by("start"))
    learners = demo_learners(LEARNERS)
    if version is None or not events or Assessment.objects.filter(user__in=learners).exists():
        return
    rng = random.Random(SEED)
    now = timezone.now()
    areas = list(Area.objects.order_by("sort_order"))
    wards = list(Ward.objects.filter(is_outside_luton=False))
    attended: dict[User, list[EventPage]] = {}
    extra = iter(demo_people(20 + sum(event.capacity or 20 for event in events))[20:])
    with transaction.atomic():
        for event in events:
            booked = [registration.user for registration in event.registrations.confirmed().select_related("user")]
            people = [person for person in booked if person is not None]
            while len(people) < (event.capacity or 20):
                person = next(extra)
                Registration.objects.create(
                    event=event, user=person, status=Registration.Status.CONFIRMED, checked_in_at=event.start
                )
                people.append(person)
            for person in people:
                attended.setdefault(person, []).append(event)
        results = []
        for person, their_events in attended.items():
            before = their_events[0].start - datetime.timedelta(days=rng.randint(5, 45), hours=rng.randint(0, 8))
            after = their_events[-1].end + datetime.timedelta(days=rng.randint(2, 16), hours=rng.randint(0, 8))
            covered = {area.slug for event in their_events for area in event.areas.all()}
            results.append((person, [before, after] if after < now else [before], covered))
        for person in learners:
            first = now - datetime.timedelta(days=rng.randint(120, 400), hours=rng.randint(0, 23))
            moments = [first, first + datetime.timedelta(days=rng.randint(40, 110))]
            if rng.random() < 0.3:
                moments.append(moments[-1] + datetime.timedelta(days=rng.randint(40, 90)))
            results.append((person, [moment for moment in moments if moment < now], set()))
        made = save_results(rng, version, areas, wards, results)
    invalidate_figures()  # bulk inserts send no signals
    stdout.write(f"Skills checks before and after events: {made} for demo people.")


def save_results(rng, version, areas, wards, people) -> int:
    """Each person's checks at the given moments: levels from one believable first check,
    each later one rising a level in an area the person's events covered with a chance of
    one in two, and in any other area one in six."""
    assessments, levels_of = [], []
    for person, moments, covered in people:
        ward = rng.choice(wards) if wards and rng.random() < 0.9 else None
        first, scored = synthetic(rng, version, areas, ward, moments[0], rng.uniform(0.15, 0.6))
        levels = [level for _score, level in scored]
        for number, moment in enumerate(moments):
            if number:
                levels = [
                    min(3, level + (rng.random() < (0.5 if area.slug in covered else 1 / 6)))
                    for area, level in zip(areas, levels, strict=True)
                ]
            assessments.append(
                Assessment(
                    user=person,
                    framework_version=version,
                    kind=first.kind,
                    language=demo_language(rng),
                    completed_at=moment,
                    ward=ward,
                    overall_level=overall_level(levels),
                    is_ai_ready=is_ai_ready(levels),
                    is_demo=True,
                )
            )
            levels_of.append(list(levels))
    assessments = Assessment.objects.bulk_create(assessments)
    AreaResult.objects.bulk_create(
        [
            AreaResult(assessment=assessment, area=area, level=level, score=min(100, level * 25 + rng.randint(5, 20)))
            for assessment, levels in zip(assessments, levels_of, strict=True)
            for area, level in zip(areas, levels, strict=True)
        ]
    )
    return len(assessments)
