"""The national calendar on the days-off page, read from the working-day calendar itself."""

from django import template
from django.utils import timezone

from hdnd_portal.followups.calendar import make_up_workdays, public_holidays

register = template.Library()

# The years the page shows; the date inputs accept the same window (1945..2100).
FIRST_YEAR, LAST_YEAR = 1945, 2100


def chosen_year(value) -> int:
    """``?year=`` when it is a year the page can show, else this year."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year


@register.simple_tag
def national_days(year=None) -> dict:
    """The public holidays and make-up working days the deadline computation uses for a year.

    Both come from :mod:`hdnd_portal.followups.calendar` (the ``holidays`` package's table
    for Vietnam, in Vietnamese), so what the page lists is what ``add_working_days`` skips.
    """
    year = chosen_year(year)
    days = [
        {"date": day, "name": name, "workday": False} for day, name in public_holidays(year).items()
    ]
    days += [
        {"date": day, "name": "Ngày làm việc bù", "workday": True} for day in make_up_workdays(year)
    ]
    days.sort(key=lambda d: d["date"])
    return {
        "year": year,
        "days": days,
        "previous": year - 1 if year > FIRST_YEAR else None,
        "next": year + 1 if year < LAST_YEAR else None,
    }
