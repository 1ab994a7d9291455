from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "chanjiao.governance"
    label = "governance"
    verbose_name = _("Agreements and councils")
    navigation = [
        ("governance:agreements", _("Agreements"), "governance.Agreement"),
        ("governance:councils", _("Councils"), "governance.Council"),
    ]
    demo_order = 890

    def dated_events(self, *, start, end, user=None):
        from chanjiao.governance.notices import dated_events

        return dated_events(start=start, end=end, user=user)

    def home_panel(self, request):
        from chanjiao.governance.panels import home_panel

        return home_panel(request)

    def populate_demo(self, *, dataset, progress):
        from chanjiao.governance.demo import populate_governance

        return populate_governance(dataset=dataset)
