"""Organisations in the Django admin (platform administrators only). Saves go through the registry
services, so the activity record and the tamper-evident record log see them as any other edit."""

from django.contrib import admin

from chanjiao.accounts.admin import PlatformAdminOnly
from chanjiao.registry import services
from chanjiao.registry.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(PlatformAdminOnly, admin.ModelAdmin):
    list_display = ("name", "kind", "status", "region", "credit_code", "updated_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "credit_code")
    raw_id_fields = ("region",)
    list_select_related = ("region",)

    def save_model(self, request, obj, form, change):
        if change:
            changed = {name: form.cleaned_data[name] for name in form.changed_data}
            saved = services.update_record(actor=request.user, instance=obj, data=changed)
        else:
            saved = services.create_record(actor=request.user, model=Organisation, data=form.cleaned_data)
        obj.pk = saved.pk
