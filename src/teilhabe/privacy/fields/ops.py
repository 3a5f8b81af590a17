"""Classification of the operations models (see teilhabe.privacy.classification).

Scheduled runs store counts and an exception's class and place, never a message or a value.
"""

from __future__ import annotations

from teilhabe.privacy.classification import NONE

CLASSIFICATION = {
    "JobRun": {
        "id": NONE,
        "job": NONE,
        "slot": NONE,
        "state": NONE,
        "queued_at": NONE,
        "started_at": NONE,
        "finished_at": NONE,
        "result": NONE,
        "error": NONE,
    },
    "Heartbeat": {"id": NONE, "name": NONE, "beat_at": NONE},
}
