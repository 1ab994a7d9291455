from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "chanjiao.accounts"
    verbose_name = _("Accounts and access")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from chanjiao.accounts.sessions import mark_seen

        # Every app declares the access rules of its models in its own `policy` module.
        autodiscover_modules("policy")
        user_logged_in.connect(mark_seen, dispatch_uid="chanjiao.accounts.sessions.mark_seen")
