"""Thin views for the intake, "wat nu?", the queue and the reporting-code steps."""

import uuid
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action, scope_for
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.kennis.selectors import terminology_checker
from schakel.routekaart.domain.rules import ACTION_LABELS, URGENCIES, URGENCY_LABELS

from . import services
from .constants import SignalStatus
from .forms import (
    ConcludeForm,
    HintForm,
    IntakeForm,
    MeldcodeDecisionForm,
    MeldcodeStepForm,
    initial_from_signal,
)
from .selectors import (
    indicator_groups,
    meldcode,
    meldcode_for_signal,
    signal_get_for_user,
    signal_list_for_user,
    signal_queue_for_user,
)


def _intake_form(request: HttpRequest, **kwargs: object) -> IntakeForm:
    organisation = request.user.organisation
    return IntakeForm(
        indicator_groups=indicator_groups(),
        may_process_bsn=bool(organisation and organisation.may_process_bsn),
        user=request.user,
        **kwargs,
    )


def _handle_intake(request: HttpRequest, form: IntakeForm) -> HttpResponse | None:
    """Save a draft or send the signal; None when the form must be shown again."""
    if not form.is_valid():
        return None
    key = form.cleaned_data["submission_key"]
    try:
        if request.POST.get("actie") == "concept":
            signal = services.signal_save_draft(
                actor=request.user, submission_key=key, data=form.to_input(), request=request
            )
            messages.success(request, _("Uw concept is bewaard. U kunt later verder."))
            return redirect("intake:edit", signal_id=signal.pk)
        signal = services.signal_submit(
            actor=request.user, submission_key=key, data=form.to_input(), request=request
        )
    except DomainValidationError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    return redirect("intake:what_now", signal_id=signal.pk)


def _render_intake(request: HttpRequest, form: IntakeForm, signal: object = None) -> HttpResponse:
    return render(
        request,
        "intake/intake_form.html",
        {"form": form, "groups": form.indicator_groups, "signal": signal},
        status=400 if form.errors else 200,
    )


@require_policy(Action.SIGNAL_CREATE)
@require_http_methods(["GET", "POST"])
def intake_new_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = _intake_form(request, data=request.POST)
        return _handle_intake(request, form) or _render_intake(request, form)
    return _render_intake(request, _intake_form(request, initial={"submission_key": uuid.uuid4()}))


@require_policy(Action.SIGNAL_CREATE)
@require_http_methods(["GET", "POST"])
def intake_edit_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, signal_id=signal_id, request=request)
    if signal.reporter_id != request.user.pk or signal.status != SignalStatus.DRAFT:
        raise NotFoundOrForbidden()
    if request.method == "POST":
        data = request.POST.copy()
        data["submission_key"] = str(signal.submission_key)  # this page edits this draft only
        form = _intake_form(request, data=data)
        return _handle_intake(request, form) or _render_intake(request, form, signal)
    return _render_intake(
        request, _intake_form(request, initial=initial_from_signal(signal)), signal
    )


@require_policy(Action.SIGNAL_CREATE)
@require_POST
def intake_autosave_view(request: HttpRequest) -> HttpResponse:
    """Keep an unfinished intake as a draft while the professional types (htmx)."""
    form = _intake_form(request, data=request.POST)
    saved_at = None
    if form.is_valid():
        try:
            signal = services.signal_save_draft(
                actor=request.user,
                submission_key=form.cleaned_data["submission_key"],
                data=form.to_input(),
                request=request,
            )
        except DomainValidationError:
            signal = None
        if signal is not None and signal.status == SignalStatus.DRAFT:
            saved_at = signal.updated_at
    return render(request, "intake/_autosave.html", {"saved_at": saved_at, "form": form})


@require_policy(Action.SIGNAL_CREATE)
@require_POST
def terminology_hints_view(request: HttpRequest) -> HttpResponse:
    """Live hints while typing (htmx): a discouraged word shows the suggested word."""
    form = HintForm(request.POST)
    text = form.cleaned_data["description"] if form.is_valid() else ""
    findings = terminology_checker().check(text)
    return render(request, "intake/_hints.html", {"findings": findings})


def _grouped_actions(signal: object) -> list[dict[str, object]]:
    actions = getattr(signal, "route_actions", {}).get("actions", [])
    return [
        {
            "urgency": u,
            "label": URGENCY_LABELS[u],
            "actions": [
                {**a, "label": ACTION_LABELS.get(a["code"], a["code"])}
                for a in actions
                if a["urgency"] == u
            ],
        }
        for u in URGENCIES
        if any(a["urgency"] == u for a in actions)
    ]


@require_policy(Action.SIGNAL_VIEW)
def what_now_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, signal_id=signal_id, request=request)
    if signal.status == SignalStatus.DRAFT:
        return redirect("intake:edit", signal_id=signal.pk)
    return render(
        request,
        "intake/what_now.html",
        {"signal": signal, "groups": _grouped_actions(signal)},
    )


@require_policy(Action.SIGNAL_VIEW)
def signal_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "intake/signal_list.html",
        {"signals": signal_list_for_user(user=request.user, request=request)},
    )


@require_policy(Action.SIGNAL_QUEUE)
def signal_queue_view(request: HttpRequest) -> HttpResponse:
    only = request.GET.get("toon", "")
    rows, counts = signal_queue_for_user(user=request.user, only=only, request=request)
    return render(
        request, "intake/signal_queue.html", {"rows": rows, "counts": counts, "only": only}
    )


@require_policy(Action.SIGNAL_VIEW)
def signal_detail_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, signal_id=signal_id, request=request)
    return _render_detail(request, signal)


def _render_detail(request: HttpRequest, signal: object, **forms: object) -> HttpResponse:
    framework = meldcode_for_signal(signal)
    answers = {d.question_code: d for d in signal.meldcode_decisions.select_related("decided_by")}
    groups = {g["code"]: g for g in indicator_groups()}
    chosen = set(signal.indicator_codes)
    seen = [
        {"label": g["label"], "items": [i.label for i in g["items"] if i.code in chosen]}
        for g in groups.values()
        if any(i.code in chosen for i in g["items"])
    ]
    can_record = (
        scope_for(request.user, Action.MELDCODE_RECORD) is not None
        and signal.reporter_id == request.user.pk
    )
    can_manage_cases = scope_for(request.user, Action.CASE_MANAGE) is not None
    context = {
        "signal": signal,
        "seen": seen,
        "groups": _grouped_actions(signal),
        "steps": meldcode().steps,
        "step_records": signal.meldcode_steps.select_related("done_by"),
        "framework": framework,
        "questions": [(q, answers.get(q.code)) for q in framework.all_questions()],
        "can_record": can_record and signal.status == SignalStatus.SUBMITTED,
        "can_open_case": can_manage_cases and signal.status != SignalStatus.DRAFT,
        "case_id": _case_of(signal) if can_manage_cases else None,
        "step_form": forms.get("step_form") or MeldcodeStepForm(),
        "decision_form": forms.get("decision_form"),
        "conclude_form": forms.get("conclude_form") or ConcludeForm(),
    }
    has_errors = any(getattr(f, "errors", None) for f in forms.values())
    return render(request, "intake/signal_detail.html", context, status=400 if has_errors else 200)


def _record(
    request: HttpRequest,
    signal_id: int,
    form: Any,
    service: Callable[..., object],
    done: str,
    anchor: str,
    form_name: str,
) -> HttpResponse:
    """Run one reporting-code service; on an error show the signal again with the form."""
    if form.is_valid():
        try:
            service(actor=request.user, signal_id=signal_id, request=request, **form.cleaned_data)
        except DomainValidationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, done)
            return redirect(reverse("intake:detail", args=[signal_id]) + anchor)
    signal = signal_get_for_user(user=request.user, signal_id=signal_id, request=request)
    return _render_detail(request, signal, **{form_name: form})


@require_policy(Action.MELDCODE_RECORD)
@require_POST
def meldcode_step_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    return _record(
        request,
        signal_id,
        MeldcodeStepForm(request.POST),
        services.meldcode_step_record,
        _("De stap is vastgelegd."),
        "#meldcode",
        "step_form",
    )


@require_policy(Action.MELDCODE_RECORD)
@require_POST
def meldcode_decision_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    return _record(
        request,
        signal_id,
        MeldcodeDecisionForm(request.POST),
        services.meldcode_decision_record,
        _("Uw afweging is vastgelegd."),
        "#afwegingskader",
        "decision_form",
    )


@require_policy(Action.MELDCODE_RECORD)
@require_POST
def signal_conclude_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    return _record(
        request,
        signal_id,
        ConcludeForm(request.POST),
        services.signal_conclude,
        _("Uw deel van de meldcode is afgerond."),
        "",
        "conclude_form",
    )


def _case_of(signal: Any) -> int | None:
    """The case this signal is attached to, if any (cases builds on intake, not the reverse)."""
    case_signal = apps.get_model("cases", "CaseSignal")
    return (
        case_signal.objects.filter(signal=signal, detached_at__isnull=True)
        .values_list("case_id", flat=True)
        .first()
    )
