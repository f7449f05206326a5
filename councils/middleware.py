from hdnd_portal.core.access import ADMIN, Access

SESSION_KEY = "council_id"


def build_access(user, preferred_council_id=None) -> Access | None:
    """The user's role in their current council (the preferred one if they hold it)."""
    from councils.models import Committee, Council, CouncilRole, Membership

    if not user.is_authenticated:
        return None
    roles = list(
        CouncilRole.objects.filter(user=user).select_related("council").order_by("council__name")
    )
    available = [(r.council_id, r.council.name, r.role) for r in roles]
    chosen = next((r for r in roles if r.council_id == preferred_council_id), None) or (
        roles[0] if roles else None
    )
    if chosen is None:
        if not user.is_superuser:
            return None
        # A superuser without an explicit role administers the first council.
        council = Council.objects.order_by("name").first()
        if council is None:
            return None
        all_councils = tuple((c.pk, c.name, ADMIN) for c in Council.objects.order_by("name"))
        council = next((c for c in Council.objects.filter(pk=preferred_council_id)), council)
        return Access(
            user_id=user.pk,
            council_id=council.pk,
            council_name=council.name,
            role=ADMIN,
            available=all_councils,
        )
    committee_ids = set()
    if chosen.committee_id:
        committee_ids.add(chosen.committee_id)
    if chosen.delegate_id:
        # The committees the delegate sits on today: a membership that starts next
        # month grants nothing yet, one that ends next month still does.
        committee_ids.update(
            Membership.objects.filter(delegate_id=chosen.delegate_id)
            .current()
            .exclude(committee__kind=Committee.Kind.DELEGATE_GROUP)
            .values_list("committee_id", flat=True)
        )
    return Access(
        user_id=user.pk,
        council_id=chosen.council_id,
        council_name=chosen.council.name,
        role=chosen.role,
        agency_id=chosen.agency_id,
        delegate_id=chosen.delegate_id,
        committee_ids=frozenset(committee_ids),
        available=tuple(available),
    )


class CouncilAccessMiddleware:
    """Puts ``request.access`` (role in the current council) on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.access = access_for_request(request)
        return self.get_response(request)


def access_for_request(request, user=None) -> Access | None:
    user = user or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    session = getattr(request, "session", None)
    preferred = session.get(SESSION_KEY) if session is not None else None
    return build_access(user, preferred)
