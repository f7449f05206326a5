"""The voters' pickers (``hdnd_portal.core.pickers``): the merge page and the
synthesised petition's form list the chosen petition and the latest ones, not the council's
whole history; a search box finds any other (diacritics ignored), in the user's council only."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hdnd_portal.core.pickers import LIMIT
from tests.factories import SynthesizedPetitionFactory, VoterPetitionFactory
from voters.models import SynthesizedPetition

pytestmark = pytest.mark.django_db

PICKER = reverse("core-picker", args=["voters.synthesizedpetition"])


def history(vw, n):
    return [
        SynthesizedPetitionFactory(council=vw.council, field=vw.road, content=f"Kiến nghị số {i}")
        for i in range(n)
    ]


def options_of(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d*)"', select)


def test_the_merge_page_lists_the_latest_petitions_not_all_of_them(client, vw):
    old = history(vw, LIMIT + 5)
    client.force_login(vw.staff)
    html = client.get(reverse("voters-merge")).content.decode()
    listed = options_of(html, "repeat_of")
    assert listed[0] == ""  # the empty choice, in words
    assert [int(pk) for pk in listed[1:]] == [s.pk for s in reversed(old[-LIMIT:])]
    assert "---------" not in html
    assert 'name="repeat_of__q"' in html and PICKER in html
    assert "Gần đây nhất" in html


def test_the_merge_page_reads_as_many_queries_whatever_the_history(client, vw):
    client.force_login(vw.staff)
    history(vw, 3)
    client.get(reverse("voters-merge"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("voters-merge"))
    history(vw, 40)
    with CaptureQueriesContext(connection) as big:
        response = client.get(reverse("voters-merge"))
    assert len(options_of(response.content.decode(), "repeat_of")) == LIMIT + 1
    assert len(big.captured_queries) == len(small.captured_queries)


def test_an_old_petition_not_listed_can_still_be_chosen_and_stays_chosen(client, vw):
    old = history(vw, LIMIT + 3)
    oldest = old[0]
    raw = VoterPetitionFactory(meeting__holder=vw.group, meeting__session=vw.session, field=vw.road)
    client.force_login(vw.staff)
    response = client.post(
        reverse("voters-merge"),
        {
            "petitions": [raw.pk],
            "content": "Sửa đường liên thôn",
            "field": vw.road.pk,
            "repeat_of": oldest.pk,
        },
    )
    assert response.status_code == 302
    synth = SynthesizedPetition.objects.get(content="Sửa đường liên thôn")
    assert synth.repeat_of == oldest
    # Its form shows the chosen one, selected, above the latest (which it is not among).
    html = client.get(reverse("voters-synthesizedpetition-update", args=[synth.pk])).content
    listed = options_of(html.decode(), "repeat_of")
    assert listed[1] == str(oldest.pk)
    assert f'<option value="{oldest.pk}" selected>#{oldest.pk} — Kiến nghị số 0</option>' in (
        html.decode()
    )
    # The record itself is never offered as its own repeat.
    assert str(synth.pk) not in listed


def test_the_search_finds_without_diacritics_in_the_users_council_only(client, vw, other_council):
    history(vw, 2)
    wanted = SynthesizedPetitionFactory(
        council=vw.council, field=vw.road, content="Đề nghị nạo vét kênh mương thôn Đông"
    )
    SynthesizedPetitionFactory(council=other_council, content="Nạo vét kênh mương xã khác")
    client.force_login(vw.staff)
    response = client.get(
        PICKER, {"field": "repeat_of", "target": "id_repeat_of_found", "repeat_of__q": "nao vet"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<option value="(\d+)"', html) == [str(wanted.pk)]
    assert 'id="id_repeat_of_found"' in html and "Kết quả tìm “nao vet”" in html
    # Nothing found: said so, with no option.
    html = client.get(PICKER, {"field": "repeat_of", "repeat_of__q": "xyzzy"}).content.decode()
    assert "Không tìm thấy “xyzzy”" in html and "<option" not in html


def test_the_search_reads_as_many_queries_whatever_the_history(client, vw):
    client.force_login(vw.staff)
    history(vw, 3)
    client.get(PICKER, {"field": "repeat_of", "repeat_of__q": "kien nghi"})
    with CaptureQueriesContext(connection) as small:
        client.get(PICKER, {"field": "repeat_of", "repeat_of__q": "kien nghi"})
    history(vw, 40)
    with CaptureQueriesContext(connection) as big:
        response = client.get(PICKER, {"field": "repeat_of", "repeat_of__q": "kien nghi"})
    assert len(re.findall(r"<option ", response.content.decode())) == LIMIT
    assert f"({LIMIT} mới nhất)" in response.content.decode()
    assert len(big.captured_queries) == len(small.captured_queries)


def test_the_search_leaves_out_the_chosen_and_the_excluded(client, vw):
    a, b, c = history(vw, 3)
    client.force_login(vw.staff)
    html = client.get(
        PICKER, {"field": "repeat_of", "repeat_of": a.pk, "exclude": b.pk, "repeat_of__q": "so"}
    ).content.decode()
    assert re.findall(r'<option value="(\d+)"', html) == [str(c.pk)]


@pytest.mark.parametrize(
    ("code", "params"),
    [
        ("voters.nothing", {}),
        ("voters.synthesizedpetition", {"field": 'repeat_of"><script>'}),
        ("voters.synthesizedpetition", {"target": "x y"}),
    ],
)
def test_an_unknown_picker_or_a_bad_name_is_not_found(client, vw, code, params):
    client.force_login(vw.staff)
    assert client.get(reverse("core-picker", args=[code]), params).status_code == 404


def test_an_agency_finds_only_what_was_forwarded_to_it(client, vw):
    from voters import services

    kept, sent = history(vw, 2)
    services.synth_assign(
        synth=sent, agency=vw.agency, started_on=vw.session.start_date, by_user=vw.staff
    )
    client.force_login(vw.agency_user)
    html = client.get(PICKER, {"field": "repeat_of"}).content.decode()
    assert re.findall(r'<option value="(\d+)"', html) == [str(sent.pk)]


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(PICKER)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_petition_is_raised_at_a_meeting_found_by_its_place(client, vw):
    from tests.factories import VoterMeetingFactory

    meetings = [
        VoterMeetingFactory(holder=vw.group, session=vw.session, place=f"Nhà văn hóa thôn {n}")
        for n in range(LIMIT + 2)
    ]
    meetings[0].place = "Nhà văn hóa thôn Đông Hải"
    meetings[0].save()
    client.force_login(vw.staff)
    html = client.get(reverse("voters-voterpetition-create")).content.decode()
    listed = options_of(html, "meeting")
    assert [int(pk) for pk in listed[1:]] == [m.pk for m in reversed(meetings[-LIMIT:])]
    picker = reverse("core-picker", args=["voters.votermeeting"])
    found = client.get(picker, {"field": "meeting", "meeting__q": "dong hai"})
    assert re.findall(r'<option value="(\d+)"', found.content.decode()) == [str(meetings[0].pk)]
