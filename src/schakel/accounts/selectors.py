"""Access-checked reads of user accounts (personal data of professionals: audited)."""

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from schakel.audit.services import audit_record
from schakel.common.exceptions import NotFoundOrForbidden

from .constants import Scope
from .models import User
from .policy import Action, scope_for
from .scoping import municipality_ids_in_scope


def users_in_scope(*, actor: Any, action: str) -> QuerySet[User]:
    scope = scope_for(actor, action)
    if scope is None:
        raise NotFoundOrForbidden()
    users = User.objects.all()
    if scope == Scope.OWN:
        return users.filter(pk=actor.pk)
    if scope == Scope.ORGANISATION:
        return users.filter(organisation_id=actor.organisation_id)
    ids = municipality_ids_in_scope(actor, scope)
    return users.filter(
        Q(organisation__municipality_id__in=ids)
        | Q(municipalities__in=ids)
        | Q(regions__municipalities__in=ids)
    ).distinct()


def user_list_for_user(*, actor: Any, request: HttpRequest | None = None) -> list[User]:
    users = users_in_scope(actor=actor, action=Action.USER_VIEW)
    result = list(
        users.select_related("organisation").order_by("last_name", "first_name", "username")
    )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="user.list",
            subject_type="user",
            request=request,
            details={"count": len(result)},
        )
    return result


def user_get_for_user(
    *,
    actor: Any,
    user_id: int,
    action: str = Action.USER_VIEW,
    request: HttpRequest | None = None,
    audit: bool = True,
) -> User:
    """One user account, or NotFoundOrForbidden for both 'does not exist' and 'not yours'."""
    try:
        user = (
            users_in_scope(actor=actor, action=action)
            .select_related("organisation")
            .prefetch_related("municipalities", "regions")
            .get(pk=user_id)
        )
    except User.DoesNotExist as exc:
        raise NotFoundOrForbidden() from exc
    if audit:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="user.view",
                subject_type="user",
                subject_id=user.pk,
                request=request,
            )
    return user


def user_in_audit_scope(officer: Any, user_id: int) -> bool:
    """Whether a privacy officer oversees this account (it lies in their region)."""
    return users_in_scope(actor=officer, action=Action.AUDIT_VIEW).filter(pk=user_id).exists()
