"""The submitted answers as rows that the results count and filter by (see answer_items.py)."""

from django.db import models
from django.db.models.functions import MD5

from .pages import SurveyPage
from .responses import Response


class AnswerKey(models.Model):
    """What answer items and values are counted under (see answer_items.py): a question of a survey as a
    question of one type, and either the choices picked (as JSON) or a number table's row."""

    id = models.AutoField(primary_key=True)  # a 4-byte key keeps the many items narrow
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+", db_index=False)
    question = models.TextField()
    type = models.TextField()
    row = models.TextField(blank=True)
    choices = models.TextField(blank=True)
    # The item's number in a repeated section (surveys/repeats.py), from 1; 0 outside repeats. A response
    # has one item a key, so each item of a repeat counts under keys of its own number.
    item = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [  # by a hash of the choices, which can be longer than an index entry may be
            models.UniqueConstraint(
                "survey", "question", "type", "row", MD5("choices"), "item", name="unique_answer_key_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} {self.row} {self.choices}".strip()


class AnswerItem(models.Model):
    """That a submitted response answered a question, and with which choices: one item an answer."""

    pk = models.CompositePrimaryKey("response", "key")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.ForeignKey(AnswerKey, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.response_id}: {self.key_id}"


class AnswerValue(models.Model):
    """A number (of a number table's row) or a date answered in a submitted response."""

    pk = models.CompositePrimaryKey("response", "key")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.ForeignKey(AnswerKey, on_delete=models.CASCADE, related_name="+", db_index=False)
    number = models.FloatField(null=True)
    day = models.DateField(null=True)

    class Meta:
        # Medians read each key's values in order from this index, without the table (with filters too).
        indexes = [
            models.Index(fields=["key", "number", "day"], include=["response"], name="answer_value_order")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.key_id} = {self.number if self.day is None else self.day}"
