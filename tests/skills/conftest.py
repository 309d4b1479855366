import pytest

from portal.accounts.factories import StaffFactory
from skills.models import FrameworkVersion

from ..mfa import sign_in_with_code


@pytest.fixture
def bank(db):
    """The question bank published by the migrations (version 1)."""
    return FrameworkVersion.objects.get(number=1).bank


@pytest.fixture
def editor_client(client, db):
    sign_in_with_code(client, StaffFactory())
    return client
