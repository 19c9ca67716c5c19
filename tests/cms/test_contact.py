"""The contact form: what reaches the coordination office, and what bad input gets."""

import pytest
from django.contrib.auth.models import Group
from django.utils.html import escape

from cms.models import ContactMessage, ContactPage, PortalSettings
from tests.factories import coordinator, editor
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

URL = "/contact/"


def form_data(client, **overrides) -> dict:
    """What a person's browser posts: the fields, with the token of the form it was shown."""
    token = client.get(URL).context["form"]["token"].value()
    data = {"name": "Ana Silva", "email": "ana@example.org", "topic": "general",
            "message": "How do I join the patients' cluster?", "token": token}
    data.update(overrides)
    return data


@pytest.mark.parametrize("topic, address", [
    ("general", "b1mg-coordination@elixir-europe.org"),
    ("nmg", "b1mg-nmg-coordinator@elixir-europe.org"),
])
def test_a_valid_message_is_stored_and_mailed_to_the_address_of_its_topic(
    client, topic, address
):
    response = client.post(URL, form_data(client, topic=topic))

    assert response.status_code == 302
    assert response["Location"] == "/contact/thank-you/"
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.topic) == ("Ana Silva", "ana@example.org", topic)
    assert stored.message == "How do I join the patients' cluster?"
    assert stored.page == ContactPage.objects.get()
    [mail] = queued_mail()
    assert mail.to == [address]
    assert mail.reply_to == ["ana@example.org"]
    assert "How do I join the patients' cluster?" in mail.body
    assert "Ana Silva" in mail.body
    html = mail.alternatives[0][0]
    assert "How do I join the patients&#x27; cluster?" in html
    thank_you = client.get(response["Location"])
    assert thank_you.status_code == 200
    assert "will answer you by email" in thank_you.text


def test_the_support_addresses_come_from_the_site_settings(client):
    settings = PortalSettings.objects.get()
    settings.nmg_support_email = "nmg-office@example.org"
    settings.save()

    client.post(URL, form_data(client, topic="nmg"))

    assert [mail.to for mail in queued_mail()] == [["nmg-office@example.org"]]


@pytest.mark.parametrize("field, value", [
    ("name", "<b>Ana</b>"),
    ("name", '<script>alert("x")</script>'),
    ("message", 'Hello <a href="https://example.org">click</a>'),
    ("message", "<img src=x>"),
])
def test_html_in_a_text_field_is_refused_next_to_the_field_and_nothing_is_stored(
    client, field, value
):
    response = client.post(URL, form_data(client, **{field: value}))

    assert response.status_code == 200
    errors = response.text.split(f'id="id_{field}_errors"', 1)[1].split("</ul>", 1)[0]
    assert "Please remove the HTML tags" in errors
    assert 'aria-invalid="true"' in response.text
    assert ContactMessage.objects.count() == 0
    assert queued_mail() == []
    # What was typed is kept (escaped), and so is the rest of the form.
    assert "ana@example.org" in response.text
    assert escape(value) in response.text


@pytest.mark.parametrize("field, value, error", [
    ("message", "x" * 5001, "at most 5000 characters"),
    ("name", "A" * 201, "at most 200 characters"),
    ("email", "a" * 250 + "@example.org", "at most 254 characters"),
    ("email", "not-an-address", "Enter a valid email address."),
    ("name", "", "This field is required."),
])
def test_an_invalid_field_gets_its_message_and_nothing_is_stored(
    client, field, value, error
):
    response = client.post(URL, form_data(client, **{field: value}))

    assert response.status_code == 200
    assert error in response.text.split(f'id="id_{field}_errors"', 1)[1].split("</ul>", 1)[0]
    assert ContactMessage.objects.count() == 0
    assert queued_mail() == []


def test_an_unknown_topic_posted_by_hand_is_refused(client):
    response = client.post(URL, form_data(client, topic="sales"))

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert ContactMessage.objects.count() == 0


def test_a_double_submit_stores_and_mails_one_message(client):
    data = form_data(client)

    first = client.post(URL, data)
    second = client.post(URL, data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/contact/thank-you/"
    assert ContactMessage.objects.count() == 1
    assert len(queued_mail()) == 1


def test_two_forms_sent_one_after_the_other_are_two_messages(client):
    client.post(URL, form_data(client, message="First question"))
    client.post(URL, form_data(client, message="Second question"))

    assert sorted(ContactMessage.objects.values_list("message", flat=True)) == [
        "First question", "Second question"]


def test_a_form_posted_without_its_token_still_gets_through_once(client):
    data = form_data(client)
    del data["token"]

    assert client.post(URL, data).status_code == 302
    assert ContactMessage.objects.count() == 1


def test_the_corrected_form_keeps_its_token_so_a_double_submit_after_an_error_still_counts_once(
    client
):
    data = form_data(client, message="<b>bold</b>")
    client.post(URL, data)

    data["message"] = "Plain now"
    client.post(URL, data)
    client.post(URL, data)

    assert list(ContactMessage.objects.values_list("message", flat=True)) == ["Plain now"]


def test_the_form_is_accessible_and_never_cached(client):
    response = client.get(URL)

    text = response.text
    assert '<label for="id_name">Your name' in text
    assert '<label for="id_email">Your email address' in text
    assert "<legend>What is your question about?" in text
    assert '<label for="id_message">Your message' in text
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_coordinators_read_contact_messages_in_the_admin_but_cannot_add_or_edit_them(
    client
):
    client.post(URL, form_data(client, name="Maria Santos", topic="nmg", message="About our mirror group"))
    client.post(URL, form_data(client, name="Jan de Vries", topic="general", message="About registering"))
    message = ContactMessage.objects.get(name="Maria Santos")
    client.logout()
    client.force_login(coordinator())

    listing = client.get("/admin/contact_messages/")
    assert listing.status_code == 200
    assert "Maria Santos" in listing.text and "Jan de Vries" in listing.text
    filtered = client.get("/admin/contact_messages/?topic=nmg")
    assert "Maria Santos" in filtered.text and "Jan de Vries" not in filtered.text
    searched = client.get("/admin/contact_messages/?q=vries")
    assert "Jan de Vries" in searched.text and "Maria Santos" not in searched.text
    inspect = client.get(f"/admin/contact_messages/inspect/{message.pk}/")
    assert inspect.status_code == 200 and "About our mirror group" in inspect.text
    assert "/admin/contact_messages/new/" not in listing.text
    assert f"/admin/contact_messages/edit/{message.pk}/" not in listing.text

    assert client.get("/admin/contact_messages/new/").status_code in (302, 403)
    client.post(f"/admin/contact_messages/edit/{message.pk}/", {
        "name": "Changed", "email": "x@example.org", "topic": "general", "message": "Changed"})
    assert ContactMessage.objects.get(pk=message.pk).name == "Maria Santos"


def test_an_editor_does_not_see_contact_messages(client):
    client.force_login(editor())

    assert client.get("/admin/contact_messages/").status_code in (302, 403)


def test_the_coordinators_group_may_view_contact_messages(db):
    coordinators = Group.objects.get(name="Coordinators")

    codenames = set(coordinators.permissions.values_list("codename", flat=True))

    assert {"view_contactmessage", "change_portalsettings", "change_mainmenu"} <= codenames
    assert not {"add_contactmessage", "change_contactmessage"} & codenames


def test_contact_messages_join_the_senders_data_export_and_erasure(client):
    from portal.core.personal_data import Owner, erase_personal_data, export_personal_data
    from tests.factories import UserFactory

    user = UserFactory(email="ana@example.org")
    client.post(URL, form_data(client, email="ANA@example.org", message="My question"))
    client.post(URL, form_data(client, email="someone.else@example.org", message="Not hers"))

    exported = export_personal_data(user)["contact_messages"]
    assert [item["message"] for item in exported] == ["My question"]

    from portal.outbox.models import OutboxMessage

    assert OutboxMessage.objects.filter(concerns="ana@example.org").count() == 1  # the mail to the office

    erase_personal_data(Owner.of(user))
    assert list(ContactMessage.objects.values_list("message", flat=True)) == ["Not hers"]
    assert not OutboxMessage.objects.filter(concerns="ana@example.org").exists()
    assert OutboxMessage.objects.filter(concerns="someone.else@example.org").count() == 1


# --- Robots and floods: the trap and the limits of portal.core.contact ---------------------------------

LIMITED = "Many messages were sent on this subject or from your network lately"


@pytest.fixture
def tight_limit(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "contact_message": "2/h/ip,3/d/key"}


def test_the_limit_is_a_setting_with_a_default(settings):
    assert settings.ACCOUNT_RATE_LIMITS["contact_message"] == "5/h/ip,50/d/key"


def test_a_flood_from_one_client_stores_and_mails_only_what_the_limit_allows(client):
    answers = [client.post(URL, form_data(client, message=f"Question {number}")) for number in range(25)]

    assert [answer.status_code for answer in answers] == [302] * 5 + [429] * 20
    assert ContactMessage.objects.count() == 5
    assert len(queued_mail()) == 5
    refused = answers[-1].text
    errors = refused.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert LIMITED in errors
    # What was typed stays in the form, to be sent later.
    assert "Question 24" in refused and 'value="ana@example.org"' in refused
    assert "no-store" in answers[-1]["Cache-Control"]


def test_the_limit_is_per_client_and_per_topic(client, tight_limit):
    assert [client.post(URL, form_data(client)).status_code for _ in range(3)] == [302, 302, 429]
    # The client's own limit holds whatever the topic ...
    assert client.post(URL, form_data(client, topic="nmg")).status_code == 429
    # ... and another client may still write.
    assert client.post(URL, form_data(client), REMOTE_ADDR="192.0.2.7").status_code == 302
    # The topic's limit (3 a day) is reached whatever the client; the other topic still works.
    assert client.post(URL, form_data(client), REMOTE_ADDR="192.0.2.8").status_code == 429
    assert client.post(URL, form_data(client, topic="nmg"), REMOTE_ADDR="192.0.2.8").status_code == 302
    assert sorted(ContactMessage.objects.values_list("topic", flat=True)) == ["general"] * 3 + ["nmg"]
    assert len(queued_mail()) == 4


def test_a_robot_that_fills_the_trap_gets_the_thank_you_page_and_nothing_is_stored_or_mailed(
    client
):
    html = client.get(URL).text
    trap = html.split('<div class="visually-hidden" aria-hidden="true">', 1)[1].split("</div>", 1)[0]
    assert 'name="website"' in trap and 'tabindex="-1"' in trap

    response = client.post(URL, form_data(client, website="https://spam.example"), follow=True)

    assert response.redirect_chain == [("/contact/thank-you/", 302)]
    assert "Thank you: your message is sent" in response.text
    assert ContactMessage.objects.count() == 0
    assert queued_mail() == []


@pytest.mark.parametrize("address", [
    "ana@example.org\r\nBcc: victim@example.net",
    "ana@example.org\nBcc: victim@example.net",
    "ana@example.org, victim@example.net",
    "ana@example.org; victim@example.net",
    "Ana <ana@example.org>",
    '"victim@example.net,ana"@example.org',
    '"ana"@example.org',
])
def test_the_reply_to_is_one_plain_address_or_the_message_is_refused(client, address):
    response = client.post(URL, form_data(client, email=address))

    assert response.status_code == 200
    assert response.text.split('id="id_email_errors"', 1)[1].split("</ul>", 1)[0].strip()
    assert ContactMessage.objects.count() == 0
    assert queued_mail() == []


def test_the_reply_to_header_holds_exactly_the_address_given(client):
    client.post(URL, form_data(client, email="  ana.silva+b1mg@example.org "))

    [mail] = queued_mail()
    header = mail.message()
    assert header.get_all("Reply-To") == ["ana.silva+b1mg@example.org"]
    assert header.get_all("Bcc") is None and header.get_all("Cc") is None
