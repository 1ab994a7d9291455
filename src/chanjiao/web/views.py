"""Home page, imports and background-job pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.demo.models import DemoDataset
from chanjiao.jobs.selectors import visible_jobs
from chanjiao.jobs.services import start_job
from chanjiao.registry.imports import IMPORTERS, commit_import, preview_import
from chanjiao.registry.models import Program
from chanjiao.registry.selectors import home_summary
from chanjiao.web.excel import TableError, read_upload
from chanjiao.web.plugins import home_panels, home_tasks


@login_required
def home(request):
    return render(
        request,
        "web/home.html",
        {
            "summary": home_summary(request.user),
            "jobs": visible_jobs(request.user)[:5],
            "panels": home_panels(request),
            "tasks": home_tasks(request),
            "may_add_program": access.may_create(request.user, Program),
            "may_import": bool(importable_kinds(request.user)),
        },
    )


def importable_kinds(user) -> list[str]:
    """The imports whose records the user may add."""
    return [kind for kind, (model, _rows) in IMPORTERS.items() if access.may_create(user, model)]


@login_required
def import_page(request):
    """Upload a file: `preview` lists every bad row; `commit` saves all rows or none."""
    kinds = importable_kinds(request.user)
    if not kinds:
        raise PermissionDenied(_("Only officers, schools and administrators import records."))
    context = {
        "kinds": kinds,
        "kind": request.POST.get("kind", request.GET.get("kind", kinds[0])),
    }
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"], status = _("Choose a file to upload."), 400
        else:
            action = commit_import if request.POST.get("action") == "commit" else preview_import
            try:
                result = action(
                    kind=context["kind"], data=read_upload(upload), filename=upload.name, user=request.user
                )
            except TableError as error:
                context["error"], status = str(error), 400
            else:
                context["result"] = result
                context["committed"] = action is commit_import and result.ok
                status = 200 if result.ok else 400
    return render(request, "web/import.html", context, status=status)


@login_required
def demo_page(request):
    """Administrators generate a demo region as a background job and watch its progress."""
    if not access.may_create(request.user, DemoDataset):
        raise PermissionDenied(_("Only platform administrators generate demo data."))
    error = ""
    if request.method == "POST":
        scale = request.POST.get("scale", "")
        seed = request.POST.get("seed", "")
        if scale not in {"city", "province"}:
            error = _("Choose the city or the province scale.")
        elif not seed.isdigit() or not 0 <= int(seed) <= 1_000_000:
            error = _("The seed is a whole number from 0 to 1,000,000.")
        else:
            job = start_job(
                kind="demo.generate",
                label=_("Demo region (%(scale)s, seed %(seed)s)") % {"scale": scale, "seed": seed},
                actor=request.user,
                params={"scale": scale, "seed": int(seed)},
            )
            return redirect("job", pk=job.pk)
    return render(
        request,
        "web/demo.html",
        {"datasets": DemoDataset.objects.select_related("region"), "error": error},
        status=400 if error else 200,
    )


@login_required
def job_detail(request, pk):
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    template = "web/_job.html" if request.htmx else "web/job.html"
    return render(request, template, {"job": job})
