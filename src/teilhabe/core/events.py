"""Domain events other apps react to. The app where a thing happens sends the event; the
notifications app listens, and reporting refreshes its stored figures (each connected in
its AppConfig). So casework, reporting and transfer
need not import the notifications app, and the apps keep importing each other without a
cycle. Receivers run inside the sender's transaction."""

from __future__ import annotations

from django.dispatch import Signal

# Each is sent with `instance=` the referral, report or import job.
referral_sent = Signal()
referral_answered = Signal()
report_ready = Signal()
import_finished = Signal()
# Sent with `instance=` the relocation (teilhabe.relocation): the receiver is told.
relocation_sent = Signal()
# Sent with `instance=` the registration (trainings): confirmed, or moved up from the
# waiting list to a place.
training_registered = Signal()
training_moved_up = Signal()
# Advice requests: `instance=` the request (asked) or the message (answered, replied).
advice_asked = Signal()
advice_answered = Signal()
advice_replied = Signal()
# An early-warning run has finished (`instance=` the run): the findings changed.
careers_finished = Signal()
# A background export has ended, written or failed (`instance=` the ExportJob).
export_finished = Signal()
