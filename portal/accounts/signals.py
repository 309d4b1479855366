from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile, User


@receiver(post_save, sender=User)
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every account has a profile, however it was made (sign-up, admin, createsuperuser)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(authenticator_added)
def count_activation_as_mfa_sign_in(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator app needs a fresh sign-in and a valid code from the app,
    which is what signing in with two factors proves; the admin opens without a second code."""
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
