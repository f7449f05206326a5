"""Every list page, and its Excel export, answers every choice of every filter: never a 500.

Generated, not hand-picked: the lists are found by walking the URLconf and asking each page
(a :class:`~hdnd_portal.core.resources.Resource` or a hand-written page such as the follow-up
inbox) for the filter set it renders; the values are read from that filter set's own form,
as the user sees them (scoped choices, callable choices, the "Tất cả / Có / Không" of a
yes/no filter, a date for a date filter). A new list, a new filter or a new choice is covered
without touching this file; a filter field of a kind it cannot fill fails it loudly.

On the demo commune (``seed_demo``), as its administrator, who may view and export every list.
"""

import datetime as dt
import io

import pytest
from django import forms
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlencode
from django_filters import FilterSet

from councils.models import Council, User
from hdnd_portal.core.listing import EXPORT_FORMAT
from hdnd_portal.core.resources import Resource
from hdnd_portal.core.widgets import DISPLAY_FORMAT
from tests.test_url_walk import named_urls
from tests.xlsx import XLSX

pytestmark = pytest.mark.django_db

TODAY = "2026-11-28"
# URL parameters a list page may take (the public pages name the council by its slug).
LIST_PARAMS = {"slug": lambda council: council.slug}
# Not pages: the API (its lists have their own generated test) and Django's admin.
NOT_PAGES = ("api-", "admin:")


@pytest.fixture
def demo(settings):
    """The demo commune, seeded as `make run` does, and its administrator."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--force", "--today", TODAY, stdout=io.StringIO())
    return Council.objects.get(slug="phuc-loc"), User.objects.get(username="admin")


def candidate_urls(council) -> dict[str, str]:
    """Every page URL that can be built from the council alone: the lists are among them."""
    urls = {}
    for name, params in named_urls().items():
        if name.startswith(NOT_PAGES) or not set(params) <= set(LIST_PARAMS):
            continue
        urls[name] = reverse(name, kwargs={p: LIST_PARAMS[p](council) for p in params})
    return urls


def resource_lists() -> dict[str, Resource]:
    """Every registered Resource's list page (URL name -> resource), from the URLconf."""
    found = {}

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern):
                view = getattr(p.callback, "__wrapped__", p.callback)
                owner = getattr(view, "__self__", None)
                if isinstance(owner, Resource) and view.__func__ is Resource.list_view:
                    found[p.name] = owner

    walk(get_resolver().url_patterns)
    return found


def filter_of(response) -> FilterSet | None:
    value = response.context.get("filter") if response.context else None
    return value if isinstance(value, FilterSet) else None


def filtered_lists(client, council) -> dict[str, tuple[str, FilterSet, bool]]:
    """URL name -> (URL, the filter set the unfiltered page renders, whether it offers the
    Excel download) of every filtered list."""
    lists = {}
    for name, url in sorted(candidate_urls(council).items()):
        response = client.get(url)
        filterset = filter_of(response) if response.status_code == 200 else None
        if filterset is not None:
            lists[name] = (url, filterset, bool(response.context.get("can_export")))
    return lists


def flat_choices(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an optgroup
            yield from flat_choices(label)
        else:
            yield value


def field_values(field: forms.Field) -> list[str]:
    """Every value a user can send in this filter field (its empty choice left out)."""
    if isinstance(field, forms.NullBooleanField):
        return [str(v) for v in flat_choices(field.widget.choices) if v not in ("", None)]
    if isinstance(field, forms.BooleanField):
        return ["true", "false"]
    if hasattr(field, "choices"):
        # ModelChoiceIteratorValue and callable choices alike: what the <option> carries.
        return [str(v) for v in flat_choices(field.choices) if str(v) != ""]
    if isinstance(field, forms.DateField):
        return [dt.date.fromisoformat(TODAY).strftime(DISPLAY_FORMAT)]
    if isinstance(field, forms.IntegerField):
        # A year filter (1945-2100) gets the demo's year; any other number its smallest.
        year = dt.date.fromisoformat(TODAY).year
        low, high = field.min_value, field.max_value
        if (low is None or low <= year) and (high is None or year <= high):
            return [str(year)]
        return [str(low)]
    if isinstance(field, forms.CharField):
        return ["a"]
    raise AssertionError(f"no values for a {type(field).__name__}: teach field_values() its kind")


def test_every_list_and_its_export_answer_every_filter_choice(client, demo):
    council, admin = demo
    client.force_login(admin)
    lists = filtered_lists(client, council)
    # The walk reaches every filtered Resource list, and the hand-written ones.
    missing = sorted(
        name
        for name, resource in resource_lists().items()
        if resource.filterset_class is not None and name not in lists
    )
    assert not missing, f"filtered Resource lists the walk did not reach: {missing}"
    assert {"followups-inbox", "voters-public"} <= set(lists)

    failures = []
    requests = 0
    for name, (url, filterset, exports) in lists.items():
        for field_name, field in filterset.form.fields.items():
            for value in field_values(field):
                for params in ({field_name: value}, {field_name: value, "format": EXPORT_FORMAT}):
                    requests += 1
                    failure = check(client, url, params, exports)
                    if failure:
                        failures.append(f"{name} {url}?{urlencode(params)}: {failure}")
    assert requests > 500, requests
    assert not failures, f"{len(failures)} of {requests} requests failed:\n" + "\n".join(failures)


def check(client, url, params: dict, exports: bool) -> str:
    """What is wrong with the page (or its export) filtered by ``params``: "" if nothing."""
    try:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    except Exception as exc:  # noqa: BLE001 - a 500: every failure is collected and reported
        return f"{type(exc).__name__}: {exc}"
    if response.status_code != 200:
        return str(response.status_code)
    if "format" in params:
        if exports and not response["Content-Type"].startswith(XLSX):
            return "no Excel file"
        return ""
    shown = filter_of(response)
    if shown is not None and shown.form.errors:
        # A choice the page offers must be one it accepts.
        return f"refused {dict(shown.form.errors)}"
    return ""
