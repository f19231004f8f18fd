"""The pages of the context network: thin views over the audited selectors and the services.

Only the care coordinator of the region (``network.view`` / ``network.edit``); everyone else
gets the same 404 as for a page that does not exist. URLs carry ids only.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.exceptions import DomainValidationError

from . import services
from .constants import EntityKind
from .domain.normalise import ADDRESS
from .forms import AttachForm, DetachForm, KindFilterForm, RenameForm
from .selectors import (
    Target,
    entity_detail_for_user,
    entity_get_for_user,
    link_get_for_user,
    network_overview_for_user,
    target_region_id,
)


def _target_url(target: Target) -> str:
    if target.case_id is not None:
        return reverse("cases:detail", args=[target.case_id])
    return reverse("intake:detail", args=[target.id])


def _target_label(target: Target) -> str:
    if target.case_id is not None:
        return _("Casus %(n)s") % {"n": target.id}
    return _("Signaal %(n)s") % {"n": target.id}


def _add_problems(form: Any, error: services.FormProblems) -> None:
    for name, message in error.problems.items():
        form.add_error(name if name in form.fields else None, message)


@require_policy(Action.NETWORK_VIEW)
@require_GET
def graph_view(request: HttpRequest) -> HttpResponse:
    form = KindFilterForm(request.GET or None)
    kinds = form.cleaned_data["soort"] if form.is_valid() else []
    overview = network_overview_for_user(user=request.user, kinds=kinds, request=request)
    return render(
        request,
        "network/graph.html",
        {"form": form, "overview": overview, "kind_labels": dict(EntityKind.choices)},
    )


@require_policy(Action.NETWORK_VIEW)
@require_GET
def entity_view(request: HttpRequest, pk: int) -> HttpResponse:
    detail = entity_detail_for_user(user=request.user, entity_id=pk, request=request)
    return render(request, "network/entity.html", {"detail": detail})


def _attach(request: HttpRequest, target: Target) -> HttpResponse:
    # Out of the region, a draft, or unknown: the same 404 before anything is shown.
    target_region_id(actor=request.user, target=target)
    form = AttachForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.entity_attach(
                actor=request.user,
                target=target,
                data=services.AttachInput(
                    kind=data["kind"],
                    label=data["label"],
                    platform=data["platform"],
                    postcode=data["postcode"],
                    house_number=data["house_number"],
                    note=data["note"],
                ),
                request=request,
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            entity = result.link.entity
            if not result.link_created:
                messages.info(request, _("%(name)s was hier al aan gekoppeld.") % {"name": entity})
            elif result.entity_created:
                messages.success(request, _("%(name)s is gekoppeld.") % {"name": entity})
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is gekoppeld. Dit stond al in Schakel; in het contextnetwerk "
                        "ziet u met wie het nog meer verbonden is."
                    )
                    % {"name": entity},
                )
            return redirect(_target_url(target) + "#netwerk")
    return render(
        request,
        "network/attach.html",
        {
            "form": form,
            "target_label": _target_label(target),
            "target_url": _target_url(target),
        },
        status=400 if form.errors else 200,
    )


@require_policy(Action.NETWORK_EDIT)
@require_http_methods(["GET", "POST"])
def attach_case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    return _attach(request, Target(case_id=case_id))


@require_policy(Action.NETWORK_EDIT)
@require_http_methods(["GET", "POST"])
def attach_signal_view(request: HttpRequest, signal_id: int) -> HttpResponse:
    return _attach(request, Target(signal_id=signal_id))


@require_policy(Action.NETWORK_EDIT)
@require_http_methods(["GET", "POST"])
def detach_view(request: HttpRequest, link_id: int) -> HttpResponse:
    link = link_get_for_user(
        user=request.user, link_id=link_id, action=Action.NETWORK_EDIT, request=request
    )
    target = Target(signal_id=link.signal_id, case_id=link.case_id)
    form = DetachForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_detach(
                actor=request.user,
                link_id=link.pk,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        except DomainValidationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is losgekoppeld van %(target)s.")
                % {"name": link.entity, "target": _target_label(target)},
            )
            return redirect(_target_url(target) + "#netwerk")
    return render(
        request,
        "network/detach.html",
        {
            "form": form,
            "link": link,
            "target_label": _target_label(target),
            "target_url": _target_url(target),
        },
        status=400 if form.errors else 200,
    )


@require_policy(Action.NETWORK_EDIT)
@require_http_methods(["GET", "POST"])
def rename_view(request: HttpRequest, pk: int) -> HttpResponse:
    entity = entity_get_for_user(
        user=request.user, entity_id=pk, action=Action.NETWORK_EDIT, request=request
    )
    initial = {"label": entity.label, "platform": entity.platform}
    if entity.kind == ADDRESS and " " in entity.key and entity.key[:4].isdigit():
        initial["postcode"], initial["house_number"] = entity.key.split(" ", 1)
    form = RenameForm(
        request.POST if request.method == "POST" else None, initial=initial, kind=entity.kind
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.entity_rename(
                actor=request.user,
                entity_id=entity.pk,
                label=data["label"],
                platform=data.get("platform", ""),
                postcode=data.get("postcode", ""),
                house_number=data.get("house_number", ""),
                request=request,
            )
        except services.FormProblems as error:
            _add_problems(form, error)
        else:
            messages.success(request, _("De naam is gewijzigd. De oude naam blijft bewaard."))
            return redirect("network:entity", entity.pk)
    return render(
        request,
        "network/rename.html",
        {"form": form, "entity": entity, "kind_label": EntityKind(entity.kind).label},
        status=400 if form.errors else 200,
    )
