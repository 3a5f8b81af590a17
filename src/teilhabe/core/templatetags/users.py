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
