import factory
import wagtail_factories
from django.utils import timezone

from home.factories import home_page
from portal.accounts.factories import MembershipFactory, UserFactory
from portal.accounts.models import Role

from .models import ChallengeIndexPage, ChallengePage, Interest, ProjectIndexPage, ProjectPage, Stage, Theme
from .submission import assign_review_workflows


class ChallengeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Challenges"
    slug = "challenges"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = ChallengeIndexPage
        skip_postgeneration_save = True

    @factory.post_generation
    def workflows(obj, create, extracted, **kwargs):
        if create:
            assign_review_workflows()


class ProjectIndexPageFactory(ChallengeIndexPageFactory):
    title = "Projects"
    slug = "projects"

    class Meta:
        model = ProjectIndexPage
        skip_postgeneration_save = True


def areas_post_generation(obj, create, extracted, **kwargs):
    if create and extracted:
        obj.areas.set(extracted)
        obj.save()


class ChallengePageFactory(wagtail_factories.PageFactory):
    """A published, open challenge from a confirmed organisation; `areas=[...]` sets its skill areas."""

    title = factory.Sequence(lambda n: f"Challenge {n}")
    parent = factory.LazyFunction(lambda: ChallengeIndexPage.objects.first() or ChallengeIndexPageFactory())
    introduction = "Help a Luton organisation with AI."
    organisation = factory.LazyAttribute(lambda o: o.owner.memberships.first().organisation)
    owner = factory.LazyFunction(lambda: MembershipFactory().user)
    problem = "<p>We spend hours on something a computer could help with.</p>"
    theme = Theme.LOCAL_ECONOMY
    beneficiaries = "Our customers."
    success = "Half the time spent."
    data_available = "Two years of sales."
    results_ownership = "Shared."
    timescale = "Six weeks"
    areas = factory.PostGeneration(areas_post_generation)
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ChallengePage
        skip_postgeneration_save = True


class ProjectPageFactory(wagtail_factories.PageFactory):
    """A published project; `team_members=[...]` and `areas=[...]` set its team and skill areas."""

    title = factory.Sequence(lambda n: f"Project {n}")
    parent = factory.LazyFunction(lambda: ProjectIndexPage.objects.first() or ProjectIndexPageFactory())
    introduction = "A student team's AI project."
    owner = factory.SubFactory(UserFactory, role=Role.STUDENT)
    description = "<p>It forecasts demand.</p>"
    stage = Stage.PROTOTYPE
    data_used = "Anonymised weekly totals."
    risks = "Forecasts can be wrong in holiday weeks."
    human_control = "Staff decide; the forecast only suggests."
    areas = factory.PostGeneration(areas_post_generation)
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def team_members(obj, create, extracted, **kwargs):
        if create:
            obj.team_members.set(extracted if extracted is not None else [obj.owner])
            obj.save()


class InterestFactory(factory.django.DjangoModelFactory):
    challenge = factory.SubFactory(ChallengePageFactory)
    student = factory.SubFactory(UserFactory, role=Role.STUDENT)
    note = "Three data science students, free on Wednesdays."

    class Meta:
        model = Interest
