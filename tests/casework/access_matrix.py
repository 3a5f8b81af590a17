"""Matrix rows for handover and deputies (people:handover*, people:deputies)."""

from __future__ import annotations

from tests.matrix import CASE_MANAGER_A, row

EXPECTED: dict[str, dict[str, int]] = {
    # The bulk handover is POSTed from the person list; a GET goes back to the list.
    "people:handover": row(404, anon=302, cm_a=302, cm_a_jmd=302),
    # Person A belongs to Teilhabemanagement A: only its case manager hands it over.
    "people:handover_person": CASE_MANAGER_A,
    # Every case manager manages the deputies of their own organisation.
    "people:deputies": row(404, anon=302, cm_a=200, cm_a_jmd=200),
}
