from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "chanjiao.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from chanjiao.jobs import maintenance  # noqa: F401  (the housekeeping job kind registers)
