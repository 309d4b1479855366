import datetime

import factory
import wagtail_factories
from django.utils import timezone

from home.factories import home_page
from portal.accounts.factories import UserFactory

from .models import EventIndexPage, EventPage, Registration, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Community centre {n}")
    address = "1 George Street\nLuton"
    postcode = "LU1 2AA"
    directions = "Go in by the main door; the room is on the ground floor."
    step_free_access = True
    accessible_toilet = True
    hearing_loop = False
    parking = "Blue badge spaces at the front."
    public_transport = "Luton station is a 5-minute walk."

    class Meta:
        model = Venue


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = EventIndexPage
        skip_postgeneration_save = True


def event_index() -> EventIndexPage:
    return EventIndexPage.objects.first() or EventIndexPageFactory()


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"AI workshop {n}")
    introduction = "A friendly introduction to AI tools."
    parent = factory.LazyFunction(event_index)
    start = factory.LazyFunction(lambda: (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)
    capacity = 10

    class Meta:
        model = EventPage
        skip_postgeneration_save = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED

    class Meta:
        model = Registration
