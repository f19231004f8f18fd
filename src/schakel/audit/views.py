"""The privacy officer's view of the audit trail: who looked at this subject, when, why."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.exceptions import NotFoundOrForbidden

from .forms import SubjectLogForm
from .selectors import audit_events_for_subject, audit_events_recent


@require_policy(Action.AUDIT_VIEW)
@require_http_methods(["GET", "POST"])
def audit_log_view(request: HttpRequest) -> HttpResponse:
    # POST, so that the reason and the subject never end up in a URL or a server log.
    form = SubjectLogForm(request.POST if request.method == "POST" else None)
    events = None
    if request.method == "POST" and form.is_valid():
        try:
            events = list(
                audit_events_for_subject(
                    user=request.user,
                    subject_type=form.cleaned_data["subject_type"],
                    subject_id=str(form.cleaned_data["subject_id"]),
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            )
        except NotFoundOrForbidden:
            form.add_error("subject_id", _("Binnen uw regio bestaat geen gegeven met dit nummer."))
    recent = audit_events_recent(user=request.user, request=request) if events is None else []
    return render(
        request,
        "audit/log.html",
        {"form": form, "events": events, "recent": recent},
        status=400 if form.errors else 200,
    )
