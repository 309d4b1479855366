import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.accounts.factories import MembershipFactory, StaffFactory, UserFactory
from portal.accounts.models import Role
from projects.factories import ChallengeIndexPageFactory, ProjectIndexPageFactory


@pytest.fixture
def indexes(home_page):
    return ChallengeIndexPageFactory(parent=home_page), ProjectIndexPageFactory(parent=home_page)


@pytest.fixture
def organisation_member(db):
    return MembershipFactory().user


@pytest.fixture
def student(db):
    return UserFactory(role=Role.STUDENT)


@pytest.fixture
def moderator(db):
    return StaffFactory(groups=["Moderators"])


def image_upload(name="photo.jpg", image_format="JPEG", size=(40, 30), exif=None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    options = {"exif": exif} if exif else {}
    Image.new("RGB", size, "purple").save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
