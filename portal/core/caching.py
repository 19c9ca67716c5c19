"""Private responses: what shows a person's data, or a form bound to a person, must never be kept by a shared
cache nor shown again without asking the portal: `Cache-Control: private, no-cache` and `Vary: Cookie`.

It is said in two places only. `portal/urls.py` lists the private addresses (and the private routes of
Wagtail pages) and marks them with `private_urlpatterns`, whoever asks. `PrivateResponsesMiddleware` marks
every response of those addresses, also what the view raised instead of answering (a link that leads
nowhere, allauth's redirects), and every response that read the session of a signed-in person (each page's
menu shows their "My portal" and a sign-out form with their CSRF token) or that wrote a session. Pages
under a view restriction get Wagtail's own never-cache headers, which say the same and more. Public pages
asked for signed out stay unmarked."""

from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.utils.urlpatterns import decorate_urlpatterns

MARK = "private_address"


def make_private(response):
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def private(view):
    """Mark the responses of a view (a function, or a Wagtail page route) private."""

    @wraps(view)
    def private_view(*args, **kwargs):
        return make_private(view(*args, **kwargs))

    setattr(private_view, MARK, True)
    return private_view


def _asked_for_a_private_address(request) -> bool:
    # A Wagtail page's route is resolved apart from the address, which resolves to Wagtail's serve view.
    matches = (getattr(request, "resolver_match", None), getattr(request, "routable_resolver_match", None))
    return any(getattr(match.func, MARK, False) for match in matches if match is not None)


def _personal(request) -> bool:
    session = getattr(request, "session", None)
    # Only a session already read is looked at: asking about the user here would read it for every public
    # page too.
    return session is not None and (session.modified or (session.accessed and request.user.is_authenticated))


def private_urlpatterns(urlpatterns, names=None):
    """Mark the views of ``urlpatterns``, and of the patterns they include, private. With ``names``, only
    the patterns of that list with those names (the private part of an app whose other pages are public),
    each of which must exist."""
    if names is None:
        return decorate_urlpatterns(urlpatterns, private)
    chosen = [pattern for pattern in urlpatterns if getattr(pattern, "name", None) in names]
    unknown = set(names) - {pattern.name for pattern in chosen}
    if unknown:
        raise LookupError(f"no URL pattern named {', '.join(sorted(unknown))}")
    decorate_urlpatterns(chosen, private)
    return urlpatterns


class PrivateResponsesMiddleware:
    """Below the session and authentication middleware, above those that answer for a signed-in person
    (sessions, passwords, consents, the second factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _asked_for_a_private_address(request) or _personal(request):
            make_private(response)
        return response
