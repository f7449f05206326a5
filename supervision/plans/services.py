"""Writes of delegates' supervision plans; the page, the API and the import call these."""

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd_portal.core.commands import save_with_values
from supervision.models import OWN_PLAN, DelegatePlan, DelegatePlanItem
from supervision.models.plans import MANAGERS


def _own(access, delegate_id) -> bool:
    return access.role in MANAGERS or (
        access.delegate_id is not None and access.delegate_id == delegate_id
    )


@transaction.atomic
def delegateplan_save(*, access, instance, values) -> DelegatePlan:
    """A delegate's yearly plan. A delegate files their own (the delegate defaults to them);
    the Office and the Standing Committee any delegate's."""
    values = dict(values)
    if instance is None and not values.get("delegate") and access.delegate_id:
        from councils.models import Delegate

        values["delegate"] = Delegate.objects.get(pk=access.delegate_id)
    delegate = values["delegate"] if "delegate" in values else instance.delegate
    if delegate is None or not _own(access, delegate.pk):
        raise ValidationError({"delegate": OWN_PLAN})
    if instance is not None and not _own(access, instance.delegate_id):
        raise ValidationError({"delegate": OWN_PLAN})
    return save_with_values(instance or DelegatePlan(), values, access=access)


@transaction.atomic
def delegateplanitem_save(*, access, instance, values) -> DelegatePlanItem:
    """An item of a plan the user may change (a delegate: their own plan)."""
    plan = values["plan"] if "plan" in values else instance.plan
    if plan is None or not _own(access, plan.delegate_id):
        raise ValidationError({"plan": OWN_PLAN})
    if instance is not None and not _own(access, instance.plan.delegate_id):
        raise ValidationError({"plan": OWN_PLAN})
    return save_with_values(instance or DelegatePlanItem(), values, access=access)
