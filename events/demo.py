"""Demo events: two Luton venues and eight events over past and coming months.

Each builder finds its object by name or slug first, so a second run changes nothing.
"""

import datetime
import zoneinfo

from django.utils import timezone
from wagtail.rich_text import RichText

from home.demo import child_page, home_page
from portal.accounts.models import User
from skills.models import Area

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
