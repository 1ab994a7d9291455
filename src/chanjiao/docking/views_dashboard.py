"""The supply–demand dashboard, its drill-downs and exports, the refresh, alignment scores and
crosswalk suggestions."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import selectors
from chanjiao.docking.coding import suggest_crosswalk
from chanjiao.docking.filters import AlignmentFilter
from chanjiao.docking.models import (
    Advice,
    AlignmentScore,
    Course,
    Posting,
    PostingStatus,
    Recommendation,
    SupplyDemandRun,
)
from chanjiao.docking.refresh import changes_since
from chanjiao.docking.selectors_coding import coding_coverage
from chanjiao.docking.tables import ALIGNMENT_COLUMNS
from chanjiao.jobs.services import start_job
from chanjiao.registry.models import Occupation, Region
from chanjiao.registry.services import set_crosswalk
from chanjiao.web.excel import xlsx_bytes, xlsx_response
from chanjiao.web.lists import list_page

LEVEL_LABELS = {
    1: gettext_lazy("Major group"),
    2: gettext_lazy("Medium group"),
    3: gettext_lazy("Minor group"),
    4: gettext_lazy("Fine occupation"),
}
# Warnings first, then the programs to expand, then those to reduce.
ADVICE_URGENCY = Case(
    When(recommendation=Recommendation.WARN, then=Value(0)),
    When(recommendation=Recommendation.EXPAND, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
CELL_COLUMNS = [
    (gettext_lazy("Code"), lambda c: c.occupation_id),
    (gettext_lazy("Occupation"), lambda c: c.occupation.name),
    (gettext_lazy("Seats posted"), lambda c: c.demand),
    (gettext_lazy("Postings"), lambda c: c.postings),
    (gettext_lazy("Expected graduates"), lambda c: round(c.supply, 1)),
    (gettext_lazy("Gap (seats − graduates)"), lambda c: round(c.gap, 1)),
    (gettext_lazy("Ratio (seats per graduate)"), lambda c: None if c.ratio is None else round(c.ratio, 2)),
    (gettext_lazy("Demand trend (per year)"), lambda c: None if c.trend is None else round(c.trend, 3)),
    (
        gettext_lazy("Forecast of next year's seats"),
        lambda c: None if c.forecast is None else round(c.forecast),
    ),
]


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _view(request) -> selectors.View:
    region_id = _int(request.GET.get("region"))
    region = (
        Region.objects.filter(pk=region_id).first() if region_id else selectors.default_region(request.user)
    )
    if region is None:
        raise Http404(_("Unknown region."))
    level = _int(request.GET.get("level"), 4)
    if level not in selectors.LEVELS:
        level = 4
    year = _int(request.GET.get("year")) or selectors.default_year(region)
    return selectors.View(region=region, level=level, year=year)


def _drill(view, code: str) -> str:
    return reverse("docking:cell") + "?" + view.query(occupation=code)


def _bars(view, rows) -> list[dict]:
    return [
        {
            "code": c.occupation_id,
            "label": f"{c.occupation.name}",
            "gap": round(c.gap, 1),
            "url": _drill(view, c.occupation_id),
        }
        for c in rows
    ]


def _heat_gap(row, *, index: int) -> float:
    return round(row[1][index]["gap"], 1)


def _export(request, view, part: str, occupation: str):
    title = f"{view.region.name} {view.year} {LEVEL_LABELS[view.level]}"
    if part in {"shortages", "surpluses"}:
        rows = (selectors.shortages if part == "shortages" else selectors.surpluses)(view, n=100)
        return xlsx_response(
            f"{part}-{view.region.pk}-{view.year}.xlsx", xlsx_bytes(title, CELL_COLUMNS, rows)
        )
    if part == "trend":
        columns = [
            (_("Year"), lambda r: r["year"]),
            (_("Seats posted"), lambda r: r["demand"]),
            (_("Expected graduates"), lambda r: r["supply"]),
            (_("Forecast of next year's seats"), lambda r: r["forecast"]),
        ]
        return xlsx_response(
            f"trend-{view.region.pk}.xlsx", xlsx_bytes(title, columns, selectors.trend(view, occupation))
        )
    if part == "monthly":
        columns = [
            (_("Year"), lambda r: r["year"]),
            (_("Month"), lambda r: r["month"]),
            (_("Seats posted"), lambda r: r["seats"]),
        ]
        months = selectors.monthly_demand(view.region, occupation, view.level)
        return xlsx_response(f"monthly-{view.region.pk}.xlsx", xlsx_bytes(title, columns, months))
    if part == "heatmap":
        heat = selectors.heatmap(view) or {"occupations": [], "rows": []}
        columns = [(_("Region"), lambda r: r[0].name)] + [
            (f"{code} {name}", partial(_heat_gap, index=i))
            for i, (code, name) in enumerate(heat["occupations"])
        ]
        return xlsx_response(
            f"heatmap-{view.region.pk}-{view.year}.xlsx", xlsx_bytes(title, columns, heat["rows"])
        )
    rows = selectors.cells(view).order_by("-gap", "occupation_id")
    return xlsx_response(
        f"supply-demand-{view.region.pk}-{view.year}.xlsx", xlsx_bytes(title, CELL_COLUMNS, rows)
    )


@login_required
def dashboard(request):
    view = _view(request)
    occupation = request.GET.get("occupation", "").strip()
    if request.GET.get("format") == "xlsx":
        return _export(request, view, request.GET.get("part", "table"), occupation)
    run = selectors.latest_run()
    shortages, surpluses = selectors.shortages(view), selectors.surpluses(view)
    trend = selectors.trend(view, occupation or None)
    monthly = selectors.monthly_demand(view.region, occupation or None, view.level)
    advice = (
        access.visible(request.user, Advice)
        .filter(
            Q(region__path__startswith=view.region.path)
            | Q(region_id__in=[int(part) for part in view.region.path.strip("/").split("/")]),
            year=view.year,
        )
        .exclude(recommendation=Recommendation.KEEP)
        .annotate(urgency=ADVICE_URGENCY)
        .order_by("urgency", "relative_ratio", "program_name")[:15]
    )
    charts = {
        "shortages": _bars(view, shortages),
        "surpluses": _bars(view, surpluses),
        "trend": trend,
        "monthly": [{"label": f"{r['year']}-{r['month']:02d}", "seats": r["seats"]} for r in monthly],
    }
    return render(
        request,
        "docking/dashboard.html",
        {
            "view": view,
            "levels": list(LEVEL_LABELS.items()),
            "years": selectors.table_years(run),
            "regions": selectors.region_choices(run),
            "occupation": selectors.occupation(occupation) if occupation else None,
            "occupations": selectors.occupation_choices(view),
            "run": run,
            "stale": changes_since(run),
            "totals": selectors.totals(view),
            "shortages": shortages,
            "surpluses": surpluses,
            "heatmap": selectors.heatmap(view),
            "advice": advice,
            "alignment": AlignmentScore.objects.filter(
                year=view.year, region__path__startswith=view.region.path
            )
            .select_related("school")
            .order_by("-score")[:20],
            "charts": charts,
            "can_refresh": access.possible(request.user, Action.MANAGE, SupplyDemandRun),
            "coverage": coding_coverage(
                Posting.objects.filter(region__path__startswith=view.region.path).exclude(
                    status=PostingStatus.DRAFT
                )
            ),
            "query": view.query(occupation=occupation),
            "officer_region": bool(access.actor_of(request.user) and access.actor_of(request.user).governs),
        },
    )


@login_required
def cell_detail(request):
    """What is behind one figure: the programs (supply) and the postings (demand)."""
    view = _view(request)
    code = request.GET.get("occupation", "").strip()
    occupation = selectors.occupation(code)
    if occupation is None:
        raise Http404(_("Unknown occupation code."))
    programs = selectors.programs_behind(view, code)
    if request.GET.get("format") == "xlsx":
        columns = [
            (_("Program"), lambda r: r["program"].name),
            (_("Code"), lambda r: r["program"].code),
            (_("School"), lambda r: r["program"].school.name),
            (_("Expected graduates"), lambda r: r["graduates"]),
            (_("Share in this occupation"), lambda r: round(r["share"], 3)),
            (_("Graduates counted here"), lambda r: r["supply"]),
        ]
        title = f"{code} {view.region.name} {view.year}"
        return xlsx_response(
            f"programs-{code}-{view.region.pk}-{view.year}.xlsx", xlsx_bytes(title, columns, programs)
        )
    postings_query = view.query(occupation=code, occupation_level=view.level)
    postings = (
        access.visible(request.user, Posting)
        .filter(
            occupation_id__in=selectors.occupation_members(code, view.level),
            region__path__startswith=view.region.path,
            published_on__year=view.year,
        )
        .order_by("-seats", "-published_on")
    )
    return render(
        request,
        "docking/cell.html",
        {
            "view": view,
            "occupation": occupation,
            "level_label": LEVEL_LABELS[view.level],
            "cell": selectors.cell(view, code),
            "programs": programs,
            "postings": postings[:50],
            "postings_url": reverse("docking:postings") + "?" + postings_query,
            "query": view.query(occupation=code),
        },
    )


@login_required
@require_POST
def refresh(request):
    if not access.possible(request.user, Action.MANAGE, SupplyDemandRun):
        raise PermissionDenied(_("Only officers and administrators refresh the supply–demand table."))
    job = start_job(
        kind="docking.refresh_supply_demand",
        label=str(_("Refresh the supply–demand table")),
        actor=request.user,
    )
    return redirect("job", pk=job.pk)


@login_required
def alignment_list(request):
    return list_page(
        request,
        queryset=AlignmentScore.objects.select_related("school", "region"),
        filterset_class=AlignmentFilter,
        title=_("Cluster alignment of colleges"),
        columns=ALIGNMENT_COLUMNS,
        link=lambda s: reverse("registry:organisation", args=[s.school_id]),
    )


@login_required
def crosswalk_suggestions(request):
    """Programs the user may edit, with the coder's suggested crosswalk; apply one at a time."""
    programs = access.options(request.user, Course, "program")
    if not programs.exists():
        raise PermissionDenied(_("Only a school (or an officer in scope) curates program crosswalks."))
    if request.method == "POST":
        program = programs.filter(pk=_int(request.POST.get("program"))).first()
        if program is None:
            raise Http404(_("No such program among yours."))
        courses = list(program.courses.values_list("name", flat=True))
        entries = suggest_crosswalk(program.name, program.description, courses)
        if not entries:
            messages.error(request, _("The coder has no suggestion for %(name)s.") % {"name": program.name})
        else:
            set_crosswalk(actor=request.user, program=program, entries=entries)
            messages.success(
                request, _("Crosswalk of %(name)s replaced by the suggestion.") % {"name": program.name}
            )
        return redirect(request.get_full_path())
    show_all = request.GET.get("all") == "1"
    listed = programs.prefetch_related("crosswalk__occupation", Prefetch("courses")).order_by(
        "school__name", "code"
    )
    if not show_all:
        listed = listed.filter(crosswalk__isnull=True)
    rows = []
    for program in listed[:50]:
        courses = [c.name for c in program.courses.all()]
        rows.append(
            {
                "program": program,
                "current": list(program.crosswalk.all()),
                "suggested": suggest_crosswalk(program.name, program.description, courses),
            }
        )
    names = dict(
        Occupation.objects.filter(code__in={c for r in rows for c, _ in r["suggested"]}).values_list(
            "code", "name"
        )
    )
    for row in rows:
        row["suggested"] = [(code, names.get(code, ""), weight) for code, weight in row["suggested"]]
    return render(
        request,
        "docking/crosswalk_suggestions.html",
        {"rows": rows, "show_all": show_all, "total": listed.count()},
    )
