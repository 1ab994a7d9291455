from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "chanjiao.ledger"
    verbose_name = _("Record log")
    navigation = [("ledger:log", _("Record log"))]
    # After every app that adds records to the demo region: the log takes them all in.
    demo_order = 1000

    def ready(self) -> None:
        from chanjiao.ledger import jobs, keys  # noqa: F401  (job kinds and the key check register)
        from chanjiao.ledger.records import register_record_types
        from chanjiao.ledger.registry_records import RECORD_TYPES
        from chanjiao.web.plugins import domain_modules

        register_record_types(RECORD_TYPES)
        for module in domain_modules("ledger_records"):
            register_record_types(module.RECORD_TYPES)

    def home_panel(self, request):
        from chanjiao.accounts import access
        from chanjiao.ledger.models import LogState
        from chanjiao.ledger.selectors import latest_head, log_state

        if not access.possible(request.user, access.Action.REVIEW, LogState):
            return None
        tree_size, root = log_state()
        return "ledger/_home_panel.html", {"tree_size": tree_size, "root": root.hex(), "head": latest_head()}

    def populate_demo(self, *, dataset, progress) -> dict:
        """Log every record of the demo region and sign a head, so its pages show verified badges."""
        from chanjiao.ledger.services import record_existing, sign_tree_head

        logged = record_existing(actor=None)
        sign_tree_head(actor=None)
        return {"ledger_leaves": sum(logged.values())}
