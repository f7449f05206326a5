"""Deployment checks of the identity-number encryption (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_KEY_LENGTH = 32


@register(Tags.security, deploy=True)
def check_field_encryption_key(app_configs, **kwargs):
    key = settings.FIELD_ENCRYPTION_KEY
    if key == settings.SECRET_KEY:
        return [
            Error(
                "FIELD_ENCRYPTION_KEY is not set (it falls back to SECRET_KEY).",
                hint="Set FIELD_ENCRYPTION_KEY (README 'Configuration'): rotating SECRET_KEY "
                "would otherwise make every stored identity number unreadable.",
                id="petitions.E001",
            )
        ]
    if len(key) < MIN_KEY_LENGTH:
        return [
            Error(
                f"FIELD_ENCRYPTION_KEY has fewer than {MIN_KEY_LENGTH} characters.",
                hint='python -c "import secrets; print(secrets.token_urlsafe(32))"',
                id="petitions.E002",
            )
        ]
    return []
