from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "chanjiao.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    navigation = [("surveys:questionnaires", _("Surveys"), "surveys.Questionnaire")]
    demo_order = 60

    def ready(self):
        from chanjiao.surveys import jobs  # noqa: F401  (registers the surveys.analyze job kind)

    def home_panel(self, request):
        from chanjiao.surveys.panels import home_panel

        return home_panel(request)

    def populate_demo(self, *, dataset, progress):
        from chanjiao.surveys.demo import populate_surveys

        return populate_surveys(dataset=dataset)
