"""Reference data pages: municipalities (with a live filter) and regions."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action

from .selectors import municipality_list, province_list, region_list


@require_policy(Action.REFERENCE_VIEW)
def municipality_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    province = request.GET.get("provincie", "")
    context = {
        "municipalities": municipality_list(query=query, province=province),
        "provinces": province_list(),
        "query": query,
        "province": province,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "geo/_municipality_table.html", context)
    return render(request, "geo/municipality_list.html", context)


@require_policy(Action.REFERENCE_VIEW)
def region_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "geo/region_list.html", {"regions": region_list()})
