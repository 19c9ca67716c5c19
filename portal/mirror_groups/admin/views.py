"""Wagtail's generic views, each limited to the groups the user may act on (permissions.py): the listing
and its exports hold only those groups' records, and a record of another group is refused on every view
that names one in its address."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView as BaseHistoryView
from wagtail.admin.views.generic.usage import UsageView as BaseUsageView
from wagtail.admin.viewsets.model import ModelViewSet

ANY_ACTION = ["view", "change", "delete"]


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION)
        return super().get_base_queryset() & allowed


class ObjectCheckedMixin:
    object_actions = ANY_ACTION

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self.object_actions, instance
        ):
            raise PermissionDenied
        return instance


class EditView(ObjectCheckedMixin, generic.EditView):
    object_actions = ["change"]


class DeleteView(ObjectCheckedMixin, generic.DeleteView):
    object_actions = ["delete"]


class InspectView(ObjectCheckedMixin, generic.InspectView):
    pass


class HistoryView(ObjectCheckedMixin, BaseHistoryView):
    pass


class UsageView(ObjectCheckedMixin, BaseUsageView):
    pass


class GroupScopedViewSet(ModelViewSet):
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_enabled = False
    inspect_view_enabled = True
