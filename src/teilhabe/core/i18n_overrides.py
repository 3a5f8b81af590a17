"""allauth strings whose German we replace: our catalogue wins over allauth's.

allauth's German mixes "du" and "Sie" and leaves some strings untranslated; public
administration addresses users formally. Listing the msgids here keeps them in our .po
file (makemessages finds them); nothing imports this module at run time.
"""

from django.utils.translation import gettext_noop as _

ALLAUTH_OVERRIDES = [
    _("Sign In"),
    _("Too many failed login attempts. Try again later."),
    _("Are you sure you want to sign out?"),
    _("Please type your current password."),
    _("You must type the same password each time."),
    _("Your password is now changed."),
    _("Be patient, you are sending too many requests."),
    _("You are about to generate a new set of recovery codes for your account."),
    _("Your account has no password set up."),
]
