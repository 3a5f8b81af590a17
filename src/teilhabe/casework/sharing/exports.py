"""The referral list as CSV/Excel rows (written by `core.exports`)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from teilhabe.casework.models import Referral
from teilhabe.casework.sharing import selectors as sel
from teilhabe.casework.sharing import services
from teilhabe.core.exports import EXPORT_CHUNK, MAX_EXPORT_ROWS
from teilhabe.core.roles import Principal

EXPORT_PURPOSE = "referral list export"


def referral_export(
    principal: Principal, referrals: QuerySet[Referral], *, incoming: bool
) -> tuple[list[str], Iterator[list[Any]]]:
    """Header and rows of the referral list, read EXPORT_CHUNK rows at a time. Each chunk
    asks once which rows may name their person (`referrals_named`, the rule of the page)
    and logs the disclosures the file makes in one INSERT: one event per person and
    consent relied on, as the Art. 15 answer and the consent's page read them."""
    header = [
        _("Sent on"),
        _("Person"),
        _("From organisation") if incoming else _("To organisation"),
        _("Purpose"),
        _("Status"),
    ]

    def rows() -> Iterator[list[Any]]:
        read = referrals[:MAX_EXPORT_ROWS].iterator(chunk_size=EXPORT_CHUNK)
        while chunk := list(itertools.islice(read, EXPORT_CHUNK)):
            named = sel.referrals_named(principal, chunk, incoming=incoming)
            services.referral_inbox_disclosures_record(
                principal=principal, shown=named.disclosures, purpose=EXPORT_PURPOSE
            )
            for r in chunk:
                yield [
                    r.created_at.date(),
                    r.case.person.full_name if named.names(r) else _("not shared"),
                    (r.from_organisation if incoming else r.to_organisation).name,
                    r.purpose,
                    r.get_status_display(),
                ]

    return header, rows()
