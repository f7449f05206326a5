from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hdnd_portal.core.inputs import parse_ids
from hdnd_portal.notifications.models import Notification
from hdnd_portal.notifications.services import notifications_mark_read


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    qs = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread_only": unread_only,
            "querystring": "unread=1" if unread_only else "",
        },
    )


@login_required
@require_POST
def notification_mark_read(request):
    """Mark the ticked notifications (``id``) read, or all of them when none is given."""
    raw = request.POST.getlist("id")
    ids = parse_ids(raw) if raw else None
    if ids == []:
        messages.warning(request, "Không có thông báo hợp lệ nào được chọn.")
        return redirect("notifications-list")
    count = notifications_mark_read(user=request.user, ids=ids)
    if ids is None or count != 1:
        messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(nxt)
    return redirect("notifications-list")


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one notification read and go to what it is about (another user's: 404).

    A POST (the list's item is a button in a form with the CSRF token): marking read is a
    change, which a GET must never make — an image on another site could otherwise clear a
    user's unread alerts."""
    notification = Notification.objects.filter(user=request.user, pk=pk).first()
    if notification is None:
        raise Http404("Không có thông báo này.")
    notifications_mark_read(user=request.user, ids=[pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications-list")
