"""The recognition section of the person page (area "bildung", category "education"):
each certificate with its recognition procedures; the owner opens and decides them."""

from __future__ import annotations

from typing import Any

from teilhabe.people.access import PersonAccess
from teilhabe.recognition.selectors import certificates_with_procedures


def recognition_section(access: PersonAccess) -> dict[str, Any]:
    certificates = certificates_with_procedures(access)
    return {
        "recognition_person": access.person,
        "recognition_rows": [
            {
                "certificate": c,
                "procedures": list(c.recognition_procedures.all()),
                "open": any(p.decision == "pending" for p in c.recognition_procedures.all()),
            }
            for c in certificates
        ],
    }
