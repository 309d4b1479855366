"""schema.org Event data for search engines (https://schema.org/Event)."""

from urllib.parse import urljoin

from django.conf import settings
from django.templatetags.static import static

from .booking import Availability
from .models import EventPage, EventStatus

EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def share_image_url(event: EventPage) -> str:
    """The event's own image, else the site's default share image, as an absolute address."""
    path = event.image.get_rendition("fill-1200x675").url if event.image else static("images/share.png")
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path)


def event_json_ld(event: EventPage, availability: Availability) -> dict:
    """The schema.org Event for one event page, as a JSON-serialisable dict."""
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + event.url
    if event.venue:
        location = {
            "@type": "Place",
            "name": event.venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(event.venue.address_lines),
                "postalCode": event.venue.postcode,
                "addressLocality": "Luton",
                "addressCountry": "GB",
            },
        }
        mode = (
            "https://schema.org/MixedEventAttendanceMode"
            if event.is_online
            else "https://schema.org/OfflineEventAttendanceMode"
        )
    else:
        location = {"@type": "VirtualLocation", "url": url}
        mode = "https://schema.org/OnlineEventAttendanceMode"
    offer_availability = (
        "https://schema.org/InStock" if availability.key == "places-left" else "https://schema.org/SoldOut"
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.introduction,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": mode,
        "location": location,
        "organizer": {"@type": "Organization", "name": event.organiser_name, "email": event.organiser_email},
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "GBP",
            "availability": offer_availability,
            "url": url,
        },
        "url": url,
        "image": [share_image_url(event)],
    }
    if availability.places_left is not None:
        data["remainingAttendeeCapacity"] = availability.places_left
    return data
