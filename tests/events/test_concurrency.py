import threading

import pytest
from django.db import connection

from events.booking import book
from events.factories import EventPageFactory
from events.models import Registration
from portal.accounts.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="Row locking needs PostgreSQL"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_place_is_given_exactly_once(event_index):
    event = EventPageFactory(parent=event_index, capacity=1)
    people = UserFactory.create_batch(20)
    start = threading.Barrier(len(people))
    errors = []

    def book_from_own_connection(person):
        try:
            start.wait()
            book(event, person)
        except Exception as error:  # reported below; a thread's exception would be lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book_from_own_connection, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1
    assert event.registrations.filter(status=Registration.Status.WAITLISTED).count() == 19
