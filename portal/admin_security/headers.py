"""The Permissions-Policy header on every response: no page of the portal uses the camera, the microphone,
the location, payments or devices, so a script injected or embedded anywhere cannot ask for them either.

Neither Django (5.2: SecurityMiddleware sends Referrer-Policy and COOP, not this) nor django-csp sends it;
django-permissions-policy would, but is not among the installed packages, and the header is one line."""

# Features left out stay at the browser's default (self): clipboard (the admin's copy buttons),
# fullscreen, and publickey-credentials-* (passkeys, should the admin's second factor offer them).
POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"
)


class PermissionsPolicyMiddleware:
    """First in MIDDLEWARE, so that the responses of the middleware below (WhiteNoise's static files,
    HTTPS redirects) carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", POLICY)
        return response
