"""The kernel's state machine: one table per model, a Vietnamese refusal every door shows."""

import pytest
from django.core.exceptions import ValidationError

from hdnd_portal.core.states import InvalidTransition
from meetings.models import Session
from petitions.models import Letter
from supervision.models import Activity


def test_a_move_from_a_state_the_table_does_not_list_is_refused_in_vietnamese():
    session = Session(state=Session.State.CLOSED)
    assert not session.allows("open")
    with pytest.raises(InvalidTransition) as caught:
        session.transition("open")
    assert caught.value.messages == ["Kỳ họp này đã khai mạc hoặc đã bế mạc."]
    assert isinstance(caught.value, ValidationError)  # every adapter shows it as a refusal
    assert session.state == Session.State.CLOSED  # nothing moved


def test_a_move_the_table_allows_sets_its_target_without_saving():
    session = Session(state=Session.State.PLANNED)
    assert session.transition("prepare") == Session.State.PREPARING
    assert session.state == Session.State.PREPARING and session.pk is None


def test_a_refusal_can_stand_under_the_form_field_it_belongs_to():
    letter = Letter(state=Letter.State.GUIDED)
    with pytest.raises(InvalidTransition) as caught:
        letter.check_transition("forward", field="agency")
    assert caught.value.message_dict == {
        "agency": ["Đơn đang ở tình trạng “Đã hướng dẫn công dân”, không chuyển lại."]
    }


def test_each_state_machine_names_a_target_for_each_of_its_moves():
    for model in (Session, Letter, Activity):
        for action in model.TRANSITIONS:
            assert model.sources(action), (model, action)
            assert model.target(action) is not None, (model, action)
