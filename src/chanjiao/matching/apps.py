from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "chanjiao.matching"
    verbose_name = _("Placements and matching")
    navigation = [("matching:placements", _("Placements"))]
    demo_order = 20

    def populate_demo(self, *, dataset, progress):
        from chanjiao.matching.demo import populate_placements

        return populate_placements(dataset=dataset)
