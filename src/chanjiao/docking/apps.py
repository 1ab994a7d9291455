from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DockingConfig(AppConfig):
    name = "chanjiao.docking"
    label = "docking"
    verbose_name = _("Information docking and supply–demand")
    navigation = [
        ("docking:index", _("Docking"), "docking.Posting"),
        ("docking:dashboard", _("Supply & demand"), "docking.SupplyDemandRun"),
    ]
    demo_order = 30
    # The supply–demand table and its advice are rebuilt once the placements (35) and their
    # training outcomes (40) exist, which the advice lists as evidence.
    finish_demo_order = 45

    def ready(self):
        from chanjiao.docking import jobs  # noqa: F401  (registers the job kinds)

    def home_tasks(self, request):
        from chanjiao.docking.tasks import home_tasks

        return home_tasks(request)

    def home_panel(self, request):
        from chanjiao.docking.notifications import home_panel

        return home_panel(request)

    def populate_demo(self, *, dataset, progress):
        from chanjiao.docking.demo import populate_docking

        return populate_docking(dataset=dataset, progress=progress)

    def finish_demo(self, *, dataset, progress):
        from chanjiao.docking.demo import refresh_demo_table

        return refresh_demo_table(dataset=dataset, progress=progress)
