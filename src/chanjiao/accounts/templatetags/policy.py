"""Templates ask the access policy, never the role: ``{% allowed "change" obj as can_edit %}``,
``{% possible "create" "docking.Posting" as can_post %}``."""

from django import template
from django.apps import apps

from chanjiao.accounts import access

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context, action, obj):
    """Whether the signed-in user may do ``action`` with the record ``obj``."""
    return obj is not None and access.allows(context["request"].user, access.Action(action), obj)


@register.simple_tag(takes_context=True)
def possible(context, action, model_label):
    """Whether the signed-in user may do ``action`` with some record of ``app.Model`` (no query)."""
    return access.possible(context["request"].user, access.Action(action), apps.get_model(model_label))
