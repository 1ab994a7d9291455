"""Outcomes of schools and programs for a cohort, and the matched starting-salary difference."""

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chanjiao.registry.models import Organisation, Region
from chanjiao.tracking import outcomes, selectors
from chanjiao.tracking.models import Graduate
from chanjiao.tracking.policy import outcome_scope
from chanjiao.web.excel import xlsx_bytes, xlsx_response


def _percent(value):
    return "" if value is None else round(value, 1)


OUTCOME_COLUMNS = [
    (_("Unit"), lambda r: str(r.unit.name)),
    (_("Graduates"), lambda r: r.graduates),
    (_("Employment rate %"), lambda r: _percent(r.employment.percent)),
    (_("Counterpart employment %"), lambda r: _percent(r.counterpart.percent)),
    (_("Retention after one year %"), lambda r: _percent(r.retention.percent)),
    (_("Mean starting salary"), lambda r: "" if r.salary.mean is None else round(r.salary.mean)),
    (_("Certification pass rate %"), lambda r: _percent(r.certification.percent)),
    (_("Practical share %"), lambda r: _percent(r.practical.percent)),
    (
        _("Curriculum updates per program"),
        lambda r: "" if r.update_frequency is None else round(r.update_frequency, 2),
    ),
    (_("Dual-qualified teachers %"), lambda r: _percent(r.dual_qualified.percent)),
]


@login_required
def outcomes_page(request):
    schools, comparison_unit = outcome_scope(request.user)
    latest = Graduate.objects.aggregate(year=Max("graduation_year"))["year"] or timezone.localdate().year
    try:
        year = int(request.GET.get("year", latest))
    except ValueError:
        year = latest
    level = "program" if request.GET.get("level") == "program" else "school"
    school_id = request.GET.get("school", "")
    if school_id.isdigit():
        schools = schools.filter(pk=int(school_id))
        chosen = schools.first()
        if chosen is not None:
            comparison_unit = chosen
    csco_level = (
        int(request.GET["csco_level"]) if request.GET.get("csco_level") in {"1", "2", "3", "4"} else 4
    )
    rows = selectors.outcomes_table(year, level=level, schools=schools, counterpart_level=csco_level)
    if request.GET.get("format") == "xlsx":
        title = _("Outcomes %(year)s") % {"year": year}
        return xlsx_response(f"{slugify(title) or 'outcomes'}.xlsx", xlsx_bytes(title, OUTCOME_COLUMNS, rows))
    difference = outcomes.salary_difference(comparison_unit, year)
    return render(
        request,
        "tracking/outcomes.html",
        {
            "year": year,
            "level": level,
            "csco_level": csco_level,
            "rows": rows,
            "difference": difference,
            "comparison_unit": comparison_unit,
            "comparison_is_region": comparison_unit is None or isinstance(comparison_unit, Region),
            "schools": Organisation.objects.filter(pk__in=outcome_scope(request.user)[0].values("pk")),
            "school_id": school_id,
            "years": range(latest - 4, latest + 1),
        },
    )
