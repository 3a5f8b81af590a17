"""The data-protection officer: requests to decide, restrictions in force, retention due and
unusual access, for the organisation the DPO acts for (as the privacy pages do)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teilhabe.core.models import Organisation
from teilhabe.privacy import selectors
from teilhabe.privacy.models import Restriction, RetentionRun
from teilhabe.privacy.monitoring import UnusualAccess, unusual_access
from teilhabe.privacy.retention import due


@dataclass
class DpoBlock:
    organisation: Organisation
    open_requests: int  # restriction requests waiting for a decision
    restrictions_in_force: int
    retention_due: int  # persons with at least one data category past its period
    retention_held: int  # of those, restricted: held instead of erased
    last_run: RetentionRun | None
    unusual: UnusualAccess

    @property
    def open_items(self) -> int:
        return self.open_requests + len(self.unusual.readers) + (1 if self.retention_due else 0)


def dpo_block(organisation: Organisation, today: dt.date) -> DpoBlock:
    retention = due(organisation, today)
    return DpoBlock(
        organisation=organisation,
        open_requests=selectors.open_request_count(organisation),
        restrictions_in_force=selectors.restrictions_of(organisation)
        .filter(status=Restriction.Status.GRANTED)
        .count(),
        retention_due=len(retention.any_person),
        retention_held=len(retention.held),
        last_run=next(iter(selectors.runs_of(organisation, 1)), None),
        unusual=unusual_access([organisation]),
    )
