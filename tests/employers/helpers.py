"""Employers for the tests, written directly (the services have their own tests)."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from teilhabe.employers.models import Employer


def employer(alliance: Any, name: str = "Bäckerei Yilmaz", **fields: Any) -> Employer:
    fields.setdefault("sector", Employer.Sector.CRAFT)
    with scopes_disabled():
        return Employer.objects.create(alliance=alliance, name=name, **fields)
