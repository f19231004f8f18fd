"""Every API view names its policy action; the role must have it (deny by default)."""

from typing import Any

from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from schakel.accounts.policy import PUBLIC, scope_for
from schakel.audit.services import audit_access_denied


class PolicyPermission(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        # A view may name another action per HTTP method, e.g. policy_action_post.
        action = getattr(view, f"policy_action_{request.method.lower()}", None) or getattr(
            view, "policy_action", None
        )
        if action is None:
            return False
        if action == PUBLIC:
            return True
        user = request.user
        if user is None or not user.is_authenticated:
            raise NotAuthenticated()
        if scope_for(user, action) is None:
            audit_access_denied(actor=user, action=action, request=request)
            raise NotFound()  # the same answer as for something that does not exist
        return True
