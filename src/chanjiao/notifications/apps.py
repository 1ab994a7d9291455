from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "chanjiao.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from chanjiao.notifications import jobs  # noqa: F401  (registers the periodic job)
