from django.urls import reverse

from chanjiao.accounts import access


def notices_link(request):
    """The header's link to one's notifications; its unread badge loads by itself (htmx), so no
    page pays a query for it."""
    if access.actor_of(request.user) is None:
        return {}
    return {
        "notices_url": reverse("notifications:list"),
        "notices_badge_url": reverse("notifications:badge"),
    }
