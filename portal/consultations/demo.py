"""Demo content for `make run`: an example consultation on a draft about involving industry, built from what
WG7 said at the 2022 Stakeholder Forum (the planning folder's seeds: industry in every National Mirror Group,
use cases for industry involvement, the services needed to support the use of genomic data). The draft's
wording and its dates are examples; the page says so. Its review round is open to all approved stakeholders
who are early reviewers. Created once, never touched again."""

import datetime

from django.utils import timezone

from portal.core.demo import CONTENT, created, register

from .models import Consultation, DraftSection

SLUG = "industry-involvement-example"
SECTIONS = [
    ("Industry in every National Mirror Group",
     "Each signatory country adds industry to its National Mirror Group, so that companies take part in "
     "the national discussion of genomic data sharing alongside patients, clinicians and researchers."),
    ("Use cases for industry involvement",
     "The working groups document relevant use cases for industry involvement in the 1+MG initiative, "
     "covering rare disease, cancer, common and population-level diseases, and COVID-19 and other emerging "
     "infectious diseases, with individual industry experts."),
    ("Services that support the use of genomic data",
     "The initiative identifies the services needed to support the use of genomic data and the "
     "establishing and scaling up of its infrastructure, and makes the opportunities of the genomic "
     "ecosystem visible to industry and funders."),
    ("Public trust",
     "Public commitment to involving industry is shown, and industry supports the signatory countries in "
     "building public trust."),
]


def create_demo_consultation() -> list[str]:
    if Consultation.objects.filter(slug=SLUG).exists():
        return created("Consultations", [])
    now = timezone.now()
    consultation = Consultation.objects.create(
        title="Involving industry in 1+MG (example draft)", slug=SLUG, example=True,
        introduction="An example consultation: a draft recommendation on how industry takes part in the "
                     "1+MG initiative, based on what working group 7 presented at the 2022 Stakeholder "
                     "Forum. "
                     "Early reviewers comment on each section; validators then approve or object to the "
                     "revised text.",
        review_opens_at=now, review_closes_at=now + datetime.timedelta(days=21),
        validation_opens_at=now + datetime.timedelta(days=35),
        validation_closes_at=now + datetime.timedelta(days=49))
    DraftSection.objects.bulk_create(
        DraftSection(consultation=consultation, sort_order=order, heading=heading, text=text)
        for order, (heading, text) in enumerate(SECTIONS))
    return created("Consultations", [consultation.title])


def register_demo_steps() -> None:
    register("consultations.example", order=CONTENT + 10, create=create_demo_consultation)
