"""The demo's accounts, so a two-person editorial workflow and the moderation desk can be
tried at once.

'editor' (Wagtail's Editors group) writes and submits; 'reviewer' (Moderators) approves and
publishes; 'moderator' (Comment moderators) works the comment queue and nothing else.
Passwords are random and shown once, when the account is created; an account that already
exists is left alone, its password untouched.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

ACCOUNTS = [
    ("editor", "Editors", "Eda", "Editor"),
    ("reviewer", "Moderators", "Remy", "Reviewer"),
    ("moderator", "Comment moderators", "Mo", "Moderator"),
]


@dataclass
class Login:
    username: str
    group: str
    password: str | None  # None when the account already existed

    @property
    def created(self) -> bool:
        return self.password is not None


def _group(name: str) -> Group:
    """Wagtail's migrations create Editors and Moderators with admin access; make sure of it."""
    group, _ = Group.objects.get_or_create(name=name)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)
    return group


def ensure_editor_accounts() -> list[Login]:
    """Create the demo's editor accounts that do not exist yet; report every one."""
    user_model = get_user_model()
    logins = []
    for username, group_name, first, last in ACCOUNTS:
        if user_model.objects.filter(username=username).exists():
            logins.append(Login(username, group_name, None))
            continue
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_user(
            username,
            email=f"{username}@example.com",
            password=password,
            first_name=first,
            last_name=last,
            is_staff=True,
        )
        user.groups.add(_group(group_name))
        logins.append(Login(username, group_name, password))
    return logins
