from django.urls import reverse

from chanjiao.web.plugins import navigation as domain_navigation


def navigation(request):
    """Header links: (url name, label) is a link; (label, [(url name, label), ...]) a drop-down."""
    entries = []
    for first, second in domain_navigation():
        if isinstance(second, list | tuple):
            entries.append(
                {"label": first, "children": [{"url": reverse(u), "label": label} for u, label in second]}
            )
        else:
            entries.append({"label": second, "url": reverse(first)})
    return {"navigation": entries}
