"""Every response tells the browser that no page may use the camera, microphone, location, payments or
devices (Permissions-Policy)."""

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile

from tests.factories import DocumentFactory, coordinator

pytestmark = pytest.mark.django_db

OFF = {"camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "display-capture"}


def features_off(response) -> set[str]:
    policy = response["Permissions-Policy"]
    return {part.split("=")[0].strip() for part in policy.split(",") if part.split("=")[1].strip() == "()"}


def test_a_public_page_forbids_the_powerful_features(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200 and OFF <= features_off(response)


def test_an_admin_page_forbids_them(client):
    client.force_login(coordinator())
    response = client.get("/admin/")
    assert response.status_code == 200 and OFF <= features_off(response)


def test_a_static_file_served_by_whitenoise_carries_it(client, settings):
    # WhiteNoise where production has it, right after SecurityMiddleware (the test settings drop it).
    after = django_settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
    settings.MIDDLEWARE = [*django_settings.MIDDLEWARE[:after], "whitenoise.middleware.WhiteNoiseMiddleware",
                           *django_settings.MIDDLEWARE[after:]]
    settings.WHITENOISE_USE_FINDERS = settings.WHITENOISE_AUTOREFRESH = True

    response = client.get("/static/js/survey.js")

    assert response.status_code == 200 and OFF <= features_off(response)


def test_a_document_download_carries_it(client):
    document = DocumentFactory(
        title="Minutes", file=ContentFile(b"Minutes.", name="minutes.txt"))

    response = client.get(document.url)

    assert response.status_code == 200 and b"".join(response.streaming_content) == b"Minutes."
    assert OFF <= features_off(response)


def test_an_error_page_carries_it(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and OFF <= features_off(response)
