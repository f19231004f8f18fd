"""The "same young person" section on a signal's page, for the care coordinator: the signals
confirmed to be about the same young person, and the open suggestions to look at. The signal
page includes ``linkage/_signal.html`` only with ``linkage.review``; this tag reads (audited)
and renders nothing outside the user's regions."""

from typing import Any

from django import template
from django.db import transaction

from schakel.audit.services import audit_record
from schakel.common.exceptions import NotFoundOrForbidden

from ..constants import SUBJECT_SUGGESTION
from ..selectors import linked_signal_ids, open_suggestions_for_signal

register = template.Library()


@register.inclusion_tag("linkage/_signal_section.html", takes_context=True)
def linkage_for_signal(context: template.Context, *, signal_id: int) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    try:
        linked = linked_signal_ids(user=user, signal_id=signal_id)
        suggestions = open_suggestions_for_signal(user=user, signal_id=signal_id)
    except NotFoundOrForbidden:
        return {"shown": False}
    with transaction.atomic():
        audit_record(
            actor=user,
            action="linkage.signal_section_view",
            subject_type=SUBJECT_SUGGESTION,
            request=request,
            details={"signal": signal_id, "linked": linked, "open": [s.pk for s in suggestions]},
        )
    return {"shown": True, "linked": linked, "suggestions": suggestions}
