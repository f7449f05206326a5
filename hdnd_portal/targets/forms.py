from django import forms

from councils.models import Committee
from hdnd_portal.core.forms import CouncilScopedForm
from hdnd_portal.targets.metrics import metrics
from hdnd_portal.targets.models import Target


class TargetForm(CouncilScopedForm):
    metric = forms.ChoiceField(label="Chỉ số đo", help_text="Số liệu tính từ hồ sơ của phân hệ")

    class Meta:
        model = Target
        fields = [
            "code",
            "title",
            "metric",
            "body",
            "committee",
            "period_kind",
            "unit",
            "threshold",
            "order",
            "active",
            "note",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(m.code, m.label) for m in metrics()]
        current = self.instance.metric if self.instance.pk else ""
        if current and current not in dict(choices):
            # A metric of an app not installed here stays selectable (shown as "Chưa có số liệu").
            choices.append((current, f"{current} (chưa có số liệu)"))
        self.fields["metric"].choices = [("", "— Chọn chỉ số đo —"), *choices]
        if "committee" in self.fields:
            field = self.fields["committee"]
            field.queryset = field.queryset.filter(kind=Committee.Kind.BAN)
