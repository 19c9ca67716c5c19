"""Results kept in the cache until a response is submitted or changed."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import models as db

from ..models import Response, SurveyPage
from .filters import Filters
from .statistics import TEXTS_SHOWN, Results, survey_results

CACHE_SECONDS = 600


def cached(survey: SurveyPage, parts: tuple, compute):
    """compute(), kept in the cache while no response is submitted or changed (and at most ten minutes,
    since a profile's country or clusters can change too). One cheap query checks that."""
    stamp = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).aggregate(
        count=db.Count("pk"), last=db.Max("updated_at"), top=db.Max("pk"), versions=db.Max("version_id")
    )
    digest = hashlib.sha256(repr((survey.pk, parts, sorted(stamp.items()))).encode()).hexdigest()
    key = f"surveys:results:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def cached_survey_results(
    survey: SurveyPage, filters: Filters | None = None, *, text_limit: int = TEXTS_SHOWN
) -> Results:
    filters = filters or Filters()

    def compute():
        results = survey_results(survey, filters, text_limit=text_limit)
        return results.questions, results.total

    questions, total = cached(survey, ("admin", filters, text_limit), compute)
    return Results(survey, questions, total, filters)
