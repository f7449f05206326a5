from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def cell(value):
    """Display a list or detail value: dates dd/mm/yyyy, booleans Có/Không, blanks —."""
    import datetime as dt

    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, dt.date):
        return date_format(value, "d/m/Y")
    return value


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    qs = context.get("querystring", "")
    return f"?{qs}&page={page_number}" if qs else f"?page={page_number}"
