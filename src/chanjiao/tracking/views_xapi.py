"""xAPI platforms and the learning records they post."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry import pickers
from chanjiao.registry.models import Carrier, CarrierClass
from chanjiao.tracking import filters, selectors, tables
from chanjiao.tracking.models import XapiSource, XapiStatement
from chanjiao.tracking.services.xapi import register_xapi_source
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


class SourceForm(forms.Form):
    carrier = forms.ModelChoiceField(
        label=gettext_lazy("virtual carrier"),
        queryset=Carrier.objects.none(),
        widget=pickers.CARRIERS.widget(),
    )
    home_page = forms.URLField(label=gettext_lazy("platform home page (actor.account.homePage)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        carriers = [
            c.pk
            for c in access.visible(user, Carrier).filter(carrier_class=CarrierClass.VIRTUAL)
            if access.may_create(user, XapiSource, carrier=c)
        ]
        self.fields["carrier"].queryset = access.visible(user, Carrier).filter(pk__in=carriers)
        self.fields["carrier"].error_messages["invalid_choice"] = gettext_lazy(
            "Give a virtual carrier your organisation leads."
        )


@login_required
def source_list(request):
    sources = access.visible(request.user, XapiSource).annotate(
        statement_count=Count("statements"), student_count=Count("statements__student", distinct=True)
    )
    return render(
        request,
        "tracking/xapi_sources.html",
        {
            "sources": sources,
            "can_add": access.may_create(request.user, XapiSource),
        },
    )


@login_required
def source_new(request):
    form = SourceForm(request.POST or None, user=request.user)
    if not form.fields["carrier"].queryset.exists():
        raise PermissionDenied(_("Only the lead organisation of a virtual carrier registers its platform."))
    return form_page(
        request,
        form=form,
        title=_("Register a learning platform"),
        save=lambda data: register_xapi_source(actor=request.user, **data),
        success_url=lambda s: reverse("tracking:xapi_source", args=[s.pk]),
        cancel_url=reverse("tracking:xapi_sources"),
        success_message=_(
            "Platform registered. It posts statements to /api/xapi/statements with an API token."
        ),
    )


@login_required
def source_detail(request, pk):
    source = access.get(request.user, XapiSource, pk)
    statements = access.visible(request.user, XapiStatement).filter(source=source)
    return render(
        request,
        "tracking/xapi_source.html",
        {
            "source": source,
            "counts": selectors.xapi_counts(statements),
            "recent": statements[:20],
            "can_post": access.allows(request.user, Action.FILE, source),
        },
    )


@login_required
def statement_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, XapiStatement),
        filterset_class=filters.StatementFilter,
        title=_("Learning records (xAPI)"),
        columns=tables.STATEMENT_COLUMNS,
        link=lambda s: reverse("tracking:xapi_source", args=[s.source_id]),
    )
