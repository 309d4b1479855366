"""Every factory builds an object that passes the model's own validation."""

import pytest

from home.factories import (
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PortalImageFactory,
    StandardPageFactory,
)
from portal.accounts.factories import MembershipFactory, OrganisationFactory, StaffFactory, UserFactory, WardFactory

pytestmark = pytest.mark.django_db

FACTORIES = [
    UserFactory,
    StaffFactory,
    WardFactory,
    OrganisationFactory,
    MembershipFactory,
    HomePageFactory,
    StandardPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PortalImageFactory,
]


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_object(factory_class):
    obj = factory_class()
    obj.full_clean()


def test_assessment_factory_derives_overall_level_and_ai_ready():
    from skills.factories import AssessmentFactory

    assessment = AssessmentFactory(levels=[2, 3, 2, 2, 2, 2])
    assert (assessment.overall_level, assessment.is_ai_ready) == (2, True)
    assert assessment.area_results.count() == 6
    assert not AssessmentFactory(levels=[3, 3, 3, 1, 3, 3]).is_ai_ready
