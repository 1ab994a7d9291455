from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "chanjiao.registry"
    verbose_name = _("Registry")
    navigation = [
        ("registry:organisations", _("Organisations")),
        ("registry:programs", _("Programs")),
        ("registry:carriers", _("Carriers")),
        ("registry:students", _("Students")),
        ("registry:teachers", _("Teachers")),
        ("registry:occupations", _("Occupations")),
        ("registry:regions", _("Regions")),
    ]
