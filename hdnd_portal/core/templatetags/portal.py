from django import template
from django.templatetags.static import static
from django.utils.formats import date_format
from django.utils.html import format_html

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
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return value


@register.simple_tag(takes_context=True)
def page_url(context, page_number):
    qs = context.get("querystring", "")
    return f"?{qs}&page={page_number}" if qs else f"?page={page_number}"


@register.simple_tag
def icon(name, extra=""):
    """An icon from the Bootstrap Icons sprite: ``{% icon "bell" %}``, ``{% icon item.icon "me-1" %}``.

    The sprite holds only the icons the code uses (``make assets`` builds it; a test fails when
    an icon is missing), so the first load no longer carries the 216 KB icon font. The URL goes
    through ``static()`` so production gets the hashed, cached-forever name. Decorative only:
    the text beside the icon says what it means. An empty name renders nothing.
    """
    if not name:
        return ""
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false" width="1em" height="1em" '
        'fill="currentColor"><use href="{}#{}"></use></svg>',
        f"bi {extra}".strip(),
        static("vendor/icons/sprite.svg"),
        name,
    )


@register.filter
def num(value, decimals=1):
    """1234 -> "1.234", 82.44 -> "82,4" (hdnd_portal.core.numbers)."""
    from hdnd_portal.core.numbers import vi_number

    return vi_number(value, int(decimals))


@register.filter
def pct(value, decimals=1):
    """82.44 -> "82,4%" (a share already in percent)."""
    from hdnd_portal.core.numbers import vi_percent

    return vi_percent(value, int(decimals))


@register.filter
def show_when(field):
    """The attributes that hide a form field for the other kinds of record: a form names them
    in ``show_when = {"complaint_round": ("kind", ("complaint",))}`` (static/js/portal.js)."""
    rule = getattr(field.form, "show_when", {}).get(field.name)
    if not rule:
        return ""
    control, values = rule
    control_id = field.form[control].id_for_label
    return format_html(
        ' data-show-when-field="{}" data-show-when-values="{}"', control_id, " ".join(values)
    )
