"""The demo's accounts: one login per newsroom role, each able to do its job at once.

- 'editor' (Wagtail's Editors and Moderators groups) writes, previews, publishes, corrects and
  curates the front page and sections.
- 'reviewer' (Moderators) approves or rejects what is submitted for review, and publishes.
- 'moderator' (Comment moderators) approves, rejects and marks as spam reader comments, and
  edits no page (Wagtail's "Moderators" is about page workflow, not comments).

Passwords are random and shown once, when the account is created; an account that already
exists is left alone, its password untouched.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

# username, groups, first and last name, what the role can do (printed with the login)
ACCOUNTS = [
    ("editor", ("Editors", "Moderators"), "Eda", "Editor", "writes, publishes and curates"),
    ("reviewer", ("Moderators",), "Remy", "Reviewer", "approves stories submitted for review"),
    ("moderator", ("Comment moderators",), "Mo", "Moderator", "moderates reader comments"),
]


@dataclass
class Login:
    username: str
    group: str  # the groups, joined for display
    password: str | None  # None when the account already existed
    role: str = ""

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
    for username, group_names, first, last, role in ACCOUNTS:
        groups = " + ".join(group_names)
        if user_model.objects.filter(username=username).exists():
            logins.append(Login(username, groups, None, role))
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
        user.groups.add(*(_group(name) for name in group_names))
        logins.append(Login(username, groups, password, role))
    return logins
