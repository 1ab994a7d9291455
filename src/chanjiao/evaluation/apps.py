from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "chanjiao.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation and early warning")
    navigation = [
        (
            _("Evaluation"),
            [
                ("evaluation:dashboard", _("Lights dashboard"), "evaluation.UnitResult"),
                ("evaluation:cycles", _("Evaluation cycles"), "evaluation.Cycle"),
                ("evaluation:cases", _("Rectification"), "evaluation.RectificationCase"),
                ("evaluation:funding", _("Performance funding"), "evaluation.FundingAllocation"),
                ("evaluation:returns", _("Annual returns"), "evaluation.AnnualReturn"),
                ("evaluation:schemes", _("Evaluation schemes"), "evaluation.Scheme"),
            ],
        )
    ]
    demo_order = 60

    def ready(self):
        from chanjiao.evaluation import jobs  # noqa: F401  (registers the job kind)

    def dated_events(self, *, start, end, user=None):
        from chanjiao.evaluation.notices import dated_events

        return dated_events(start=start, end=end, user=user)

    def home_tasks(self, request):
        from chanjiao.evaluation.tasks import home_tasks

        return home_tasks(request)

    def home_panel(self, request):
        from chanjiao.evaluation.panels import home_panel

        return home_panel(request)

    def populate_demo(self, *, dataset, progress):
        from chanjiao.evaluation.demo import populate_evaluation

        return populate_evaluation(dataset=dataset, progress=progress)
