import pytest

from events.factories import EventIndexPageFactory, EventPageFactory


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def event(event_index):
    return EventPageFactory(parent=event_index, slug="what-is-ai", title="What is AI?", capacity=2)
