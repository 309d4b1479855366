"""Who may see the people booked on an event in full: their email addresses and access needs.

Anyone who may edit an event can open its attendee list to check people in; only the
event's organiser (the page's owner in the admin), members of the "Event access needs"
group and superusers also see how to contact people and what they need.
"""

ACCESS_NEEDS_GROUP = "Event access needs"


def can_see_attendee_details(user, event) -> bool:
    """True if `user` may see the email addresses and access needs of the people booked on `event`."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or (event.owner_id is not None and event.owner_id == user.pk):
        return True
    return user.groups.filter(name=ACCESS_NEEDS_GROUP).exists()
