"""Notification pages: the list (mark read, mark all read), the unread badge, preferences and
the calendar export. Each reads and writes the user's own notices only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.notifications import selectors, services
from chanjiao.notifications.calendar import calendar
from chanjiao.notifications.forms import PreferencesForm
from chanjiao.notifications.models import Notification

PER_PAGE = 30


@login_required
def notice_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.notices_of(request.user, unread_only=unread_only), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only, "unread": selectors.unread_count(request.user)},
    )


@login_required
def badge(request):
    return render(request, "notifications/_badge.html", {"unread": selectors.unread_count(request.user)})


@login_required
@require_POST
def notice_read(request, pk):
    """Mark one notice read; with ``open`` go to what it is about."""
    notice = access.get(request.user, Notification, pk, Action.CHANGE)
    services.mark_read(user=request.user, notification=notice)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notice.url)
    return redirect("notifications:list")


@login_required
@require_POST
def read_all(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, _("%(count)s notices marked read.") % {"count": count})
    return redirect("notifications:list")


@login_required
def preferences(request):
    current = selectors.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(
        request, "notifications/preferences.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def calendar_export(request):
    """The user's own deadlines and placement dates as an .ics file."""
    text = calendar(
        selectors.calendar_events(request.user),
        base_url=request.build_absolute_uri("/"),
        host=request.get_host().split(":")[0],
        now=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="chanjiao.ics"'
    return response
