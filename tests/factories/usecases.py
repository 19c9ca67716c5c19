"""Industry use cases."""

import factory

from portal.usecases.models import Attachment

from .core import PrivateFileFactory


class AttachmentFactory(factory.django.DjangoModelFactory):
    """Give it a use_case."""

    class Meta:
        model = Attachment

    file = factory.SubFactory(PrivateFileFactory)
