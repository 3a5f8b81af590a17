"""The pages before the first second factor: enter the enrolment code (or have one
e-mailed), then allauth's TOTP set-up. See `core.enrolment`."""

from __future__ import annotations

from typing import Any

from allauth.mfa.totp.views import activate_totp as allauth_activate_totp
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from teilhabe.core.enrolment import (
    SESSION_KEY,
    SESSION_WINDOW,
    VALIDITY,
    enrolment_code_redeem,
    enrolment_code_send,
    may_send,
)
from teilhabe.core.web import form_page


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the e-mail or from your administration"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _query(request: HttpRequest) -> str:
    query = request.GET.urlencode()
    return f"?{query}" if query else ""


def _enrolment_open(request: HttpRequest) -> bool:
    until = request.session.get(SESSION_KEY)
    return until is not None and timezone.now().timestamp() < float(until)


@login_required
def activate_totp(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """allauth's TOTP set-up, opened only after an enrolment code (or to change an existing
    authenticator, which the first one already proved)."""
    if is_mfa_enabled(request.user) or _enrolment_open(request):
        return allauth_activate_totp(request, *args, **kwargs)  # type: ignore[no-any-return]
    return redirect(reverse("mfa_enrolment") + _query(request))


@login_required
def enrolment(request: HttpRequest) -> HttpResponse:
    if is_mfa_enabled(request.user):
        return redirect("mfa_index")
    user = request.user
    form = CodeForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        if not enrolment_code_redeem(user=user, code=data["code"]):  # type: ignore[arg-type]
            raise ValidationError(
                {"code": _("The code is wrong or no longer valid. Please request a new one.")}
            )
        request.session[SESSION_KEY] = (timezone.now() + SESSION_WINDOW).timestamp()
        return reverse("mfa_activate_totp") + _query(request)

    minutes = int(VALIDITY.total_seconds() // 60)
    return form_page(
        request,
        form,
        save=save,
        title=_("Set up two-factor sign-in"),
        preline=_("Your account"),
        intro=_(
            "Before you can see personal data, your account needs a second factor: an "
            "authenticator app on your phone. To make sure that it is really you who sets it "
            "up, first enter a one-time code. We send it to the e-mail address your "
            "administration registered for you; it is valid for %(minutes)d minutes."
        )
        % {"minutes": minutes},
        submit=_("Confirm code"),
        back_url=reverse("core:home"),
        success=_("Code confirmed. Now set up your authenticator app."),
        template="account/enrolment.html",
        extra={"send_url": reverse("mfa_enrolment_send") + _query(request)},
    )


@login_required
@require_POST
def enrolment_send(request: HttpRequest) -> HttpResponse:
    user = request.user
    if may_send(user):  # type: ignore[arg-type]
        enrolment_code_send(user=user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("We have sent a code to your e-mail address. Please look in your inbox."),
        )
    else:
        messages.info(
            request, _("A code was sent less than a minute ago. Please look in your inbox.")
        )
    return redirect(reverse("mfa_enrolment") + _query(request))
