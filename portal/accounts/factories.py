import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from .models import Membership, Organisation, Role, User, Ward
from .roles import SELF_CHOSEN_GROUPS

PASSWORD = "a-long-test-password-42"


class UserFactory(DjangoModelFactory):
    """A person who has signed up and confirmed their email address.

    `role=Role.STUDENT` sets the profile role and its groups; `verified=False` leaves the
    email address unconfirmed; `password=...` sets another password; `language="pl"` the
    language on their profile.
    """

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if not create:
            return
        role = Role(extracted or Role.RESIDENT)
        obj.profile.display_name = obj.first_name
        obj.profile.role = role
        obj.profile.save()
        obj.groups.add(*Group.objects.filter(name__in=SELF_CHOSEN_GROUPS[role]))

    @factory.post_generation
    def language(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.profile.language = extracted
            obj.profile.save(update_fields=["language"])

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=True if extracted is None else extracted
            )


class StaffFactory(UserFactory):
    """A member of staff in a staff group (Editors unless `groups` says otherwise)."""

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(*Group.objects.filter(name__in=extracted or ["Editors"]))


class WardFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test ward {n}")
    slug = factory.Sequence(lambda n: f"test-ward-{n}")

    class Meta:
        model = Ward
        django_get_or_create = ["slug"]


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Luton Test Organisation {n}")
    is_confirmed = True

    class Meta:
        model = Organisation


class MembershipFactory(DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, role=Role.ORGANISATION)
    is_confirmed = True

    class Meta:
        model = Membership
