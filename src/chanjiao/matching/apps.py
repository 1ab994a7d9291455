from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "chanjiao.matching"
    verbose_name = _("Placements and matching")
    navigation = [
        ("matching:placements", _("Placements"), "matching.Placement"),
        ("matching:rounds", _("Matching"), "matching.MatchingRound"),
    ]
    # After docking (30), whose published postings give a round its seats; before practical
    # training (40), which builds on placements.
    demo_order = 35

    def ready(self):
        from chanjiao.matching import jobs  # noqa: F401  (registers the job kind)

    def home_tasks(self, request):
        from chanjiao.matching.tasks import home_tasks

        return home_tasks(request)

    def home_panel(self, request):
        from chanjiao.matching.panels import home_panel

        return home_panel(request)

    def populate_demo(self, *, dataset, progress):
        from chanjiao.matching.demo import populate_placements
        from chanjiao.matching.demo_round import populate_round

        counts = populate_placements(dataset=dataset)
        counts.update(populate_round(dataset=dataset))
        return counts

    def dated_events(self, *, start, end, user=None):
        from chanjiao.matching.notices import dated_events

        return dated_events(start=start, end=end, user=user)

    def program_outcomes(self, year):
        from chanjiao.matching.selectors import program_placement_counts

        return program_placement_counts(year)
