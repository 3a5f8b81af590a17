"""The documents section of the person page (area "datenschutz"): the newest documents;
the list page has them all, sortable and paged."""

from __future__ import annotations

from typing import Any

from teilhabe.documents.selectors import SECTION_SHOWN, documents_of
from teilhabe.people.access import PersonAccess


def documents_section(access: PersonAccess) -> dict[str, Any]:
    rows = list(documents_of(access)[: SECTION_SHOWN + 1])
    return {
        "document_rows": rows[:SECTION_SHOWN],
        "documents_more": len(rows) > SECTION_SHOWN,
        "documents_person": access.person,
        "documents_owner": access.is_owner,
    }
