"""Route map pages: overview, map with diagram, editing with scenario checks, public help."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from schakel.accounts.decorators import public, require_policy
from schakel.accounts.policy import Action, scope_for
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.geo.models import Municipality
from schakel.geo.selectors import municipality_list

from . import services
from .constants import VersionStatus
from .domain.scenarios import load_scenarios
from .domain.validator import RouteMapError, route_map_from_yaml
from .forms import HelpChoiceForm, NewRouteMapForm, PublishForm, RouteMapEditForm
from .presentation import diagram, rules_in_words
from .selectors import (
    areas_for_new_maps,
    route_map_check,
    route_map_effective_version,
    route_map_get_for_user,
    route_map_list_for_user,
    route_map_version_get_for_user,
    route_map_versions,
    text_diff,
    with_local_contacts,
)


def _published(route_map):  # type: ignore[no-untyped-def]
    return route_map.versions.filter(status=VersionStatus.PUBLISHED).first()


def _map_context(version, contacts_doc) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "version": version,
        "diagram": diagram(contacts_doc),
        "rules": rules_in_words(contacts_doc),
        "contacts": sorted(contacts_doc.contacts.values(), key=lambda c: c.name),
        "consultations": contacts_doc.consultations,
    }


@require_policy(Action.ROUTEKAART_VIEW)
def routekaart_list_view(request: HttpRequest) -> HttpResponse:
    regions, municipalities = areas_for_new_maps(user=request.user)
    form = NewRouteMapForm(regions=regions, municipalities=municipalities)
    return render(
        request,
        "routekaart/list.html",
        {
            "maps": route_map_list_for_user(user=request.user),
            "new_form": form,
            "can_create": bool(regions or municipalities),
            "municipalities": municipality_list(),
        },
    )


@require_policy(Action.ROUTEKAART_EDIT)
@require_POST
def routekaart_create_view(request: HttpRequest) -> HttpResponse:
    regions, municipalities = areas_for_new_maps(user=request.user)
    form = NewRouteMapForm(request.POST, regions=regions, municipalities=municipalities)
    if form.is_valid():
        try:
            route_map = services.route_map_create(
                actor=request.user,
                region=form.cleaned_data["region"],
                municipality=form.cleaned_data["municipality"],
                request=request,
            )
        except DomainValidationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("De eigen routekaart is gemaakt als kopie."))
            return redirect("routekaart:detail", route_map_id=route_map.pk)
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return redirect("routekaart:list")


@require_policy(Action.ROUTEKAART_VIEW)
def routekaart_detail_view(request: HttpRequest, route_map_id: int) -> HttpResponse:
    route_map = route_map_get_for_user(
        user=request.user, route_map_id=route_map_id, action=Action.ROUTEKAART_VIEW
    )
    version = _published(route_map)
    doc = with_local_contacts(
        route_map_from_yaml(version.yaml_text),
        municipality_code=route_map.municipality.code if route_map.municipality else None,
        region=route_map.region,
    )
    context = _map_context(version, doc)
    context.update(
        route_map=route_map,
        versions=route_map_versions(route_map=route_map),
        can_edit=scope_for(request.user, Action.ROUTEKAART_EDIT) is not None
        and _can_edit(request, route_map.pk),
    )
    return render(request, "routekaart/detail.html", context)


def _can_edit(request: HttpRequest, route_map_id: int) -> bool:
    try:
        route_map_get_for_user(
            user=request.user, route_map_id=route_map_id, action=Action.ROUTEKAART_EDIT
        )
    except NotFoundOrForbidden:
        return False
    return True


@require_policy(Action.ROUTEKAART_VIEW)
def routekaart_choose_view(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "")
    if not Municipality.objects.filter(code=code).exists():
        raise NotFoundOrForbidden()
    return redirect("routekaart:municipality", code=code)


@require_policy(Action.ROUTEKAART_VIEW)
def routekaart_municipality_view(request: HttpRequest, code: str) -> HttpResponse:
    """The map that applies in one municipality (its own, its region's or the default)."""
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise NotFoundOrForbidden()
    version = route_map_effective_version(municipality_code=code)
    doc = with_local_contacts(route_map_from_yaml(version.yaml_text), municipality_code=code)
    context = _map_context(version, doc)
    context.update(municipality=municipality)
    return render(request, "routekaart/municipality.html", context)


@require_policy(Action.ROUTEKAART_EDIT)
@require_http_methods(["GET", "POST"])
def routekaart_edit_view(request: HttpRequest, route_map_id: int) -> HttpResponse:
    route_map = route_map_get_for_user(
        user=request.user, route_map_id=route_map_id, action=Action.ROUTEKAART_EDIT
    )
    current = route_map.versions.order_by("-number").first()
    form = RouteMapEditForm(
        request.POST if request.method == "POST" else None,
        initial={
            "yaml_text": current.yaml_text if current else "",
            "scenarios_yaml": route_map.scenarios_yaml,
        },
    )
    issues, results, diff = [], None, []
    if request.method == "POST" and form.is_valid():
        yaml_text = form.cleaned_data["yaml_text"]
        try:
            route_map_from_yaml(yaml_text)
            scenarios = form.cleaned_data["scenarios_yaml"]
            if scenarios.strip():
                load_scenarios(scenarios)
        except RouteMapError as error:
            issues = error.issues
        except ValueError as error:  # the scenarios did not load
            form.add_error("scenarios_yaml", str(error))
        else:
            route_map.scenarios_yaml = form.cleaned_data["scenarios_yaml"]
            if request.POST.get("actie") == "opslaan":
                try:
                    version = services.route_map_save(
                        actor=request.user,
                        route_map_id=route_map.pk,
                        yaml_text=yaml_text,
                        scenarios_yaml=route_map.scenarios_yaml,
                        note=form.cleaned_data["note"],
                        request=request,
                    )
                except DomainValidationError as error:
                    form.add_error(
                        error.field if error.field in form.fields else None, error.message
                    )
                else:
                    messages.success(request, _("Opgeslagen als concept. Controleer en publiceer."))
                    return redirect("routekaart:version", version_id=version.pk)
            results = route_map_check(route_map=route_map, yaml_text=yaml_text)
            diff = text_diff(
                current.yaml_text if current else "",
                yaml_text,
                f"versie {current.number}" if current else "leeg",
                "uw wijziging",
            )
    failing = [r for r in results or [] if not r.passed]
    return render(
        request,
        "routekaart/edit.html",
        {
            "route_map": route_map,
            "form": form,
            "issues": issues,
            "results": results,
            "failing": failing,
            "diff": diff,
        },
        status=400 if issues or form.errors else 200,
    )


@require_policy(Action.ROUTEKAART_VIEW)
def routekaart_version_view(request: HttpRequest, version_id: int) -> HttpResponse:
    version = route_map_version_get_for_user(user=request.user, version_id=version_id)
    route_map = version.route_map
    previous = route_map.versions.filter(number__lt=version.number).order_by("-number").first()
    results = route_map_check(route_map=route_map, yaml_text=version.yaml_text)
    return render(
        request,
        "routekaart/version.html",
        {
            "version": version,
            "route_map": route_map,
            "previous": previous,
            "diff": text_diff(
                previous.yaml_text if previous else "",
                version.yaml_text,
                f"versie {previous.number}" if previous else "leeg",
                f"versie {version.number}",
            ),
            "results": results,
            "failing": [r for r in results if not r.passed],
            "can_publish": version.status == VersionStatus.DRAFT
            and _can_edit(request, route_map.pk),
            "publish_form": PublishForm(),
        },
    )


@require_policy(Action.ROUTEKAART_EDIT)
@require_POST
def routekaart_publish_view(request: HttpRequest, version_id: int) -> HttpResponse:
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        version = services.route_map_version_publish(
            actor=request.user,
            version_id=version_id,
            accept_failures=form.cleaned_data.get("accept_failures", False),
            request=request,
        )
    except DomainValidationError as error:
        messages.error(request, error.message)
        return redirect("routekaart:version", version_id=version_id)
    messages.success(request, _("Versie %(n)s is gepubliceerd.") % {"n": version.number})
    return redirect("routekaart:detail", route_map_id=version.route_map_id)


# What each place does, said to a young person (the route map's notes are for professionals).
YOUTH_TEXTS = {
    "chat-met-fier": "Chat anoniem met iemand van Fier. Je hoeft je naam niet te zeggen.",
    "kindertelefoon": "Bel of chat gratis en anoniem. Je kunt over alles praten.",
    "csg": (
        "Is er seks tegen je wil gebeurd, ook als het een paar dagen geleden is? Bel zo snel "
        "mogelijk. Ze helpen je met je lichaam, je gevoel, en met aangifte als je dat wilt."
    ),
    "veilig-thuis": (
        "Voor advies als je je zorgen maakt om jezelf of om iemand anders. Dat kan ook anoniem."
    ),
    "politie": "Wil je aangifte doen of iets vertellen? Bel de politie. Bij gevaar: bel 112.",
}


@public
def help_index_view(request: HttpRequest) -> HttpResponse:
    """Public: choose your municipality. No login, no cookies, no JavaScript needed."""
    form = HelpChoiceForm(request.GET or None)
    form.fields["gemeente"].choices = [(m.code, m.name) for m in municipality_list()]
    if request.GET and form.is_valid():
        return redirect("routekaart:help", code=form.cleaned_data["gemeente"])
    return render(request, "routekaart/help_index.html", {"form": form})


@public
def help_view(request: HttpRequest, code: str) -> HttpResponse:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:  # answered without cookies, like the rest of the help pages
        return render(request, "routekaart/help_not_found.html", status=404)
    version = route_map_effective_version(municipality_code=code)
    contacts = with_local_contacts(
        route_map_from_yaml(version.yaml_text), municipality_code=code
    ).contacts
    shown = [
        {"contact": contacts[code], "text": YOUTH_TEXTS[code]}
        for code in YOUTH_TEXTS
        if code in contacts
    ]
    return render(
        request,
        "routekaart/help.html",
        {
            "municipality": municipality,
            "contacts": contacts,
            "shown": shown,
        },
    )
