from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hdnd_portal.notifications.models import Notification
from hdnd_portal.notifications.services import notifications_mark_read


@login_required
def notification_list(request):
    qs = Notification.objects.filter(user=request.user).order_by("-created_at")
    if request.GET.get("unread") == "1":
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page,
                                                       "unread_only": request.GET.get("unread")})


@login_required
@require_POST
def notification_mark_read(request):
    ids = request.POST.getlist("id") or None
    count = notifications_mark_read(user=request.user, ids=ids)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notifications-list")


@login_required
def notification_open(request, pk):
    """Mark one notification read and go to what it is about."""
    notification = Notification.objects.filter(user=request.user, pk=pk).first()
    if notification is None:
        return redirect("notifications-list")
    notifications_mark_read(user=request.user, ids=[pk])
    return redirect(notification.url or "notifications-list")
