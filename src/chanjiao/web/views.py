"""Home page, imports, background-job pages and the health check."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from chanjiao.accounts.models import Role
from chanjiao.jobs.selectors import visible_jobs
from chanjiao.registry.imports import IMPORTERS, commit_import, preview_import
from chanjiao.registry.selectors import home_summary
from chanjiao.web.excel import TableError
from chanjiao.web.plugins import home_panels

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@login_required
def home(request):
    return render(
        request,
        "web/home.html",
        {
            "summary": home_summary(request.user),
            "jobs": visible_jobs(request.user)[:5],
            "panels": home_panels(request),
        },
    )


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _may_import(user) -> bool:
    return user.is_platform_admin or user.role in {Role.GOVERNMENT, Role.SCHOOL}


@login_required
def import_page(request):
    """Upload a file: `preview` lists every bad row; `commit` saves all rows or none."""
    if not _may_import(request.user):
        raise PermissionDenied(_("Only officers, schools and administrators import records."))
    context = {
        "kinds": list(IMPORTERS),
        "kind": request.POST.get("kind", request.GET.get("kind", "organisations")),
    }
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"], status = _("Choose a file to upload."), 400
        elif upload.size > MAX_UPLOAD_BYTES:
            context["error"], status = _("The file is larger than 20 MB; split it."), 400
        else:
            action = commit_import if request.POST.get("action") == "commit" else preview_import
            try:
                result = action(
                    kind=context["kind"], data=upload.read(), filename=upload.name, user=request.user
                )
            except TableError as error:
                context["error"], status = str(error), 400
            else:
                context["result"] = result
                context["committed"] = action is commit_import and result.ok
                status = 200 if result.ok else 400
    return render(request, "web/import.html", context, status=status)


@login_required
def job_detail(request, pk):
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    template = "web/_job.html" if request.htmx else "web/job.html"
    return render(request, template, {"job": job})
