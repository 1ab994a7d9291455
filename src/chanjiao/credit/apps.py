from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "chanjiao.credit"
    label = "credit"
    verbose_name = _("Enterprise credit and incentives")
    navigation = [("credit:index", _("Credit"), "credit.Contribution")]
    demo_order = 900

    def ready(self):
        from chanjiao.credit import jobs  # noqa: F401  (registers the job kind)

    def home_panel(self, request):
        from chanjiao.credit.panels import home_panel

        return home_panel(request)

    def populate_demo(self, *, dataset, progress):
        from chanjiao.credit.demo import populate_credit

        return populate_credit(dataset=dataset, progress=progress)
