"""The care coordinator's pages: work queue, case page, decisions, opening from a signal."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.exceptions import DomainValidationError

from . import services
from .domain.continuity import age_on, needs_transition_attention
from .domain.queue import QUEUE_KIND_LABELS, QueueKind, filter_queue, queue_counts
from .forms import DecisionForm
from .selectors import case_get_for_user, case_queue_for_user, plan_spec


@require_policy(Action.CASE_VIEW)
def case_queue_view(request: HttpRequest) -> HttpResponse:
    items = case_queue_for_user(
        user=request.user, today=timezone.localdate(), now=timezone.now(), request=request
    )
    kind = request.GET.get("soort", "")
    counts = queue_counts(items)
    valid = {k.value for k in QueueKind}
    shown = filter_queue(items, kinds=[kind]) if kind in valid else items
    return render(
        request,
        "cases/queue.html",
        {
            "items": shown,
            "kind": kind,
            "counts": [(k.value, QUEUE_KIND_LABELS[k], counts.get(k, 0)) for k in QueueKind],
        },
    )


@require_policy(Action.CASE_MANAGE)
@require_POST
def case_open_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    try:
        case = services.case_open_from_signal(
            actor=request.user, signal_id=signal_id, request=request
        )
    except DomainValidationError as error:
        messages.error(request, error.message)
        return redirect("intake:detail", signal_id=signal_id)
    messages.success(request, _("De casus is geopend."))
    return redirect("cases:detail", case_id=case.pk)


def _render_case(
    request: HttpRequest, case, decision_form: DecisionForm | None = None, status: int = 200
) -> HttpResponse:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    plan = getattr(case, "transition_plan", None)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "age": age_on(case.date_of_birth, today) if case.date_of_birth else None,
            "plan": plan,
            "plan_attention": case.date_of_birth is not None
            and needs_transition_attention(case.date_of_birth, today, plan_spec(plan)),
            "signals": case.case_signals.select_related("signal").order_by("attached_at"),
            "decisions": case.decisions.select_related("decided_by"),
            "referrals": case.referrals.all(),
            "episodes": case.missing_episodes.all(),
            "decision_form": decision_form or DecisionForm(),
        },
        status=status,
    )


@require_policy(Action.CASE_VIEW)
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id, request=request)
    return _render_case(request, case)


@require_policy(Action.CASE_MANAGE)
@require_http_methods(["POST"])
def decision_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id, request=request)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decision_record(
                actor=request.user,
                case_id=case.pk,
                draft=form.to_draft(parents_take_part=False),
                request=request,
            )
        except services.FormProblems as error:
            for field, message in error.problems.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("cases:detail", case_id=case.pk)
    return _render_case(request, case, decision_form=form, status=400)
