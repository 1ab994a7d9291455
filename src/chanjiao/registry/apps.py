from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "chanjiao.registry"
    verbose_name = _("Registry")
    # A label with a list of links is a drop-down menu in the header.
    navigation = [
        ("registry:organisations", _("Organisations")),
        ("registry:carriers", _("Carriers")),
        (
            _("Registry"),
            [
                ("registry:programs", _("Programs"), "registry.Program"),
                ("registry:students", _("Students"), "registry.Student"),
                ("registry:teachers", _("Teachers"), "registry.Teacher"),
                ("registry:occupations", _("Occupations")),
                ("registry:regions", _("Regions")),
            ],
        ),
    ]
