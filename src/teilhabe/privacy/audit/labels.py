"""The words of the audit log's sentences (`text`): a verb per action, a German noun per
object, list and export, a label per purpose code and outcome. Tables only; `text` builds
the sentence."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy, pgettext_lazy

from teilhabe.core.models import AuditEvent

A = AuditEvent.Action

# What the actor did, with the reader's word order ("hat am … eingesehen").
VERBS: dict[str, Any] = {
    A.VIEW: gettext_lazy("%(who)s viewed %(what)s on %(when)s"),
    A.LIST: gettext_lazy("%(who)s opened %(what)s on %(when)s"),
    A.CREATE: gettext_lazy("%(who)s created %(what)s on %(when)s"),
    A.UPDATE: gettext_lazy("%(who)s changed %(what)s on %(when)s"),
    A.DELETE: gettext_lazy("%(who)s deleted %(what)s on %(when)s"),
    A.EXPORT: gettext_lazy("%(who)s exported %(what)s on %(when)s"),
    A.IMPORT: gettext_lazy("%(who)s imported %(what)s on %(when)s"),
    A.DISCLOSE: gettext_lazy("%(who)s viewed %(what)s on %(when)s"),
    A.LOGIN: gettext_lazy("%(who)s signed in on %(when)s"),
    A.LOGOUT: gettext_lazy("%(who)s signed out on %(when)s"),
    A.LOGIN_FAILED: gettext_lazy("%(who)s: a sign-in failed on %(when)s"),
}

# Objects that belong to a person: (model label, path from the object to the person's id).
PERSON_PATHS = {
    "casework.case": "person_id",
    "casework.consent": "person_id",
    "casework.referral": "case__person_id",
    "casework.contact": "case__person_id",
    "people.residencestatusentry": "person_id",
    "privacy.restriction": "person_id",
    "relocation.relocation": "person_id",
    "offers.waitinglistentry": "person_id",
    "mentoring.mentoringpair": "person_id",
    "mentoring.checkin": "pair__person_id",
}
PERSON = "people.person"

# Objects as the sentence names them (accusative; "%(person)s" takes the dative).
OBJECTS: dict[str, Any] = {
    PERSON: pgettext_lazy("audit object", "the data of %(person)s"),
    "casework.case": pgettext_lazy("audit object", "the case of %(person)s"),
    "casework.consent": pgettext_lazy("audit object", "a consent of %(person)s"),
    "casework.referral": pgettext_lazy("audit object", "a referral of %(person)s"),
    "casework.contact": pgettext_lazy("audit object", "a counselling contact of %(person)s"),
    "people.residencestatusentry": pgettext_lazy(
        "audit object", "the residence status of %(person)s"
    ),
    "privacy.restriction": pgettext_lazy(
        "audit object", "the restriction of processing of %(person)s"
    ),
    "relocation.relocation": pgettext_lazy(
        "audit object", "the handover of %(person)s to another alliance"
    ),
    "offers.waitinglistentry": pgettext_lazy("audit object", "a wait for a place of %(person)s"),
    "mentoring.mentoringpair": pgettext_lazy("audit object", "a mentoring pair of %(person)s"),
    "mentoring.checkin": pgettext_lazy("audit object", "a check-in of the mentoring of %(person)s"),
    "mentoring.volunteerprofile": pgettext_lazy("audit object", "a volunteer profile"),
    "core.auditevent": pgettext_lazy("audit object", "the audit log"),
    "people.duplicate_check": pgettext_lazy(
        "audit object", "the hint to a possible entry in another organisation"
    ),
    "privacy.record": pgettext_lazy("audit object", "the record of processing activities"),
    "alliances.funding_overview": pgettext_lazy("audit object", "the funding overview"),
    "enrolment_code": pgettext_lazy("audit object", "a set-up code for the second factor"),
    "login_lockout": pgettext_lazy("audit object", "a login lock"),
}
# Lists a `list` event opened, where they differ from the object itself.
LISTS: dict[str, Any] = {
    PERSON: pgettext_lazy("audit object", "the person search"),
    "core.auditevent": pgettext_lazy("audit object", "the audit log"),
}
# Lists an `export` event wrote (its object type is the list's name).
EXPORTS: dict[str, Any] = {
    "core.audit_log": pgettext_lazy("audit export", "the audit log"),
    "people.person_list": pgettext_lazy("audit export", "the person list"),
    "alliances.partners": pgettext_lazy("audit export", "the list of partners"),
    "alliances.workshops": pgettext_lazy("audit export", "the list of workshops"),
    "alliances.coverage": pgettext_lazy("audit export", "the coverage overview"),
    "offers.catalogue": pgettext_lazy("audit export", "the offer catalogue"),
    "trainings.attendance": pgettext_lazy("audit export", "the attendance at trainings"),
    "offers.quality": pgettext_lazy("audit export", "the offer quality"),
    "offers.gaps": pgettext_lazy("audit export", "the gap analysis"),
    "reporting.indicators": pgettext_lazy("audit export", "the indicators"),
    "trajectories.rates": pgettext_lazy("audit export", "the Maßnahme-Karriere rates"),
    "trajectories.state_rates": pgettext_lazy(
        "audit export", "the statewide Maßnahme-Karriere rates"
    ),
}
# The consent categories a disclosure covered, as the sentence names them (accusative).
CATEGORY_OBJECTS: dict[str, Any] = {
    "master_data": pgettext_lazy("audit category", "the master data"),
    "residence_status": pgettext_lazy("audit category", "the residence status"),
    "education": pgettext_lazy("audit category", "the education and languages"),
    "needs": pgettext_lazy("audit category", "the needs"),
    "plan": pgettext_lazy("audit category", "the individual plan"),
    "participations": pgettext_lazy("audit category", "the participations"),
}
# Purpose codes the services write (`purpose=`), as the reader calls them.
PURPOSES: dict[str, Any] = {
    "consent": pgettext_lazy("audit purpose", "consent"),
    "employer created": pgettext_lazy("audit purpose", "firm added to the directory"),
    "employer updated": pgettext_lazy("audit purpose", "firm in the directory changed"),
    "employer archived": pgettext_lazy("audit purpose", "firm in the directory archived"),
    "case sheet": pgettext_lazy("audit purpose", "case sheet for a meeting"),
    "referral list": pgettext_lazy("audit purpose", "referral list"),
    "referral": pgettext_lazy("audit purpose", "referral"),
    "api referral": pgettext_lazy("audit purpose", "referral through the interface"),
    "api": pgettext_lazy("audit purpose", "through the interface"),
    "offer": pgettext_lazy("audit purpose", "offer"),
    "accepted": pgettext_lazy("audit purpose", "accepted"),
    "declined": pgettext_lazy("audit purpose", "declined"),
    "rejected": pgettext_lazy("audit purpose", "rejected"),
    "withdrawn": pgettext_lazy("audit purpose", "withdrawn"),
    "withdrawal": pgettext_lazy("audit purpose", "withdrawal"),
    "withdrawn with its consent": pgettext_lazy("audit purpose", "withdrawn with its consent"),
    "revoked": pgettext_lazy("audit purpose", "revoked"),
    "outcome": pgettext_lazy("audit purpose", "outcome recorded"),
    "answer seen": pgettext_lazy("audit purpose", "answer read"),
    "activated": pgettext_lazy("audit purpose", "activated"),
    "deactivated": pgettext_lazy("audit purpose", "deactivated"),
    "evidence": pgettext_lazy("audit purpose", "signed form"),
    "consent form": pgettext_lazy("audit purpose", "consent form"),
    "admin": pgettext_lazy("audit purpose", "administration"),
    "privacy page": pgettext_lazy("audit purpose", "data-protection page"),
    "accesses of the person": pgettext_lazy("audit purpose", "list of accesses"),
    "art15 json": pgettext_lazy("audit purpose", "access report (JSON)"),
    "art15 pdf": pgettext_lazy("audit purpose", "access report (PDF)"),
    "art30 markdown": pgettext_lazy("audit purpose", "record of processing activities (text)"),
    "art30 pdf": pgettext_lazy("audit purpose", "record of processing activities (PDF)"),
    "data-protection control": pgettext_lazy("audit purpose", "data-protection control"),
    "data-protection officer search": pgettext_lazy("audit purpose", "data-protection control"),
    "restriction": pgettext_lazy("audit purpose", "restriction of processing"),
    "restriction request": pgettext_lazy("audit purpose", "restriction requested"),
    "restriction granted": pgettext_lazy("audit purpose", "restriction granted"),
    "restriction refused": pgettext_lazy("audit purpose", "restriction refused"),
    "restriction lifted": pgettext_lazy("audit purpose", "restriction lifted"),
    "retention": pgettext_lazy("audit purpose", "retention period over"),
    "retention preview": pgettext_lazy("audit purpose", "retention preview"),
    "retention run": pgettext_lazy("audit purpose", "retention run"),
    "need-to-know on": pgettext_lazy("audit purpose", "need-to-know switched on"),
    "need-to-know off": pgettext_lazy("audit purpose", "need-to-know switched off"),
    "lead office of a new alliance": pgettext_lazy(
        "audit purpose", "lead office of a new alliance"
    ),
    "status_expiry": pgettext_lazy("audit purpose", "residence status expiring"),
    "document": pgettext_lazy("audit purpose", "document of the person"),
    "document_expiry": pgettext_lazy("audit purpose", "document expiring"),
    "path_deadline": pgettext_lazy("audit purpose", "deadline of a residence path"),
    "import error report": pgettext_lazy("audit purpose", "import error report"),
    "partner": pgettext_lazy("audit purpose", "partner of the alliance"),
    "funding overview (xlsx)": pgettext_lazy("audit purpose", "as an Excel file"),
    "registered": pgettext_lazy("audit purpose", "place taken"),
    "waiting": pgettext_lazy("audit purpose", "on the waiting list"),
    "moved up from waiting list": pgettext_lazy("audit purpose", "moved up from the waiting list"),
    "attendance": pgettext_lazy("audit purpose", "attendance recorded"),
    "accompaniment": pgettext_lazy("audit purpose", "accompaniment by a volunteer"),
    "pair ended": pgettext_lazy("audit purpose", "mentoring pair ended"),
    "volunteer consent withdrawn": pgettext_lazy("audit purpose", "volunteer's consent withdrawn"),
    "recognition opened": pgettext_lazy("audit purpose", "application for recognition recorded"),
    "recognition decided": pgettext_lazy("audit purpose", "decision on recognition recorded"),
    "recognition withdrawn": pgettext_lazy(
        "audit purpose", "application for recognition withdrawn"
    ),
}
# Purposes written with a value after the code (a language, a format, a number).
PREFIXES: dict[str, Any] = {
    "bildungspass ": pgettext_lazy("audit purpose", "Bildungspass"),
    "report download ": pgettext_lazy("audit purpose", "report downloaded"),
    "version ": pgettext_lazy("audit purpose", "version %(rest)s"),
    # "merge <id of the absorbed record>": the id links the event, the reader sees words.
    "merge withdrawn ": pgettext_lazy("audit purpose", "merge of two entries undone"),
    "merge ": pgettext_lazy("audit purpose", "two entries merged"),
}
# Purposes the sentence already says when it names the consent (or the case sheet).
SAID_BY_CONSENT = frozenset({"consent", "case sheet"})
OUTCOMES: dict[str, Any] = {
    AuditEvent.Outcome.DENIED: pgettext_lazy("audit outcome", "refused"),
    AuditEvent.Outcome.FAILED: pgettext_lazy("audit outcome", "failed"),
}
