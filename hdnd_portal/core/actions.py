"""The page side of a command that is not a create or an edit: a button (open a session, close
a vote, issue a number) or a short form (answer, extend, send back).

Both helpers run the command, show its ``ValidationError`` in Vietnamese where the user is
looking (under the form's fields, or as a message on the record's page) and redirect after
success; the permission check stays in the view, before the helper, as for every page.

An irreversible button (close a vote, issue a number, close a session) passes ``confirm=``: its
first POST only answers a confirmation page naming the consequence, whose own button posts
again with ``confirmed=1`` and runs the command — a plain form, so it works without JavaScript.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from hdnd_portal.core.commands import apply_errors

__all__ = ["CONFIRMED", "Confirm", "command_button", "command_form"]

FORM_ERRORS = "Chưa lưu được: vui lòng sửa các lỗi được đánh dấu bên dưới."


@dataclass(frozen=True)
class Confirm:
    """What the confirmation page of an irreversible button says: its title ("Kết thúc biểu
    quyết"), the consequence ("kết quả sẽ được ghi vào nghị quyết và không sửa được."), and
    optional lines of what stands now (the tally, the votes still open)."""

    title: str
    consequence: str
    details: tuple[str, ...] = ()
    button: str = ""


CONFIRMED = "confirmed"


def command_button(
    request,
    perform: Callable[[], Any],
    *,
    redirect_to: str,
    success: str | Callable[[Any], str],
    confirm: Confirm | Callable[[], Confirm] | None = None,
):
    """POST of a button: run ``perform()`` (the command), then back to ``redirect_to`` with the
    success message, or with each of the command's refusals. With ``confirm``, a POST without
    ``confirmed=1`` only shows the confirmation page (nothing is run)."""
    if confirm is not None and request.POST.get(CONFIRMED) != "1":
        text = confirm() if callable(confirm) else confirm
        return render(
            request,
            "core/confirm.html",
            {"confirm": text, "action": request.path, "cancel_url": redirect_to},
        )
    try:
        result = perform()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(redirect_to)


def command_form(
    request,
    form_class,
    perform: Callable[[dict], Any],
    *,
    redirect_to: str | Callable[[Any], str],
    success: str | Callable[[Any], str],
    template: str,
    context: dict | None = None,
    form_kwargs: dict | None = None,
    files: bool = False,
):
    """GET: the action's form; POST: the form translates the input, ``perform(cleaned_data)``
    runs the command; its refusal goes under the fields, success redirects."""
    form_kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES if files else None, **form_kwargs)
        if form.is_valid():
            try:
                result = perform(form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, success(result) if callable(success) else success)
                target = redirect_to(result) if callable(redirect_to) else redirect_to
                return redirect(target)
        messages.error(request, FORM_ERRORS)
    else:
        form = form_class(**form_kwargs)
    return render(request, template, {**(context or {}), "form": form})
