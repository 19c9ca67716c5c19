"""The contact form of a group's page: it reaches the NCP (the coordinator while there is none) through the
outbox, shows no address, catches robots in a trap and limits how much anyone can send."""

import pytest

from portal.mirror_groups.models import Membership, Role
from tests.factories import COMPLETE, EstablishedGroupFactory
from tests.services import queued_mail

pytestmark = pytest.mark.django_db

MESSAGE = {"name": "Rita Reader", "email": "rita@example.org", "message": "How do I take part?\nThanks."}
ELSEWHERE = "192.0.2.7"


@pytest.fixture
def tight_limit(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "mirror_group_contact": "2/h/ip,3/d/key"}


def test_the_limit_is_a_setting_with_a_default(settings):
    assert settings.ACCOUNT_RATE_LIMITS["mirror_group_contact"] == "5/h/ip,30/d/key"


def test_a_message_reaches_the_ncp_who_can_answer_the_sender(client, group):
    response = client.post("/mirror-groups/pt/contact/", MESSAGE, follow=True)

    assert response.redirect_chain == [("/mirror-groups/pt/", 302)]
    assert "Thank you: your message is on its way to the group." in response.text
    (mail,) = queued_mail()
    assert mail.to == ["bruno.contact.pt@example.org"]
    assert mail.reply_to == ["rita@example.org"]
    assert mail.subject == "[1+MG] A message for the National Mirror Group of Portugal"
    assert "Rita Reader <rita@example.org> wrote to the National Mirror Group of Portugal" in mail.body
    assert "How do I take part?\nThanks." in mail.body
    assert "How do I take part?<br>Thanks." in mail.alternatives[0][0]


def test_without_an_ncp_the_coordinator_gets_the_message(client, group):
    Membership.objects.filter(group=group, role=Role.NATIONAL_CONTACT_POINT).delete()

    client.post("/mirror-groups/pt/contact/", MESSAGE)

    assert [mail.to for mail in queued_mail()] == [["ana.coordinator.pt@example.org"]]


def test_no_address_of_the_group_is_on_the_page(client, group):
    html = client.get("/mirror-groups/pt/").text

    assert 'action="/mirror-groups/pt/contact/"' in html
    assert "mailto:" not in html.split("<footer", 1)[0]
    for member in Membership.objects.filter(group=group):
        assert member.email not in html


def test_bad_input_gets_a_clear_error_and_keeps_the_text(client, group):
    response = client.post("/mirror-groups/pt/contact/",
                           {**MESSAGE, "email": "not an address", "message": "<script>x</script> Hello"})

    assert response.status_code == 200
    assert "Error:" in response.text.split("</title>")[0]
    assert "Enter a valid email address." in response.text
    assert "Please remove the HTML tags" in response.text
    assert 'value="not an address"' in response.text
    assert "&lt;script&gt;x&lt;/script&gt; Hello" in response.text
    assert queued_mail() == []


@pytest.mark.parametrize("address", [
    "rita@example.org\r\nBcc: victim@example.net", "rita@example.org, victim@example.net",
    '"victim@example.net,rita"@example.org',
])
def test_the_reply_to_is_one_plain_address_or_nothing_is_sent(client, group, address):
    response = client.post("/mirror-groups/pt/contact/", {**MESSAGE, "email": address})

    assert response.status_code == 200
    assert response.text.split('id="id_email_errors"', 1)[1].split("</ul>", 1)[0].strip()
    assert queued_mail() == []


def test_a_robot_that_fills_the_trap_is_thanked_and_nothing_is_sent(client, group):
    html = client.get("/mirror-groups/pt/").text
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html

    response = client.post("/mirror-groups/pt/contact/", {**MESSAGE, "website": "https://spam.example"},
                           follow=True)

    assert "your message is on its way" in response.text
    assert queued_mail() == []


def test_messages_are_limited_per_client_address_and_per_group(client, group, tight_limit):
    EstablishedGroupFactory(iso="IT", name="Italy", people=COMPLETE)
    assert [client.post("/mirror-groups/pt/contact/", MESSAGE).status_code for _ in range(2)] == [302, 302]

    refused = client.post("/mirror-groups/it/contact/", MESSAGE)

    assert refused.status_code == 429
    assert "Many messages were sent to this group or from your network lately" in refused.text
    assert "How do I take part?\nThanks." in refused.text  # what was typed stays in the form
    assert client.post("/mirror-groups/pt/contact/", MESSAGE, REMOTE_ADDR=ELSEWHERE).status_code == 302
    # The group's own limit holds whatever the address.
    assert client.post("/mirror-groups/pt/contact/", MESSAGE, REMOTE_ADDR="192.0.2.8").status_code == 429
    assert client.post("/mirror-groups/it/contact/", MESSAGE, REMOTE_ADDR="192.0.2.8").status_code == 302
    assert len(queued_mail()) == 4


def test_a_group_without_contact_point_takes_no_message(client):
    EstablishedGroupFactory(iso="CY", name="Cyprus", people=[])

    response = client.post("/mirror-groups/cy/contact/", MESSAGE)

    assert response.status_code == 409
    assert "The group has no contact point in the portal yet." in response.text
    assert queued_mail() == []


def test_the_contact_form_takes_posts_only(client, group):
    assert client.get("/mirror-groups/pt/contact/").status_code == 405
