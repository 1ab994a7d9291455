from chanjiao.web.plugins import navigation as domain_navigation


def navigation(request):
    return {"navigation": domain_navigation()}
