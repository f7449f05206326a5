"""Issue 19, irreversible actions ask first: closing a vote, issuing a number and closing a
session answer a confirmation page naming the consequence (a plain form: no JavaScript needed);
only its confirmed POST does the deed."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Resolution, Session
from tests.factories import ResolutionFactory
from tests.meetings.doors import attend


@pytest.fixture
def voted(sitting):
    attend(sitting.session, sitting.delegates, 15)
    services.session_open(session=sitting.session)
    resolution = ResolutionFactory(session=sitting.session)
    services.votes_all_present_for(resolution=resolution)
    sitting.resolution = resolution
    return sitting


def close_vote(s):
    return reverse("meetings-resolution-vote-action", args=[s.resolution.pk, "close"])


def issue(s):
    services.vote_close(resolution=s.resolution)
    return reverse("meetings-resolution-issue", args=[s.resolution.pk])


def close_session(s):
    return reverse("meetings-session-transition", args=[s.session.pk, "close"])


def vote_closed(s):
    return Resolution.objects.get(pk=s.resolution.pk).vote_closed


def issued(s):
    return Resolution.objects.get(pk=s.resolution.pk).document_id is not None


def session_closed(s):
    return Session.objects.get(pk=s.session.pk).state == Session.State.CLOSED


@pytest.mark.parametrize(
    "url, done, consequence, button",
    [
        (
            close_vote,
            vote_closed,
            "<strong>Kết thúc biểu quyết:</strong> kết quả sẽ được ghi vào nghị quyết và không "
            "sửa được.",
            "Xác nhận kết thúc biểu quyết",
        ),
        (
            issue,
            issued,
            "<strong>Cấp số nghị quyết:</strong> nghị quyết nhận số tiếp theo trong sổ đăng ký "
            "văn bản và được công khai; số đã cấp không thu hồi, không cấp lại được.",
            "Xác nhận cấp số nghị quyết",
        ),
        (
            close_session,
            session_closed,
            "<strong>Bế mạc kỳ họp:</strong> kỳ họp kết thúc, không ghi thêm điểm danh và biểu "
            "quyết; các việc chuẩn bị kỳ họp còn mở được đóng lại. Không mở lại được.",
            "Xác nhận bế mạc kỳ họp",
        ),
    ],
    ids=["close-vote", "issue-number", "close-session"],
)
def test_an_irreversible_button_asks_first_naming_the_consequence(
    voted, client, url, done, consequence, button
):
    client.force_login(voted.staff)
    action = url(voted)
    response = client.post(action)
    page = response.content.decode()
    assert response.status_code == 200 and consequence in page
    assert f'<form method="post" action="{action}"' in page
    assert '<input type="hidden" name="confirmed" value="1">' in page and button in page
    assert not done(voted)

    response = client.post(action, {"confirmed": "1"})
    assert response.status_code == 302
    assert done(voted)


def test_closing_a_session_names_the_votes_still_open(voted, client):
    client.force_login(voted.staff)
    page = client.post(close_session(voted)).content.decode()
    assert "Còn 1 nghị quyết chưa kết thúc biểu quyết" in page
