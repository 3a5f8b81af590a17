"""How a colleague is named on a page: the full name, or the e-mail address while the
account has no name (one rule for every list and page that shows a user)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def user_name(user: Any) -> str:
    if user is None:
        return "–"
    return user.get_full_name() or user.email or user.get_username()


@register.filter
def user_short_name(user: Any) -> str:
    """The initial of the first name and the family name ("M. Muster"): how the audit log
    names a colleague. Without a name, the rule of `user_name`."""
    if user is None:
        return "–"
    first, last = user.first_name.strip(), user.last_name.strip()
    if last:
        return f"{first[:1]}. {last}" if first else last
    return user_name(user)
