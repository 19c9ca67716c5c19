"""What the survey page editor posts: the builder's blocks written out as Wagtail's block widgets do."""

import datetime
import json

from wagtail import blocks

from surveys.builder import sections_block, to_builder


def block_data(block, value, prefix: str) -> dict:
    """The form data of one block value, in the field names Wagtail's block widgets use."""
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= block_data(child, value[name], f"{prefix}-{name}")
        return data
    if isinstance(block, blocks.ListBlock | blocks.StreamBlock):
        data = {f"{prefix}-count": len(value)}
        for index, item in enumerate(value):
            at = f"{prefix}-{index}"
            data |= {f"{at}-deleted": "", f"{at}-order": index, f"{at}-id": ""}
            if isinstance(block, blocks.StreamBlock):
                data[f"{at}-type"] = item.block_type
                data |= block_data(item.block, item.value, f"{at}-value")
            else:
                data |= block_data(block.child_block, item, f"{at}-value")
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if isinstance(value, datetime.date):
        return {prefix: value.isoformat()}
    return {prefix: "" if value is None else str(value)}


def editor_data(page, definition: dict, *, publish: bool = True, **extra) -> dict:
    """Everything the page editor posts to save (and publish) a survey page with this definition."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": "{}",
        "survey_name": definition["name"],
        "survey_title": definition["title"],
        "survey_intro": definition.get("intro", ""),
        "privacy_statement_url": definition.get("privacy_statement_url", ""),
        "languages": ", ".join(definition["languages"]),
        "translations": json.dumps(definition.get("translations") or {}),
        "source": definition.get("source", ""),
        "survey_note": definition.get("note", ""),
        "audience": page.audience,
        "erasure": page.erasure,
        **block_data(sections_block(), to_builder(definition), "sections"),
    }
    if publish:
        data["action-publish"] = "publish"
    return data | extra
