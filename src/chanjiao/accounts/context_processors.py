from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("registry:organisations", _("Organisations")),
    ("registry:programs", _("Programs")),
    ("registry:carriers", _("Carriers")),
    ("registry:students", _("Students")),
    ("registry:teachers", _("Teachers")),
    ("registry:occupations", _("Occupations")),
    ("registry:regions", _("Regions")),
]


def navigation(request):
    return {"navigation": NAVIGATION}
