"""The context-network section on the page of a case or a signal.

The case and signal pages include ``network/_attached_case.html`` or
``network/_attached_signal.html`` only when the user has ``network.view``; this tag reads what
is attached (audited) and renders nothing when the case or signal is outside the user's
regions, so those pages need no code of the network.
"""

from typing import Any

from django import template

from schakel.common.exceptions import NotFoundOrForbidden

from ..selectors import Target, attached_for_user

register = template.Library()


@register.inclusion_tag("network/_attached.html", takes_context=True)
def network_attached(
    context: template.Context, *, case_id: int | None = None, signal_id: int | None = None
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or (case_id is None) == (signal_id is None):
        return {"view": None}
    try:
        view = attached_for_user(
            user=user, target=Target(case_id=case_id, signal_id=signal_id), request=request
        )
    except NotFoundOrForbidden:
        return {"view": None}
    return {"view": view}
