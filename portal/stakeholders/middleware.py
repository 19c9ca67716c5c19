"""Asks a signed-in stakeholder to agree to a newly published privacy statement before going on."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .consents import statement_to_agree
from .models import PrivacyStatement, StakeholderProfile

# Where a person may go without agreeing: to read the statement, to leave, to take their data.
OPEN_PATHS = ("/privacy/", "/my/privacy/", "/my/data/", "/my/erased/", "/accounts/logout/", "/static/",
              "/admin/")
SESSION_KEY = "privacy_statement_agreed"


class PrivacyAgreementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asks = request.method == "GET" and not request.path.startswith(OPEN_PATHS)
        if asks and request.user.is_authenticated:
            current = PrivacyStatement.current()
            # The session remembers the statement already checked, so a visit costs one query.
            if current is not None and request.session.get(SESSION_KEY) != current.pk:
                is_stakeholder = StakeholderProfile.objects.filter(user=request.user).exists()
                if is_stakeholder and statement_to_agree(request.user) is not None:
                    target = reverse("stakeholders:privacy_agreement")
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
                request.session[SESSION_KEY] = current.pk
        return self.get_response(request)
