"""Login, password change and the one-time password-reset link (Django's auth views, adapted).

- The old password on "Đổi mật khẩu" is checked by ``authenticate()``, like a login: django-axes
  counts a wrong one toward the same per-user and per-address limits, and refuses a locked user
  (HTTP 429), so the page is no unthrottled guessing oracle for a stolen session.
- A forgotten password is reset from a one-time link that the Office or an administrator makes
  on the users page (``councils.services.user_password_reset_link``; no e-mail needed): Django's
  ``default_token_generator`` and ``PasswordResetConfirmView``. The link dies once used, or once
  the user logs in, and after ``PASSWORD_RESET_TIMEOUT``.
- The login page (Django's, ``templates/registration/login.html``) says whom to ask.
"""

from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.urls import path, reverse_lazy

from hdnd_portal.core.forms import style_widgets

PASSWORD_RESET_REASON = "Đặt lại mật khẩu bằng liên kết một lần"


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's form, but the old password goes through ``authenticate()`` (django-axes)."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)
        style_widgets(self)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if checked is None or checked.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class ResetSetPasswordForm(SetPasswordForm):
    """The new password chosen from a one-time link, written to the account's history."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def save(self, commit=True):
        self.user._change_reason = PASSWORD_RESET_REASON
        return super().save(commit)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ResetSetPasswordForm
    success_url = reverse_lazy("password_reset_complete")


account_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
