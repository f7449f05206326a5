"""Writes of the councils app: each a command (``fn(*, access, instance, values)``, see
``hdnd_portal.core.commands``) that the page, the API and the imports call alike."""

from django.core.exceptions import ValidationError
from django.db import transaction

from councils.models import Training
from hdnd_portal.core.commands import save_with_values


def delegates_out_of_office(delegates, start, end) -> list:
    """The delegates whose mandate does not cover any day of ``start``–``end``."""
    end = end or start
    return [d for d in delegates if (d.end_date and d.end_date < start) or (d.start_date > end)]


@transaction.atomic
def training_save(*, access, instance, values) -> Training:
    """Save a training and its trainees: only delegates in office during the training."""
    start = values.get("start_date", instance.start_date if instance else None)
    end = values.get("end_date", instance.end_date if instance else None) or start
    delegates = values.get("delegates")
    if delegates is None and instance is not None and start:
        delegates = list(instance.delegates.all())
        # Moving the dates must not leave a trainee outside their mandate either.
    if start and delegates:
        absent = delegates_out_of_office(delegates, start, end)
        if absent:
            raise ValidationError(
                {
                    "delegates": "Không phải đại biểu trong thời gian tập huấn: "
                    + ", ".join(d.full_name for d in absent)
                    + "."
                }
            )
    return save_with_values(instance or Training(), values, access=access)
