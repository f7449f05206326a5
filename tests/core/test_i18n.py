"""Vietnamese by default, English on request, from the compiled catalogue."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.mo"


def test_it_has_a_compiled_english_catalogue_that_translates_list_buttons():
    assert CATALOGUE.exists(), "run `make messages` (compilemessages) first"
    with translation.override("en"):
        assert gettext("Xuất Excel") == "Export to Excel"
        assert gettext("Lọc") == "Filter"
        assert gettext("Đăng nhập") == "Log in"
    with translation.override("vi"):
        assert gettext("Xuất Excel") == "Xuất Excel"


@pytest.mark.django_db
def test_it_serves_vietnamese_even_to_an_english_browser(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Tên đăng nhập" in page
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_it_switches_to_english_when_the_user_picks_it(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302

    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in page
    assert "Username" in page
    assert "Log in to the HĐND Portal" in page


@pytest.mark.django_db
def test_it_keeps_django_validation_messages_in_vietnamese(client):
    response = client.post(
        "/accounts/login/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.context["form"].errors["username"] == ["Trường này là bắt buộc."]


CATALOGUE_PO = CATALOGUE.with_suffix(".po")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def po_entries(path):
    """The entries of a .po file (header left out), each a dict of its fields and flags.

    Enough of the format for this catalogue: comments, flags, msgctxt, msgid, msgid_plural,
    msgstr and msgstr[n], each possibly continued over several quoted lines."""
    entries, entry, field = [], {}, None

    def close():
        if entry.get("msgid"):
            entries.append(dict(entry))
        entry.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
            field = None
        elif line.startswith("#,"):
            entry.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    close()
    return entries


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = [e for e in po_entries(CATALOGUE_PO) if not e.get("obsolete")]
    assert len(entries) > 900  # the whole portal, not a stub

    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", ())]
    untranslated = [
        e["msgid"]
        for e in entries
        if not all(v for k, v in e.items() if k == "msgstr" or k.startswith("msgstr["))
    ]
    assert fuzzy == []
    assert untranslated == []


def test_the_english_catalogue_keeps_every_placeholder():
    wrong = []
    for e in po_entries(CATALOGUE_PO):
        pairs = [("msgid", "msgstr")]
        if "msgid_plural" in e:
            pairs = [("msgid", "msgstr[0]"), ("msgid_plural", "msgstr[1]")]
        for source, target in pairs:
            if sorted(PLACEHOLDER.findall(e[source])) != sorted(PLACEHOLDER.findall(e[target])):
                wrong.append(e[source])
    assert wrong == []


def test_it_names_the_records_of_the_domain_apps_in_english():
    from meetings.models import Session
    from petitions.models import Kind, Letter
    from supervision.models import ActivityKind
    from voters.models import SynthesizedPetition, VoterMeeting

    with translation.override("en"):
        assert str(VoterMeeting._meta.verbose_name) == "voter contact meeting"
        assert str(SynthesizedPetition._meta.verbose_name) == "consolidated petition"
        assert str(Letter._meta.verbose_name) == "letter"
        assert str(Kind.DENUNCIATION.label) == "Denunciation"
        assert str(Session._meta.verbose_name) == "session"
        assert str(ActivityKind.THEMATIC.label) == "Thematic supervision"
    with translation.override("vi"):
        assert str(VoterMeeting._meta.verbose_name) == "cuộc tiếp xúc cử tri"


def test_it_counts_rows_in_english_with_the_right_plural():
    template = Template(
        "{% load i18n %}{% blocktranslate count n=n %}Nhập {{ n }} dòng"
        "{% plural %}Nhập {{ n }} dòng{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert template.render(Context({"n": 1})) == "Import 1 row"
        assert template.render(Context({"n": 12})) == "Import 12 rows"


@pytest.mark.django_db
def test_the_english_login_page_lists_the_public_pages_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    page = client.get("/accounts/login/").content.decode()
    assert "Public, no login required" in page
    assert "People's Council sessions and resolutions" in page
    assert "Voter petitions and their answers" in page
