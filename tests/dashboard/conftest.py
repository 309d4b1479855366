import pytest

from skills.models import Area


@pytest.fixture
def areas(db):
    """The six skill areas, loaded by the skills migrations."""
    return list(Area.objects.all())
