"""Forms of group discussions and social criticism (the commands check the rules)."""

from django import forms

from councils.models import Agency
from hdnd_portal.core.forms import CouncilScopedForm
from meetings.models import (
    DiscussionGroup,
    DiscussionOpinion,
    Session,
    SessionDocument,
    SocialCriticism,
)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _picked(form, name):
    """The id chosen for ``name``: posted, else the initial value, else the record's."""
    if form.is_bound:
        return _int(form.data.get(name))
    value = form.initial.get(name)
    if value is None:
        value = getattr(form.instance, f"{name}_id", None)
    return _int(getattr(value, "pk", value))


class DiscussionGroupForm(CouncilScopedForm):
    class Meta:
        model = DiscussionGroup
        fields = [
            "session",
            "name",
            "held_on",
            "time_label",
            "place",
            "members",
            "chair",
            "secretary",
            "topics",
            "summary",
        ]
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "topics": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = self.fields["session"].queryset.order_by(
            "-start_date", "-id"
        )
        self.fields["members"].widget.attrs["class"] = "form-check-input"
        session_id = _picked(self, "session")
        if session_id:
            # The session's term only; the command refuses anyone not in office that day.
            term = Session.objects.filter(pk=session_id).values_list("term_id", flat=True).first()
            for name in ("members", "chair", "secretary"):
                field = self.fields[name]
                field.queryset = field.queryset.filter(term_id=term).order_by("sort_name", "id")
                field.label_from_instance = lambda d: d.full_name
        if self.instance.pk and not self.is_bound:
            self.initial["members"] = [d.pk for d in self.instance.members.all()]


class DiscussionOpinionForm(CouncilScopedForm):
    class Meta:
        model = DiscussionOpinion
        fields = [
            "group",
            "speaker",
            "speaker_text",
            "agenda_item",
            "draft",
            "content",
            "uptake",
            "resolution",
            "agency",
            "answer",
            "answered_on",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 4}),
            "answer": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = self.fields["draft"].queryset.filter(
            kind=SessionDocument.Kind.DRAFT_RESOLUTION
        )
        group_id = _picked(self, "group")
        group = DiscussionGroup.objects.filter(pk=group_id).first() if group_id else None
        if group is not None:
            # Choices of the group's own session; a posted choice outside it is refused by
            # the model's rules with its message, not by a narrowed list.
            speaker = self.fields["speaker"]
            speaker.label_from_instance = lambda d: d.full_name
            if not self.is_bound:
                speaker.queryset = group.members.order_by("sort_name", "id")
            for name in ("agenda_item", "draft", "resolution"):
                field = self.fields[name]
                field.label_from_instance = str
                if not self.is_bound:
                    field.queryset = field.queryset.filter(session_id=group.session_id)


class SocialCriticismForm(CouncilScopedForm):
    class Meta:
        model = SocialCriticism
        fields = [
            "draft",
            "front",
            "reference",
            "dated_on",
            "received_on",
            "opinions",
            "file",
            "uptake",
            "explanation",
            "explanation_reference",
            "explained_on",
        ]
        widgets = {
            "opinions": forms.Textarea(attrs={"rows": 4}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        draft = self.fields["draft"]
        draft.queryset = draft.queryset.filter(
            kind=SessionDocument.Kind.DRAFT_RESOLUTION
        ).select_related("session")
        draft.label_from_instance = lambda d: f"{d.session.name}: {d.title}"
        files = self.fields["file"]
        files.queryset = files.queryset.filter(kind=SessionDocument.Kind.SOCIAL_CRITICISM)
        files.label_from_instance = lambda d: d.title
        front = self.fields["front"]
        front.queryset = front.queryset.order_by("name")
        session_id = _int(self.initial.get("draft_session"))
        if session_id and not self.is_bound:
            draft.queryset = draft.queryset.filter(session_id=session_id)
            files.queryset = files.queryset.filter(session_id=session_id)
        if not self.is_bound and not self.instance.pk and "front" not in self.initial:
            mttq = front.queryset.filter(kind=Agency.Kind.MTTQ).first()
            if mttq is not None:
                self.initial["front"] = mttq.pk
