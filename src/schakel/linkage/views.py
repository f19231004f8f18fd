"""The care coordinator's pages for same-person suggestions: thin views over the selectors
(region-checked, audited) and the services (audited writes)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.exceptions import DomainValidationError

from .constants import SuggestionStatus
from .forms import DecisionForm, UndoForm
from .presentation import suggestion_view
from .selectors import suggestion_get_for_user, suggestion_list_for_user
from .services import suggestions as services

LIST_STATUSES = {
    "open": SuggestionStatus.OPEN,
    "bevestigd": SuggestionStatus.CONFIRMED,
    "afgewezen": SuggestionStatus.REJECTED,
    "ongedaan": SuggestionStatus.UNDONE,
}


@require_policy(Action.LINKAGE_REVIEW)
@require_GET
def suggestion_list_view(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.get("status", "open")
    status = LIST_STATUSES.get(chosen, SuggestionStatus.OPEN)
    suggestions = suggestion_list_for_user(user=request.user, status=status, request=request)
    return render(
        request,
        "linkage/suggestion_list.html",
        {
            "rows": [suggestion_view(s) for s in suggestions],
            "status": status,
            "chosen": chosen if chosen in LIST_STATUSES else "open",
            "statuses": [
                (key, SuggestionStatus(value).label) for key, value in LIST_STATUSES.items()
            ],
        },
    )


@require_policy(Action.LINKAGE_REVIEW)
@require_http_methods(["GET", "POST"])
def suggestion_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = suggestion_get_for_user(
        user=request.user, suggestion_id=pk, request=request, audit=request.method == "GET"
    )
    decision = request.POST.get("decision", "")
    form_class = UndoForm if decision == "undo" else DecisionForm
    form = form_class(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        action = {
            "confirm": services.suggestion_confirm,
            "reject": services.suggestion_reject,
            "undo": services.suggestion_undo,
        }.get(decision)
        if action is None:
            form.add_error(None, _("Kies wat u besluit."))
        elif form.is_valid():
            try:
                action(
                    actor=request.user,
                    suggestion_id=suggestion.pk,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except DomainValidationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    {
                        "confirm": _("Gekoppeld: beide signalen gaan over dezelfde jongere."),
                        "reject": _("Afgewezen: dit paar wordt niet opnieuw voorgesteld."),
                        "undo": _(
                            "De koppeling is ongedaan gemaakt. De signalen zijn niet veranderd."
                        ),
                    }[decision],
                )
                return redirect("linkage:detail", suggestion.pk)
        status = 400
        suggestion = suggestion_get_for_user(
            user=request.user, suggestion_id=pk, request=request, audit=False
        )
    return render(
        request,
        "linkage/suggestion_detail.html",
        {
            "view": suggestion_view(suggestion, with_fields=True),
            "suggestion": suggestion,
            "form": form if decision != "undo" else DecisionForm(),
            "undo_form": form if decision == "undo" else UndoForm(),
            "events": list(suggestion.events.select_related("by")),
        },
        status=status,
    )
