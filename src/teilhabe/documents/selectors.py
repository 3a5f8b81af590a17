"""Reads of a person's documents, always through `people.access`: the list and the file
need the consent category "documents" (the owning organisation has every category);
anything else answers 404, the list and the download alike."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from teilhabe.core.roles import Principal
from teilhabe.documents.models import PersonDocument
from teilhabe.people.access import PersonAccess, get_person_access

DOCUMENTS = "documents"
SECTION_SHOWN = 5  # the newest documents on the person page; the list page has all
# Sort key in the URL → column; "-" in front sorts descending.
SORTS = {
    "hochgeladen": "uploaded_at",
    "titel": "title",
    "art": "kind",
    "ausgestellt": "issued_on",
    "gueltig": "valid_until",
}
DEFAULT_SORT = "-hochgeladen"


def documents_access(principal: Principal, person_id: uuid.UUID | str) -> PersonAccess:
    """The principal's access to the person, if it covers the documents; else 404."""
    access = get_person_access(principal, person_id)
    if not access.can(DOCUMENTS):
        raise Http404
    return access


def documents_of(access: PersonAccess, sort: str = DEFAULT_SORT) -> QuerySet[PersonDocument]:
    """The person's documents in the chosen order (the primary key breaks ties, so pages
    never repeat a row)."""
    if not access.can(DOCUMENTS):
        return PersonDocument.objects.none()
    column = SORTS.get(sort.lstrip("-"), SORTS[DEFAULT_SORT.lstrip("-")])
    order = f"-{column}" if sort.startswith("-") else column
    return (
        PersonDocument.objects.filter(person=access.person)
        .select_related("organisation")
        .order_by(order, "pk")
    )


def get_document(
    principal: Principal, person_id: uuid.UUID | str, document_id: uuid.UUID | str
) -> tuple[PersonDocument, PersonAccess]:
    access = documents_access(principal, person_id)
    try:
        document = PersonDocument.objects.get(pk=document_id, person=access.person)
    except (PersonDocument.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    return document, access


@dataclass(frozen=True)
class SortLink:
    key: str
    next: str  # the sort value the header link sets
    state: str  # aria-sort: "ascending", "descending" or ""


def sort_links(sort: str) -> dict[str, Any]:
    """Per column, the header link: a click on the sorted column turns its direction."""
    current = sort if sort.lstrip("-") in SORTS else DEFAULT_SORT
    links = {}
    for key in SORTS:
        if current.lstrip("-") == key:
            descending = current.startswith("-")
            links[key] = SortLink(
                key, key if descending else f"-{key}", "descending" if descending else "ascending"
            )
        else:
            links[key] = SortLink(key, key, "")
    return links
