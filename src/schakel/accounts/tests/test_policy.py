"""The policy table covers every URL; deny by default; same answer for absent and forbidden."""

import re

import pytest
from conftest import PASSWORD
from django.urls import URLPattern, URLResolver, get_resolver

from schakel.accounts.admin_site import admin_site
from schakel.accounts.constants import Role, Scope
from schakel.accounts.policy import POLICY, PUBLIC, scope_for

ADMIN_PATTERNS: set[int] = set()


def _walk(patterns, prefix="", in_admin=False):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inside = in_admin or entry.namespace == admin_site.name
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inside)
        elif isinstance(entry, URLPattern):
            if in_admin:
                ADMIN_PATTERNS.add(id(entry))
            yield prefix + str(entry.pattern), entry


def _policy_action(pattern: URLPattern) -> str | None:
    callback = pattern.callback
    for holder in (callback, getattr(callback, "view_class", None), getattr(callback, "cls", None)):
        action = getattr(holder, "policy_action", None)
        if action:
            return action
    # Everything under the admin site is guarded by the site, which checks ADMIN_ACCESS.
    if id(pattern) in ADMIN_PATTERNS:
        return admin_site.policy_action
    return None


def _without_tokens(html: bytes) -> str:
    """Pages carry a fresh CSRF token and their own path; all else must be identical."""
    text = re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", html.decode())
    return re.sub(r'name="next" type="hidden" value="[^"]+"', "", text)


def all_url_patterns():
    return list(_walk(get_resolver().url_patterns))


def test_every_url_has_a_policy_entry():
    missing = [route for route, p in all_url_patterns() if _policy_action(p) is None]
    assert missing == [], f"URLs without a policy entry: {missing}"


def test_every_policy_action_used_by_a_url_exists_in_the_table():
    unknown = {_policy_action(p) for _, p in all_url_patterns()} - set(POLICY) - {PUBLIC}
    assert unknown == set()


def test_policy_table_names_only_real_roles_and_scopes():
    for action, grants in POLICY.items():
        for role, scope in grants.items():
            assert role in Role.values, (action, role)
            assert scope in Scope.values, (action, scope)


@pytest.mark.django_db
def test_no_access_for_inactive_or_anonymous(make_user):
    user = make_user(Role.PRIVACY_OFFICER)
    assert scope_for(user, "audit.view") == Scope.REGION
    user.is_active = False
    assert scope_for(user, "audit.view") is None
    assert scope_for(None, "audit.view") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "path", "allowed"),
    [
        (Role.PRIVACY_OFFICER, "/logboek/", True),
        (Role.PROFESSIONAL, "/logboek/", False),
        (Role.ZORGCOORDINATOR, "/logboek/", False),
        (Role.BELEIDSMEDEWERKER, "/logboek/", False),
        (Role.FUNCTIONEEL_BEHEERDER, "/logboek/", False),
        (Role.FUNCTIONEEL_BEHEERDER, "/beheer/gebruikers/", True),
        (Role.PRIVACY_OFFICER, "/beheer/gebruikers/", True),
        (Role.PROFESSIONAL, "/beheer/gebruikers/", False),
        (Role.BELEIDSMEDEWERKER, "/beheer/gebruikers/", False),
        (Role.ZORGCOORDINATOR, "/beheer/gebruikers/", False),
        (Role.PROFESSIONAL, "/regios/", True),
        (Role.BELEIDSMEDEWERKER, "/gemeenten/", True),
    ],
)
def test_pages_per_role(make_user, login_as, role, path, allowed):
    user = make_user(role, with_device=role != Role.BELEIDSMEDEWERKER)
    client = login_as(user, verify=role != Role.BELEIDSMEDEWERKER)
    response = client.get(path)
    assert response.status_code == (200 if allowed else 404)


@pytest.mark.django_db
def test_out_of_scope_user_looks_exactly_like_a_missing_one(make_user, login_as, other_region):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    outsider = make_user(Role.PROFESSIONAL, regions=[other_region], municipalities=[])
    outsider.organisation.municipality = other_region.municipalities.get()
    outsider.organisation.save()
    client = login_as(admin)
    forbidden = client.get(f"/beheer/gebruikers/{outsider.pk}/")
    missing = client.get("/beheer/gebruikers/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert _without_tokens(forbidden.content) == _without_tokens(missing.content)


@pytest.mark.django_db
def test_user_list_query_count_does_not_grow(make_user, login_as, django_assert_max_num_queries):
    admin = make_user(Role.FUNCTIONEEL_BEHEERDER)
    for _ in range(10):
        make_user(Role.PROFESSIONAL)
    client = login_as(admin)
    with django_assert_max_num_queries(20):
        response = client.get("/beheer/gebruikers/")
    assert response.status_code == 200
    assert response.content.decode().count("/beheer/gebruikers/") >= 11


@pytest.mark.django_db
def test_password_only_session_reaches_no_page_with_personal_data(client, make_user):
    """Walk every URL with a session that has the password but not the code."""
    user = make_user(Role.PRIVACY_OFFICER)
    client.post("/inloggen/", {"username": user.username, "password": PASSWORD})
    reached = []
    for route, pattern in all_url_patterns():
        if _policy_action(pattern) == PUBLIC or getattr(pattern.callback, "mfa_exempt", False):
            continue
        path = "/" + route.replace("<int:user_id>", str(user.pk))
        if "<" in path or "(?P" in path or "^" in path:
            path = path.split("<")[0].split("(?P")[0].replace("^", "")
        for method in (client.get, client.post):
            response = method(path)
            if response.status_code == 200:
                reached.append((method.__name__, path))
    assert reached == []


def test_security_doc_shows_the_policy_table_as_it_is():
    from pathlib import Path

    from schakel.accounts.policy import policy_table_markdown

    doc = (Path(__file__).resolve().parents[4] / "docs" / "security.md").read_text()
    section = doc.split("<!-- policy-table:start")[1].split("<!-- policy-table:end -->")[0]
    assert section.split("\n", 1)[1].strip() == policy_table_markdown()
