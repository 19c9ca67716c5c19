"""The published result of a consultation: each version's text, the comments with their answers, the tally;
as a page and as CSV or XLSX. Commenters appear as services.author_shown says."""

import csv
import io

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.core.spreadsheets import SafeWriter
from portal.recommendations.models import Recommendation, RecommendationIndexPage, recommendation_path

from . import services
from .models import Comment, Consultation, Round, Version, VersionSection


def versions(consultation: Consultation) -> list[dict]:
    """Each version with its sections; the review's sections with their comments, the validation's tally."""
    comments = Comment.objects.select_related("author").order_by("created_at", "pk")
    sections = VersionSection.objects.order_by("number").prefetch_related(
        Prefetch("comments", queryset=comments))
    found = []
    for version in Version.objects.filter(consultation=consultation).prefetch_related(
            Prefetch("sections", queryset=sections)).order_by("round"):
        entry = {"version": version, "sections": [
            {"section": section, "comments": [(comment, services.author_shown(comment))
                                              for comment in section.comments.all()]}
            for section in version.sections.all()]}
        if version.round == Round.VALIDATION:
            entry["tally"] = services.tally(version)
        found.append(entry)
    return found


def rows(consultation: Consultation) -> list[list]:
    header = [_("Round"), _("Section"), _("Heading"), _("Text"), _("Comment by"), _("Passage quoted"),
              _("Comment"), _("Proposed wording"), _("Decision"), _("Answer"), _("Approvals"),
              _("Objections"), _("Reasons for objecting")]
    found = [header]
    for entry in versions(consultation):
        round_ = entry["version"].get_round_display()
        tally = {row["section"].pk if row["section"] else None: row for row in entry.get("tally", [])}
        if None in tally:
            whole = tally[None]
            found.append([round_, "", whole["label"], "", "", "", "", "", "", "", whole["approvals"],
                          whole["objections"], "\n".join(whole["reasons"])])
        for item in entry["sections"]:
            section = item["section"]
            counted = tally.get(section.pk)
            found.append([round_, section.number, section.heading, section.text, "", "", "", "", "", "",
                          counted["approvals"] if counted else "", counted["objections"] if counted else "",
                          "\n".join(counted["reasons"]) if counted else ""])
            for comment, shown in item["comments"]:
                found.append([round_, section.number, section.heading, "", shown, comment.quote, comment.text,
                              comment.proposed_wording, comment.get_decision_display(), comment.answer,
                              "", "", ""])
    return found


def _attachment(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(consultation: Consultation) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    SafeWriter(csv.writer(response)).writerows(rows(consultation))
    return _attachment(response, f"{consultation.slug}-report.csv")


def xlsx_response(consultation: Consultation) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    for row in rows(consultation):
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a text beginning with = stays a text
    output = io.BytesIO()
    book.save(output)
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return _attachment(response, f"{consultation.slug}-report.xlsx")


def recommendations(consultation: Consultation) -> list[tuple]:
    """The recommendations the consultation produced, each with the address of its page on the tracker."""
    produced = Recommendation.objects.filter(consultation=consultation).order_by("title", "pk")
    tracker = RecommendationIndexPage.objects.live().first()
    return [(recommendation, recommendation_path(recommendation, tracker) if tracker else None)
            for recommendation in produced]
