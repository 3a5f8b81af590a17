"""`teilhabe enrolment_code <address>`: an administrator issues an enrolment code for the
first second factor of an account, to hand over in person or by phone (core/enrolment.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from teilhabe.core.enrolment import VALIDITY, enrolment_code_issue


class Command(BaseCommand):
    help = "Issue a one-time code for setting up the second factor of an account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the account's e-mail address")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if user is None:
            raise CommandError(_("No active account has this e-mail address."))
        code = enrolment_code_issue(principal=None, user=user)
        minutes = int(VALIDITY.total_seconds() // 60)
        self.stdout.write(
            _("Enrolment code: %(code)s (valid for %(minutes)d minutes, once)")
            % {"code": f"{code[:4]} {code[4:]}", "minutes": minutes}
        )
