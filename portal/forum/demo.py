"""Demo content of the Stakeholder Forum for `make run`: the index, the 2022 forum and a coming one open for
registration, and audience questions (answered ones in the 2022 record, an open Q&A in the coming forum,
asked by example people whose accounts cannot sign in). Created once, never touched again.

Facts of 2022 come from the planning folder's seeds (the Zenodo record of B1MG D1.4 and the WG7 slides):
the day, its times, the sessions and who spoke for which organisation, the report and its DOI. The sources
give neither the time of each session nor the names of chairs and speakers: those are marked as examples.
The coming forum is an example throughout, and so are the questions."""

import datetime
import uuid
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.core.demo import CONTENT, PEOPLE, created, register
from portal.initiative.models import DiseaseArea

from .models import ForumEventPage, ForumIndexPage, Question, Registration, Session, Speaker, Vote

BRUSSELS = "Europe/Brussels"
FORUM_2022 = "stakeholder-forum-2022"
COMING = "stakeholder-forum-coming"
K, R = Session.Kind, Speaker.Role
EXAMPLE_TIME = " (example time)"

QUESTIONS = (
    "How can stakeholders help scale up the work of 1+MG and B1MG on data governance, data standards and "
    "technical infrastructure, and make it sustainable?\n"
    "Which gaps could industry fill, and how could it help this process?"
)
# (title, kind, start, end, track, disease area slug, description, speakers (name, affiliation, role))
PROGRAMME_2022 = [
    ("Welcome", K.WELCOME, "10:00", "10:15", "", "",
     "Opening words on behalf of the European Commission.",
     [("Example speaker", "European Commission", R.SPEAKER)]),
    ("The 1+MG Trust Framework", K.UPDATE, "10:15", "10:35", "", "",
     "Where the ELSI and technical recommendations and guidelines for privacy-preserving access to genomic "
     "data stand.", []),
    ("The B1MG Maturity Level Model", K.UPDATE, "10:35", "10:55", "", "",
     "A tool for countries to assess how far they have come in bringing genomics-based personalised health "
     "into their healthcare.", []),
    ("Industry engagement in 1+MG (WG7)", K.UPDATE, "10:55", "11:15", "", "",
     "How working group 7 approached the role of industry in genomics, beyond that of a data user.",
     [("Example speaker", "1+MG WG7", R.SPEAKER)]),
    ("Next steps to scale up: GDI, TEHDAS/EHDS and GAIA-X", K.KEYNOTE, "11:30", "12:30", "", "",
     "Speakers from the Genomic Data Infrastructure (GDI) project, TEHDAS and the European Health Data "
     "Space, and GAIA-X on scaling up and implementing genomic data sharing.",
     [("Example speaker", "Genomic Data Infrastructure (GDI)", R.SPEAKER),
      ("Example speaker", "TEHDAS / EHDS", R.SPEAKER), ("Example speaker", "GAIA-X", R.SPEAKER)]),
    ("Lunch break", K.BREAK, "12:30", "13:30", "", "", "", []),
    ("Industry panel", K.PANEL, "13:30", "14:30", "", "",
     "Companies as stakeholders in cross-border genomic data sharing and personalised health, with a "
     "European industry association, an SME and an initiative from outside Europe.",
     [("Example moderator", "1+MG WG7", R.MODERATOR), ("Example panellist", "EFPIA", R.PANELLIST),
      ("Example panellist", "The Hyve (EHDEN project)", R.PANELLIST),
      ("Example panellist", "Australian Genomics", R.PANELLIST)]),
    *[(f"Workshop: {name}", K.WORKSHOP, "14:45", "16:00", f"Breakout room {number} (example)", slug,
       f"Scaling up and sustaining the 1+MG infrastructure for {name.lower()}: what the community needs "
       "from the Trust Framework, and how stakeholders, industry included, can help.",
       [("Example chair", "", R.CHAIR), ("Example co-chair", "", R.CO_CHAIR)])
      for number, (name, slug) in enumerate([
          ("Rare disease", "rare-disease"), ("Cancer", "cancer"),
          ("Common and complex disease", "common-complex-disease"),
          ("Infectious disease", "infectious-disease")], start=1)],
    ("Reports from the workshops and closing", K.QA, "16:00", "16:30", "", "", "", []),
]


def _at(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(BRUSSELS))


def _add_programme(event: ForumEventPage, day: datetime.date, programme, *, workshop_capacity=None) -> None:
    areas = {area.slug: area for area in DiseaseArea.objects.all()}
    for title, kind, start, end, track, area, description, speakers in programme:
        session = Session.objects.create(
            event=event, title=title, kind=kind, starts_at=_at(day, start), ends_at=_at(day, end),
            track=track, description=f"{description}{EXAMPLE_TIME}".strip(),
            disease_area=areas.get(area),
            guiding_questions=QUESTIONS if kind == K.WORKSHOP else "",
            capacity=workshop_capacity if kind == K.WORKSHOP else None)
        for order, (name, affiliation, role) in enumerate(speakers):
            Speaker.objects.create(session=session, name=name, affiliation=affiliation, role=role,
                                   sort_order=order)


def _forum_2022(index: ForumIndexPage) -> ForumEventPage:
    day = datetime.date(2022, 10, 13)
    event = index.add_child(instance=ForumEventPage(
        title="Stakeholder Forum 2022", slug=FORUM_2022, date=day, starts_at=_at(day, "10:00"),
        ends_at=_at(day, "16:30"), time_zone=BRUSSELS,
        theme="How stakeholders can help scale up and sustain 1+MG",
        summary="The last forum run by B1MG, held online: updates on the Trust Framework, the Maturity Level "
                "Model and industry engagement, the next steps with GDI, TEHDAS/EHDS and GAIA-X, an industry "
                "panel and four parallel disease-area workshops.",
        body="<p>The third Stakeholder Forum brought together experts from scientific and technical "
             "communities, international initiatives, projects, national healthcare systems and industry to "
             "give their input on the 1+MG infrastructure, its legal guidance and best practices.</p>"
             "<p>The day ran from 10:00 to 16:30 Brussels time; the times of the single sessions below are "
             "examples, as are the names of speakers, chairs and co-chairs.</p>",
        report_title="B1MG D1.4: Report of Stakeholders Forum 2022 including recommendations to the 1+MG "
                     "Working Groups",
        report_url="https://zenodo.org/records/7590743", report_doi="10.5281/zenodo.7590743",
    ))
    event.save_revision().publish()
    _add_programme(event, day, PROGRAMME_2022)
    return event


def _coming_forum(index: ForumIndexPage) -> ForumEventPage:
    day = timezone.localdate() + datetime.timedelta(days=120)
    event = index.add_child(instance=ForumEventPage(
        title=f"Stakeholder Forum {day.year} (example)", slug=COMING, date=day, starts_at=_at(day, "09:30"),
        ends_at=_at(day, "17:00"), time_zone=BRUSSELS, venue="Brussels (example venue)",
        online_link="https://meet.example.org/stakeholder-forum",
        theme="An example forum, open for registration",
        summary="An example of a coming forum: its date, place, programme and capacity are invented to show "
                "registration with workshops and waiting lists.",
        registration_open=True, registration_closes_at=_at(day - datetime.timedelta(days=7), "23:59"),
        capacity=120,
    ))
    event.save_revision().publish()
    _add_programme(event, day, [
        ("Welcome", K.WELCOME, "09:30", "10:00", "", "", "Opening of the day.",
         [("Example speaker", "1+MG coordination (example)", R.SPEAKER)]),
        *[(f"Workshop: {name}", K.WORKSHOP, "10:15", "12:30", f"Room {number} (example)", slug,
           f"An example workshop on {name.lower()}.",
           [("Example chair", "", R.CHAIR), ("Example co-chair", "", R.CO_CHAIR)])
          for number, (name, slug) in enumerate([("Rare disease", "rare-disease"), ("Cancer", "cancer")], 1)],
        ("Closing", K.QA, "16:30", "17:00", "", "", "", []),
    ], workshop_capacity=30)
    return event


# Who asks: (given name, family name); their addresses are given.family@example.org.
ASKERS = [("Ines", "Example"), ("Jonas", "Example"), ("Kristiina", "Example")]
S = Question.State
# (session title, [(asker, question, state, anonymous, votes)]): in the 2022 record, answered in the
# industry panel; in the coming forum, a rare disease workshop's open Q&A, its votes cast by the other askers.
QUESTIONS_2022 = ("Industry panel", [
    (0, "How can a small company take part in 1+MG when it holds no genomic data of its own?", S.ANSWERED,
     False, 14),
    (1, "Which incentives would bring companies to share data back with the public infrastructure?",
     S.ANSWERED, False, 9),
    (2, "How are patient organisations heard when industry uses the data?", S.ANSWERED, True, 7),
])
QUESTIONS_COMING = ("Workshop: Rare disease", [
    (0, "Will the workshop's recommendations be published before the working groups meet again?", S.SHOWN,
     False, 2),
    (1, "How will existing rare disease registries connect to the 1+MG infrastructure?", S.SHOWN, False, 1),
    (2, "Can the slides be shared with our National Mirror Group?", S.PENDING, False, 0),
])


def _askers() -> list:
    User = get_user_model()
    people = []
    for given, family in ASKERS:
        email = f"{given.lower()}.{family.lower()}@example.org"
        # Without a password: nobody signs in as them.
        person = User.objects.filter(email__iexact=email).first() or User.objects.create_user(
            username=uuid.uuid4().hex, email=email, first_name=given, last_name=family)
        people.append(person)
    return people


def _ask(event_slug: str, spec, *, live: bool) -> bool:
    """The questions of one session, unless it has some already; in a live Q&A the askers hold places and
    vote for each other's shown questions."""
    title, questions = spec
    session = Session.objects.filter(event__slug=event_slug, title=title).first()
    if session is None or session.questions.exists():
        return False
    people = _askers()
    if live:
        Session.objects.filter(pk=session.pk).update(questions_open=True)
        for person in people:
            Registration.objects.get_or_create(event=session.event, user=person)
    start = timezone.now() - datetime.timedelta(hours=1) if live else session.starts_at
    for number, (asker, text, state, anonymous, votes) in enumerate(questions, start=1):
        asked_at = start + datetime.timedelta(minutes=5 * number)
        question = Question.objects.create(
            session=session, author=people[asker], text=f"{text} (example)", state=state, anonymous=anonymous,
            votes=votes, created_at=asked_at, changed_at=asked_at)
        if live:
            voters = [person for index, person in enumerate(people) if index != asker][:votes]
            Vote.objects.bulk_create(Vote(question=question, voter=voter) for voter in voters)
    return True


def create_demo_questions() -> list[str]:
    made = []
    if _ask(FORUM_2022, QUESTIONS_2022, live=False):
        made.append("answered questions of the 2022 industry panel")
    if _ask(COMING, QUESTIONS_COMING, live=True):
        made.append("the open Q&A of a coming workshop")
    return made


def create_demo_forum() -> list[str]:
    from cms.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        return []
    made = []
    index = ForumIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=ForumIndexPage(
            title="Stakeholder Forum", slug="stakeholder-forum",
            intro="<p>Every year the stakeholders of 1+MG meet at the Stakeholder Forum. Here are the coming "
                  "forums, open for registration, and the record of past ones.</p>"))
        index.save_revision().publish()
        made.append("forum index")
    for slug, make in ((FORUM_2022, _forum_2022), (COMING, _coming_forum)):
        if not ForumEventPage.objects.filter(slug=slug).exists():
            made.append(make(index).title)
    return made


def register_demo_steps() -> None:
    register("forum.events", order=CONTENT + 5,
             create=lambda: created("Stakeholder Forum", create_demo_forum()))
    register("forum.questions", order=PEOPLE,
             create=lambda: created("Audience questions", create_demo_questions()))
