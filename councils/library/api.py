"""API v1 of the procedures library and emulation: the pages' selectors, filters and commands."""

from rest_framework import serializers

from councils.library import filters, policies, selectors, services
from councils.models_library import (
    EmulationCriterion,
    EmulationRegistration,
    EmulationResult,
    Procedure,
    ProcedureVersion,
    Reward,
)
from hdnd_portal.core.api import CouncilScopedSerializer, scoped_viewset

EXCLUDED = ["council", "search_text"]


class ProcedureSerializer(CouncilScopedSerializer):
    class Meta:
        model = Procedure
        exclude = EXCLUDED


class ProcedureVersionSerializer(CouncilScopedSerializer):
    # Uploaded as multipart; read back as the portal's permission-checked download address.
    file = serializers.FileField(write_only=True, required=False)
    file_url = serializers.SerializerMethodField()
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = ProcedureVersion
        exclude = EXCLUDED
        read_only_fields = ["number"]
        # The number is the next one (the model's clean() and the command): DRF's own
        # unique-together check would test the model's default instead.
        validators = []

    def get_file_url(self, obj) -> str | None:
        from django.urls import reverse

        return reverse("councils-procedureversion-file", args=[obj.pk]) if obj.file else None

    def validate(self, attrs):
        if self.instance is not None:
            attrs.pop("procedure", None)  # a version stays with its procedure
        return super().validate(attrs)


class EmulationCriterionSerializer(CouncilScopedSerializer):
    class Meta:
        model = EmulationCriterion
        exclude = EXCLUDED


class EmulationRegistrationSerializer(CouncilScopedSerializer):
    class Meta:
        model = EmulationRegistration
        exclude = EXCLUDED


class EmulationResultSerializer(CouncilScopedSerializer):
    class Meta:
        model = EmulationResult
        exclude = EXCLUDED


class RewardSerializer(CouncilScopedSerializer):
    class Meta:
        model = Reward
        exclude = EXCLUDED


def _viewset(model, serializer, filterset, selector, key, **kwargs):
    return scoped_viewset(
        model, serializer, resource=key, selector=selector, filterset=filterset, **kwargs
    )


ProcedureViewSet = _viewset(
    Procedure,
    ProcedureSerializer,
    filters.ProcedureFilter,
    selectors.procedure_list,
    policies.PROCEDURE,
)
ProcedureVersionViewSet = _viewset(
    ProcedureVersion,
    ProcedureVersionSerializer,
    filters.ProcedureVersionFilter,
    selectors.procedureversion_list,
    policies.VERSION,
    command=services.procedure_version_save,
    search_through=("procedure",),
)
EmulationCriterionViewSet = _viewset(
    EmulationCriterion,
    EmulationCriterionSerializer,
    filters.EmulationCriterionFilter,
    selectors.emulationcriterion_list,
    policies.CRITERION,
)
EmulationRegistrationViewSet = _viewset(
    EmulationRegistration,
    EmulationRegistrationSerializer,
    filters.EmulationRegistrationFilter,
    selectors.emulationregistration_list,
    policies.REGISTRATION,
    search_through=("delegate", "committee"),
)
EmulationResultViewSet = _viewset(
    EmulationResult,
    EmulationResultSerializer,
    filters.EmulationResultFilter,
    selectors.emulationresult_list,
    policies.RESULT,
    search_through=("registration__delegate", "registration__committee"),
)
RewardViewSet = _viewset(
    Reward,
    RewardSerializer,
    filters.RewardFilter,
    selectors.reward_list,
    policies.REWARD,
    search_through=("delegate", "committee"),
)


def register(router) -> None:
    router.register("procedures", ProcedureViewSet, basename="api-procedure")
    router.register("procedure-versions", ProcedureVersionViewSet, basename="api-procedureversion")
    router.register(
        "emulation-criteria", EmulationCriterionViewSet, basename="api-emulationcriterion"
    )
    router.register(
        "emulation-registrations",
        EmulationRegistrationViewSet,
        basename="api-emulationregistration",
    )
    router.register("emulation-results", EmulationResultViewSet, basename="api-emulationresult")
    router.register("rewards", RewardViewSet, basename="api-reward")
