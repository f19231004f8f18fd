"""OpenID Connect single sign-on: only for accounts the functioneel beheerder made."""

from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class SchakelOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Match the identity provider's e-mail to an existing, active Schakel account.

    Accounts are never created from SSO: role, organisation and area are set by a person.
    Two-step verification in Schakel still applies to roles that see personal data.
    """

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)
