"""Shared walking helpers of the security suite: every URL name with its arguments."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.conftest import World
from tests.matrix import access_modules, collect_kwargs, url_parameters, url_patterns


def urls(candidates: dict[str, Any], *, skip_admin: bool = True) -> list[tuple[str, str]]:
    """(name, path) for every named URL that can be built from `candidates`."""
    out = []
    for name, pattern in sorted(url_patterns().items()):
        if skip_admin and name.startswith("admin:"):
            continue
        params = url_parameters(pattern)
        if any(p not in candidates for p in params):
            continue
        out.append((name, reverse(name, kwargs={p: candidates[p] for p in params})))
    return out


def swapped(world: World) -> World:
    """The same world seen from the other side: `a` is alliance B (for B-side objects),
    with B's own consent and a second B person so no object points across alliances."""
    from django_scopes import scopes_disabled

    from tests import factories as f

    with scopes_disabled():
        consent = f.ConsentFactory(
            person=world.b.person,
            organisation=world.b.tm_office,
            categories=["master_data", "residence_status", "education"],
        )
        consent.recipients.set(
            [world.b.jobcenter], through_defaults={"alliance_id": consent.alliance_id}
        )
        second = f.PersonFactory(owner=world.b.jmd, given_name="Second", family_name="PersonB")
        f.CaseFactory(person=second)
    return World(a=world.b, b=world.a, users=world.users, person_a_jmd=second, consent_a=consent)


def kwargs_for_b(world: World) -> tuple[dict[str, Any], list[str]]:
    """URL arguments pointing at alliance B's objects (built by each matrix module's
    url_kwargs on the swapped world); modules that cannot build them are named."""
    kwargs: dict[str, Any] = {}
    failed = []
    other = swapped(world)
    for module in access_modules():
        if not hasattr(module, "url_kwargs"):
            continue
        try:
            kwargs.update(module.url_kwargs(other))
        except Exception as exc:  # a module tied to A-only fixtures: named, not hidden
            failed.append(f"{module.__name__}: {type(exc).__name__}")
    return kwargs, failed


__all__ = ["collect_kwargs", "kwargs_for_b", "swapped", "urls"]
