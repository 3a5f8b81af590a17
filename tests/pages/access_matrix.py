"""Permission matrix rows of pages composed above the apps (person_id from tests/core)."""

from __future__ import annotations

from tests.matrix import CASE_MANAGER_A

EXPECTED = {
    # The case sheet's recipient choice: only the owner's case manager (the PDF itself,
    # ?empfaenger=…, is covered per persona in tests/pages/test_case_sheet.py).
    "people:case_sheet": CASE_MANAGER_A,
}
