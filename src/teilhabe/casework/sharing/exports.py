"""The referral list as CSV/Excel rows (written by `core.exports`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _


def referral_rows(
    referrals: Iterable[Any], named: Any, *, incoming: bool
) -> tuple[list[str], Iterable]:
    """`named`: the `NamedReferrals` of these rows (casework.sharing.selectors)."""
    header = [
        _("Sent on"),
        _("Person"),
        _("From organisation") if incoming else _("To organisation"),
        _("Purpose"),
        _("Status"),
    ]
    rows = (
        [
            r.created_at.date(),
            r.case.person.full_name if named.names(r) else _("not shared"),
            (r.from_organisation if incoming else r.to_organisation).name,
            r.purpose,
            r.get_status_display(),
        ]
        for r in referrals
    )
    return header, rows
