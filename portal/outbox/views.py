"""The outbox in the Wagtail admin: what is waiting or failed, and a way to send it again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from . import sending
from .models import OutgoingMessage

SHOWN = {
    "problems": (
        gettext_lazy("Waiting or failed"),
        [OutgoingMessage.Status.WAITING, OutgoingMessage.Status.SENDING, OutgoingMessage.Status.FAILED],
    ),
    "failed": (pgettext_lazy("email status", "Failed"), [OutgoingMessage.Status.FAILED]),
    "sent": (pgettext_lazy("email status", "Sent"), [OutgoingMessage.Status.SENT]),
}


def index(request):
    if not request.user.has_perm("outbox.view_outgoingmessage"):
        raise PermissionDenied
    shown = request.GET.get("show") if request.GET.get("show") in SHOWN else "problems"
    rows = OutgoingMessage.objects.filter(status__in=SHOWN[shown][1]).only(
        "to", "subject", "kind", "status", "attempts", "last_error", "created_at", "next_attempt_at", "sent_at"
    )
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "outbox/index.html",
        {
            "page_obj": page,
            "shown": shown,
            "choices": [(key, label) for key, (label, _statuses) in SHOWN.items()],
            "can_retry": request.user.has_perm("outbox.retry_outgoingmessage"),
            "counts": {
                "waiting": OutgoingMessage.objects.backlog().count(),
                "failed": OutgoingMessage.objects.filter(status=OutgoingMessage.Status.FAILED).count(),
            },
        },
    )


@require_POST
def retry(request):
    if not request.user.has_perm("outbox.retry_outgoingmessage"):
        raise PermissionDenied
    chosen = OutgoingMessage.objects.all()
    if message_id := request.POST.get("message"):
        chosen = chosen.filter(pk=message_id)
    else:
        chosen = chosen.filter(status=OutgoingMessage.Status.FAILED)
    count = sending.retry(chosen)
    messages.success(
        request,
        ngettext("%(count)s email will be sent again now.", "%(count)s emails will be sent again now.", count)
        % {"count": count},
    )
    return redirect("outbox_index")
