"""The Django admin, for operators: platform administrators only (superusers and the
administrator role), whatever ``is_staff`` says. Other apps register their models with
``PlatformAdminOnly`` too."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.models import Activity, ApiToken, User


def platform_admin(request) -> bool:
    actor = access.actor_of(request.user)
    return actor is not None and actor.admin


admin.site.has_permission = platform_admin  # type: ignore[method-assign]


class PlatformAdminOnly:
    """Every admin page and action is for platform administrators, and for them all of it."""

    def has_module_permission(self, request):
        return platform_admin(request)

    def has_view_permission(self, request, obj=None):
        return platform_admin(request)

    def has_add_permission(self, request, *args):
        return platform_admin(request)

    def has_change_permission(self, request, obj=None):
        return platform_admin(request)

    def has_delete_permission(self, request, obj=None):
        return platform_admin(request)


@admin.register(User)
class PlatformUserAdmin(PlatformAdminOnly, UserAdmin):
    list_display = ("username", "display_name", "role", "organisation", "email", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_superuser")
    search_fields = ("username", "display_name", "email", "organisation__name")
    raw_id_fields = ("organisation",)
    list_select_related = ("organisation",)
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Role in the platform"), {"fields": ("role", "organisation", "display_name")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Role in the platform"), {"fields": ("role", "organisation", "display_name", "email")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(PlatformAdminOnly, admin.ModelAdmin):
    """Tokens can be seen and revoked (deleted) here, never created: their secret is shown once."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    search_fields = ("name", "user__username", "prefix")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    exclude = ("key_hash",)

    def has_add_permission(self, request, *args):
        return False


@admin.register(Activity)
class ActivityAdmin(PlatformAdminOnly, admin.ModelAdmin):
    """The record of who did what: read only."""

    list_display = ("at", "actor", "verb", "target_type", "target_id", "summary")
    list_filter = ("verb", "target_type")
    search_fields = ("actor__username", "summary", "target_id")
    list_select_related = ("actor",)
    date_hierarchy = "at"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
