"""API v1 of the targets: the targets themselves and their status per council and period."""

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from councils.models import Council
from hdnd_portal.core.api import CouncilScopedSerializer, CouncilScopedViewSet
from hdnd_portal.core.inputs import parse_ids, parse_year
from hdnd_portal.core.permissions import require
from hdnd_portal.targets import selectors
from hdnd_portal.targets.filters import TargetFilter
from hdnd_portal.targets.models import Target
from hdnd_portal.targets.views import MAX_YEAR, MIN_YEAR


class TargetSerializer(CouncilScopedSerializer):
    class Meta:
        model = Target
        exclude = ["council", "search_text"]


class PeriodSerializer(serializers.Serializer):
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


class StatusSerializer(serializers.Serializer):
    target = serializers.IntegerField(source="target.pk")
    code = serializers.CharField(source="target.code")
    title = serializers.CharField(source="target.title")
    metric = serializers.CharField(source="target.metric")
    unit = serializers.CharField(source="target.unit")
    threshold = serializers.IntegerField(source="target.threshold")
    period = PeriodSerializer()
    actual = serializers.FloatField(source="measure.value", allow_null=True)
    numerator = serializers.IntegerField(source="measure.numerator", allow_null=True)
    denominator = serializers.IntegerField(source="measure.denominator", allow_null=True)
    expected = serializers.FloatField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField()
    records_url = serializers.CharField()


class TargetViewSet(CouncilScopedViewSet):
    """Chỉ tiêu của Kế hoạch (HĐND hiện tại của người dùng)."""

    queryset = Target.objects.all()
    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    resource = "targets.target"
    selector = staticmethod(selectors.target_list)

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="Năm (mặc định: năm nay)"),
            OpenApiParameter("on", str, description="Ngày xem, YYYY-MM-DD (thay cho năm)"),
            OpenApiParameter(
                "council", int, description="HĐND khác mà người dùng theo dõi (mặc định: hiện tại)"
            ),
        ],
        responses=StatusSerializer(many=True),
    )
    # Not a filtered page of targets: the list's filters and search are not its parameters.
    @action(
        detail=False,
        methods=["get"],
        url_path="status",
        url_name="status",
        filter_backends=[],
        pagination_class=None,
    )
    def status(self, request):
        """Đánh giá từng chỉ tiêu (đạt, đúng tiến độ, có nguy cơ, không đạt) của một HĐND
        trong kỳ chứa ngày xem."""
        access = request.access
        require(access, self.resource, "view")
        from django.utils import timezone

        today = timezone.localdate()
        on = today
        raw_on, raw_year = request.query_params.get("on"), request.query_params.get("year")
        if raw_on:
            try:
                on = dt.date.fromisoformat(raw_on)
            except ValueError:
                raise ValidationError({"on": "Ngày không hợp lệ (YYYY-MM-DD)."}) from None
            if not dt.date(MIN_YEAR, 1, 1) <= on <= dt.date(MAX_YEAR, 12, 31):
                raise ValidationError({"on": f"Ngày phải trong các năm {MIN_YEAR}-{MAX_YEAR}."})
        elif raw_year:
            year = parse_year(raw_year)
            if year is None or not MIN_YEAR <= year <= MAX_YEAR:
                raise ValidationError({"year": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}."})
            on = selectors.day_for_year(year, today)
        council_id = access.council_id
        raw_council = request.query_params.get("council")
        if raw_council:
            allowed = {cid for cid, _n, _r in selectors.city_councils(access)} | {council_id}
            ids = parse_ids([raw_council])
            if not ids or ids[0] not in allowed:
                raise NotFound("Không tìm thấy HĐND này trong các HĐND bạn theo dõi.")
            council_id = ids[0]
        council = Council.objects.get(pk=council_id)
        # A given day is seen as on that day; a year as today (a past year: its end, over).
        seen_on = on if raw_on else today
        evaluations = selectors.council_evaluations(council, on, seen_on=seen_on)
        return Response(StatusSerializer(evaluations, many=True).data)


def register(router) -> None:
    router.register("targets", TargetViewSet, basename="api-target")
