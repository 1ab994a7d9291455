"""Analyses: start one, watch its progress, read the report, download PDF, Excel, JSON, diagram."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.surveys import path_diagram, report_tables, report_to_excel, report_to_pdf
from chanjiao.core.surveys.pdf import format_cell
from chanjiao.core.surveys.tables import P_COLUMN, is_p_value
from chanjiao.surveys import services
from chanjiao.surveys.forms import AnalysisForm
from chanjiao.surveys.models import Analysis, AnalysisStatus, Questionnaire
from chanjiao.surveys.views.design import render_questionnaire
from chanjiao.web.excel import xlsx_response

DOWNLOADS = {
    "pdf": "application/pdf",
    "xlsx": None,
    "json": "application/json",
    "png": "image/png",
    "svg": "image/svg+xml",
}


def formatted_tables(report) -> list[dict]:
    """The report's tables as the PDF prints them: three decimals, APA p-values, blanks."""
    tables = []
    for table in report_tables(report):
        rows = []
        for row in table.rows:
            p_row = is_p_value(row[0])
            rows.append(
                [
                    format_cell(
                        value, P_COLUMN if is_p_value(table.columns[index]) or (p_row and index) else ""
                    )
                    for index, value in enumerate(row)
                ]
            )
        tables.append(
            {
                "key": slugify(table.key),
                "title": table.title,
                "columns": table.columns,
                "rows": rows,
                "note": table.note,
            }
        )
    return tables


@login_required
@require_POST
def analysis_new(request, pk):
    questionnaire = access.get(request.user, Questionnaire, pk, Action.MANAGE)
    form = AnalysisForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            analysis = services.start_analysis(
                actor=request.user, questionnaire=questionnaire, data=form.cleaned_data
            )
        except ValueError as refusal:
            error = str(refusal)
        else:
            return redirect("surveys:analysis", pk=analysis.pk)
    return render_questionnaire(request, questionnaire, analysis_form=form, analysis_error=error, status=400)


@login_required
def analysis_detail(request, pk):
    """While the job runs: a progress bar that polls; when done: the report."""
    analysis = access.get(request.user, Analysis, pk)
    if request.htmx and not request.htmx.boosted:
        if analysis.finished:
            return HttpResponseClientRefresh()
        return render(request, "surveys/_analysis_progress.html", {"analysis": analysis})
    context = {"analysis": analysis, "questionnaire": analysis.questionnaire}
    if analysis.status == AnalysisStatus.DONE:
        report = analysis.report
        context.update(
            report=report,
            fit=report["fit"],
            tables=formatted_tables(report),
            formats=list(DOWNLOADS),
        )
    return render(request, "surveys/analysis.html", context)


def download_content(analysis, fmt: str) -> HttpResponse:
    """The finished report as pdf, xlsx or json, or its path diagram as png or svg."""
    if fmt not in DOWNLOADS or analysis.status != AnalysisStatus.DONE:
        raise Http404(_("This analysis has no %(format)s download.") % {"format": fmt})
    title = str(analysis.questionnaire)
    name = f"survey-analysis-{analysis.pk}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response(name, report_to_excel(analysis.report, title=title[:60]))
    if fmt == "json":
        content = json.dumps(analysis.report, ensure_ascii=False, indent=2, allow_nan=False).encode()
    elif fmt == "pdf":
        content = report_to_pdf(analysis.report, title=title)
    else:
        content = path_diagram(analysis.report, image_format=fmt)
    response = HttpResponse(content, content_type=DOWNLOADS[fmt])
    if fmt in ("pdf", "json"):
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def analysis_download(request, pk, fmt):
    return download_content(access.get(request.user, Analysis, pk), fmt)
