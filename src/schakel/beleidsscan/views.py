"""The policy officer's pages: scan a document, read the report, answer the practice
questions, compare with an earlier scan; the functioneel beheerder keeps the rubric."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from schakel.accounts.decorators import require_policy
from schakel.accounts.policy import Action, scope_for
from schakel.accounts.scoping import municipalities_for_action, preferred_municipality
from schakel.common.exceptions import DomainValidationError, NotFoundOrForbidden
from schakel.common.pdf import render_pdf

from . import selectors, services
from .constants import SCORE_LABELS
from .domain.compare import summary
from .domain.rubric import RubricError
from .forms import QuestionForm, TipForm, UploadForm
from .presentation import report_rows


def _chosen_municipality(request: HttpRequest, municipalities: list[Any]) -> Any:
    """The municipality asked for (``?gemeente=``) if in scope, else the user's own."""
    wanted = request.GET.get("gemeente", "")
    chosen = next((m for m in municipalities if str(m.pk) == wanted), None)
    return chosen or preferred_municipality(request.user, municipalities)


@require_policy(Action.BELEIDSSCAN_RUN)
def scan_list_view(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_for_action(request.user, Action.BELEIDSSCAN_RUN))
    municipality = _chosen_municipality(request, municipalities)
    scans = (
        list(
            selectors.scans_for_user(
                request.user, municipality_id=municipality.pk
            ).prefetch_related("tip_results")[:100]
        )
        if municipality
        else []
    )
    answers = selectors.current_answers(request.user, municipality.pk) if municipality else {}
    rubric = selectors.current_rubric().rubric
    codes = {question.code for tip in rubric.tips for question in tip.questions}
    questions = len(codes)
    answered = len(codes & set(answers))
    return render(
        request,
        "beleidsscan/list.html",
        {
            "municipalities": municipalities,
            "municipality": municipality,
            "scans": scans,
            "answered": answered,
            "questions": questions,
            "score_labels": SCORE_LABELS,
        },
    )


@require_policy(Action.BELEIDSSCAN_RUN)
@require_http_methods(["GET", "POST"])
def scan_new_view(request: HttpRequest) -> HttpResponse:
    municipalities = municipalities_for_action(request.user, Action.BELEIDSSCAN_RUN)
    initial = {}
    wanted = request.GET.get("gemeente", "")
    if wanted.isdigit():
        initial["municipality"] = int(wanted)
    form = UploadForm(
        request.POST or None, request.FILES or None, municipalities=municipalities, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            scan = services.scan_upload(
                user=request.user,
                municipality_id=form.cleaned_data["municipality"].pk,
                title=form.cleaned_data["title"],
                document_date=form.cleaned_data["document_date"],
                filename=upload.name,
                data=upload.read(),
                request=request,
            )
        except DomainValidationError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Het document is gescand. Hieronder ziet u de uitkomst."))
            return redirect("beleidsscan:detail", scan_id=scan.pk)
    status = 400 if form.errors else 200
    return render(request, "beleidsscan/new.html", {"form": form}, status=status)


def _report_context(request: HttpRequest, scan_id: int) -> dict[str, Any]:
    scan = selectors.scan_get_for_user(request.user, scan_id)
    rubric = selectors.rubric_for_version(scan.rubric_version)
    answers = selectors.current_answers(request.user, scan.municipality_id)
    earlier = list(selectors.earlier_scans(scan)[:20])
    compare_with = None
    wanted = request.GET.get("vergelijk", "")
    if wanted.isdigit():
        compare_with = next((e for e in earlier if e.pk == int(wanted)), None)
        if compare_with is None:
            raise NotFoundOrForbidden()
    changes = selectors.scan_comparison(scan, compare_with) if compare_with else []
    return {
        "other_rubric": compare_with is not None
        and compare_with.rubric_version != scan.rubric_version,
        "answers_on": timezone.localdate(),
        "scan": scan,
        "rubric": rubric,
        "rows": report_rows(scan, rubric, answers),
        "terms": list(scan.term_results.all()),
        "earlier": earlier,
        "compare_with": compare_with,
        "changes": changes,
        "change_counts": summary(changes) if changes else {},
        "term_changes": selectors.term_comparison(scan, compare_with) if compare_with else [],
        "total": sum(t.score for t in scan.tip_results.all()),
    }


@require_policy(Action.BELEIDSSCAN_RUN)
def scan_detail_view(request: HttpRequest, scan_id: int) -> HttpResponse:
    return render(request, "beleidsscan/report.html", _report_context(request, scan_id))


@require_policy(Action.BELEIDSSCAN_RUN)
def scan_pdf_view(request: HttpRequest, scan_id: int) -> HttpResponse:
    context = _report_context(request, scan_id)
    html = render_to_string("beleidsscan/report_pdf.html", context, request=request)
    scan = context["scan"]
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    name = f"beleidsscan-{scan.municipality.code}-{scan.created_at:%Y%m%d}-{scan.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_policy(Action.BELEIDSSCAN_RUN)
@require_http_methods(["GET", "POST"])
def scan_delete_view(request: HttpRequest, scan_id: int) -> HttpResponse:
    scan = selectors.scan_get_for_user(request.user, scan_id)
    if request.method == "POST":
        municipality_id = scan.municipality_id
        services.scan_delete(user=request.user, scan_id=scan_id, request=request)
        messages.success(request, _("De scan is verwijderd."))
        return redirect(f"{reverse('beleidsscan:list')}?gemeente={municipality_id}")
    return render(request, "beleidsscan/delete.html", {"scan": scan})


@require_policy(Action.BELEIDSSCAN_RUN)
@require_http_methods(["GET", "POST"])
def questionnaire_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    municipality = selectors.municipality_get_for_user(request.user, municipality_id)
    rubric = selectors.current_rubric().rubric
    current = selectors.current_answers(request.user, municipality_id)
    sections = []
    all_forms = []
    for tip in rubric.tips:
        forms = []
        for question in tip.questions:
            before = current.get(question.code)
            initial = (
                {
                    "answer": before.answer,
                    "explanation": before.explanation,
                    "evidence": before.evidence,
                }
                if before
                else {}
            )
            form = QuestionForm(
                request.POST or None, prefix=question.code, question=question, initial=initial
            )
            form.previous = before  # type: ignore[attr-defined]
            forms.append(form)
            all_forms.append((tip, form))
        sections.append((tip, forms))
    if request.method == "POST":
        if all(form.is_valid() for _tip, form in all_forms):
            answers = [
                services.AnswerInput(
                    question=form.question.code,
                    tip=tip.number,
                    answer=form.cleaned_data["answer"],
                    explanation=form.cleaned_data["explanation"],
                    evidence=form.cleaned_data["evidence"],
                )
                for tip, form in all_forms
                if form.cleaned_data.get("answer")
            ]
            try:
                saved = services.answers_save(
                    user=request.user,
                    municipality_id=municipality_id,
                    answers=answers,
                    request=request,
                )
            except DomainValidationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    ngettext("%(n)s antwoord opgeslagen.", "%(n)s antwoorden opgeslagen.", saved)
                    % {"n": saved}
                    if saved
                    else _("Er was niets veranderd."),
                )
                return redirect("beleidsscan:questions", municipality_id=municipality_id)
        invalid = [form for _tip, form in all_forms if form.errors]
        return render(
            request,
            "beleidsscan/questions.html",
            {"municipality": municipality, "sections": sections, "invalid": invalid},
            status=400,
        )
    return render(
        request,
        "beleidsscan/questions.html",
        {"municipality": municipality, "sections": sections, "invalid": []},
    )


@require_policy(Action.BELEIDSSCAN_RUN)
def rubric_view(request: HttpRequest) -> HttpResponse:
    current = selectors.current_rubric()
    return render(
        request,
        "beleidsscan/rubric.html",
        {
            "current": current,
            "versions": selectors.rubric_versions(),
            "can_edit": scope_for(request.user, Action.BELEIDSSCAN_RUBRIC_EDIT) is not None,
            "score_labels": SCORE_LABELS,
        },
    )


@require_policy(Action.BELEIDSSCAN_RUN)
def rubric_version_view(request: HttpRequest, version: int) -> HttpResponse:
    stored = selectors.rubric_version_get(version)
    return render(request, "beleidsscan/rubric_version.html", {"stored": stored})


@require_policy(Action.BELEIDSSCAN_RUBRIC_EDIT)
@require_http_methods(["GET", "POST"])
def rubric_tip_view(request: HttpRequest, tip: int) -> HttpResponse:
    current = selectors.current_rubric()
    if not 1 <= tip <= len(current.rubric.tips):
        raise Http404
    spec = current.rubric.tip(tip)
    form = TipForm(request.POST or None, initial=TipForm.initial_for(spec, current.version))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.rubric_save_tip(
                user=request.user,
                tip=tip,
                changes=form.changes(spec, selectors.question_codes_in_use()),
                note=form.cleaned_data["note"],
                base_version=form.cleaned_data["base_version"],
                request=request,
            )
        except RubricError as error:
            problems = error.problems
        except DomainValidationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Tip %(tip)s is aangepast. De rubriek heeft nu versie %(version)s.")
                % {"tip": tip, "version": version.version},
            )
            return redirect("beleidsscan:rubric")
    status = 400 if form.errors or problems else 200
    return render(
        request,
        "beleidsscan/rubric_tip.html",
        {"tip": spec, "form": form, "problems": problems, "current": current},
        status=status,
    )
