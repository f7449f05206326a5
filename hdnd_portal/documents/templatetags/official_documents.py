from django import template

from hdnd_portal.core.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def access_can(context, resource: str, action: str) -> bool:
    """``{% access_can "documents.documentregister" "add" as can_issue %}``."""
    return can(context.get("access"), resource, action)
