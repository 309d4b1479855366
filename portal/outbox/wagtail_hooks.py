from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .models import OutgoingMessage


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("outbox/", views.index, name="outbox_index"),
        path("outbox/retry/", views.retry, name="outbox_retry"),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("outbox.view_outgoingmessage")


@hooks.register("register_settings_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        gettext_lazy("Outgoing email"), reverse("outbox_index"), name="outgoing-email", icon_name="mail", order=900
    )


@hooks.register("personal_data_export")
def export_outgoing_messages(user):
    rows = OutgoingMessage.objects.for_person(user).order_by("created_at")
    return "emails", [
        {
            "to": row.to,
            "subject": row.subject,
            "kind": row.kind,
            "status": row.status,
            "created_at": row.created_at.isoformat(),
            "sent_at": row.sent_at.isoformat() if row.sent_at else None,
            "text": row.body_text,
        }
        for row in rows
    ]


@hooks.register("before_account_delete")
def delete_outgoing_messages(user):
    OutgoingMessage.objects.for_person(user).delete()
