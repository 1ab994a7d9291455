from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "chanjiao.tracking"
    label = "tracking"
    verbose_name = _("Curriculum, training and graduate tracking")
    navigation = [
        (
            _("Training & careers"),
            [
                ("tracking:trainings", _("Practical training"), "matching.Placement"),
                (
                    "tracking:compliance",
                    _("Internship compliance"),
                    "registry.Organisation",
                    "view_compliance",
                ),
                ("tracking:graduates", _("Graduates"), "tracking.Graduate"),
                ("tracking:outcomes", _("Outcomes"), "registry.Organisation", "view_outcomes"),
                ("tracking:exams", _("Certification exams"), "registry.Student"),
                ("tracking:standards", _("Job standards")),
                ("tracking:change_requests", _("Course change requests"), "tracking.CourseChangeRequest"),
                ("tracking:xapi_sources", _("Learning records (xAPI)"), "tracking.XapiSource"),
            ],
        )
    ]
    demo_order = 40

    def home_tasks(self, request):
        from chanjiao.tracking.tasks import home_tasks

        return home_tasks(request)

    def home_panel(self, request):
        from chanjiao.tracking.panels import home_panel

        return home_panel(request)

    def populate_demo(self, *, dataset, progress):
        from chanjiao.tracking.demo import populate_tracking

        return populate_tracking(dataset=dataset, progress=progress)

    def credit_figures(self, enterprise_ids, years):
        from chanjiao.tracking.compliance import breach_counts

        return breach_counts(enterprise_ids, years)

    def program_outcomes(self, year):
        from chanjiao.tracking.selectors import program_conversion_counts

        return program_conversion_counts(year)
