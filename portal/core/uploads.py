"""Documents uploaded with a record in the admin (a meeting's minutes, a status change's evidence), so that
the people who write the record need no rights on the document library: each kind goes into a collection
of its own."""

from django.core.exceptions import ValidationError
from wagtail.documents import get_document_model
from wagtail.models import Collection


def collection_named(name: str) -> Collection:
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def check_document_upload(upload):
    """For a form's clean_<field>(): the upload, or the library's reason to refuse it (its extension)."""
    if upload:
        try:
            get_document_model()(title=upload.name, file=upload).clean()
        except ValidationError as error:
            raise ValidationError(error.message_dict["file"]) from error
    return upload


def save_document(upload, *, title: str, collection: str, user):
    document = get_document_model()(title=title[:255], file=upload, collection=collection_named(collection),
                                    uploaded_by_user=user)
    document._set_document_file_metadata()
    document.save()
    return document
