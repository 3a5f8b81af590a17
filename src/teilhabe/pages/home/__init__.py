"""The alliance start page: the worklist for case managers, a role page for everyone else."""

from __future__ import annotations

from django.http import HttpResponse

from teilhabe.core.models import Role
from teilhabe.core.web import AllianceRequest
from teilhabe.pages.home.roles import role_home
from teilhabe.pages.home.worklist import worklist_home


def alliance_home(request: AllianceRequest) -> HttpResponse:
    if request.principal.has_role(Role.CASE_MANAGER):
        return worklist_home(request)
    return role_home(request)
