"""The page of linkage across regions: thin views over ``crossregion``'s selectors and
services (each service writes its own audit row)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden

from . import crossregion
from .constants import RunStatus


@require_policy(Action.LINKAGE_CROSS_REGION)
@require_GET
def crossregion_overview_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "linkage/crossregion.html",
        {
            "agreements": crossregion.agreements_for_user(user=request.user),
            "people": crossregion.hits_for_user(user=request.user),
            "failed": RunStatus.FAILED,
        },
    )


def _region_id(request: HttpRequest) -> int:
    raw = request.POST.get("regio", "")
    if not raw.isdigit():
        raise NotFoundOrForbidden()
    return int(raw)


@require_policy(Action.LINKAGE_CROSS_REGION)
@require_POST
def crossregion_submit_view(request: HttpRequest, agreement_id: int) -> HttpResponse:
    try:
        encoding_set = crossregion.encoding_submit(
            actor=request.user,
            agreement_id=agreement_id,
            region_id=_region_id(request),
            request=request,
        )
    except NotFoundOrForbidden:
        raise
    except DomainValidationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "De gegevens van %(count)s jongeren zijn versleuteld en aangeleverd. Er zijn "
                "geen namen meegestuurd."
            )
            % {"count": encoding_set.record_count},
        )
    return redirect("linkage_crossregion:overview")


@require_policy(Action.LINKAGE_CROSS_REGION)
@require_POST
def crossregion_run_view(request: HttpRequest, agreement_id: int) -> HttpResponse:
    try:
        run = crossregion.linkage_run_start(
            actor=request.user, agreement_id=agreement_id, request=request
        )
    except NotFoundOrForbidden:
        raise
    except DomainValidationError as error:
        messages.error(request, error.message)
    else:
        if run.status == RunStatus.FAILED:
            messages.error(
                request, _("De koppelronde is mislukt: %(reason)s") % {"reason": run.message}
            )
        else:
            messages.success(
                request,
                _("De koppelronde is klaar: %(count)s jongeren komen in meer dan één regio voor.")
                % {"count": run.pair_count},
            )
    return redirect("linkage_crossregion:overview")
