"""Running a consultation (open a round now, the tally on reload, publish the report) and answering its
comments, one form a comment, for coordinators (the change permission on consultations)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from portal.core.listings import paginate
from portal.core.validators import no_markup

from .. import services
from ..models import Comment, Consultation, Round, Version


class AnswerForm(forms.ModelForm):
    answer = forms.CharField(label=gettext_lazy("Answer"), max_length=5000, validators=[no_markup],
                             widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = Comment
        fields = ["decision", "answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=f"comment-{kwargs['instance'].pk}", **kwargs)
        self.fields["decision"].required = True


class ConsultationView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Consultation
    permission_required = "change"

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.consultation = get_object_or_404(Consultation, pk=pk)

    def get_page_subtitle(self):
        return self.consultation.title


class RunView(ConsultationView):
    template_name = "consultations/admin/run.html"
    page_title = gettext_lazy("Run the consultation")
    header_icon = "cogs"

    def get_context_data(self, **kwargs):
        versions = {version.round: version
                    for version in Version.objects.filter(consultation=self.consultation)}
        validation = versions.get(Round.VALIDATION)
        return super().get_context_data(
            consultation=self.consultation, review=versions.get(Round.REVIEW), validation=validation,
            tally=services.tally(validation) if validation else None,
            review_open=self.consultation.is_open(Round.REVIEW),
            validation_open=self.consultation.is_open(Round.VALIDATION),
            comments=Comment.objects.filter(section__version__consultation=self.consultation).count(),
            unanswered=Comment.objects.filter(section__version__consultation=self.consultation,
                                              answered_at__isnull=True).count(), **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action in ("open_review", "open_validation"):
            round_ = Round.REVIEW if action == "open_review" else Round.VALIDATION
            reviewed = self.consultation.versions.filter(round=Round.REVIEW).exists()
            if round_ == Round.VALIDATION and not reviewed:
                messages.error(request, _("Open the review first."))
            elif not self.consultation.closes_at(round_):
                messages.error(request, _("Set the round's closing date first."))
            else:
                services.open_round(self.consultation, round_)
                log(self.consultation, "wagtail.edit", user=request.user)
                messages.success(request, _("The round is open: the text is frozen as it is now, and the "
                                            "participants are invited within minutes."))
        elif action in ("close_review", "close_validation"):
            round_ = Round.REVIEW if action == "close_review" else Round.VALIDATION
            if self.consultation.is_open(round_):
                services.close_round(self.consultation, round_)
                log(self.consultation, "wagtail.edit", user=request.user)
                messages.success(request, _("The round is closed."))
        elif action == "publish":
            try:
                services.publish_report(self.consultation)
            except services.Refused as refused:
                messages.error(request, str(refused))
            else:
                log(self.consultation, "wagtail.publish", user=request.user)
                messages.success(request, _("The report is published."))
        return redirect("consultations_admin:run", pk=self.consultation.pk)


class CommentsView(ConsultationView):
    template_name = "consultations/admin/comments.html"
    page_title = gettext_lazy("Answer comments")
    header_icon = "comment"

    def comments(self):
        return (Comment.objects.filter(section__version__consultation=self.consultation)
                .select_related("section", "author").order_by("section__number", "created_at", "pk"))

    def get_context_data(self, form=None, **kwargs):
        page = paginate(self.request, self.comments(), per_page=20)
        forms_ = [(comment, form if form is not None and form.instance.pk == comment.pk
                   else AnswerForm(instance=comment)) for comment in page]
        return super().get_context_data(consultation=self.consultation, items=page, forms=forms_, **kwargs)

    def post(self, request, *args, **kwargs):
        comment = get_object_or_404(self.comments(), pk=request.POST.get("comment"))
        form = AnswerForm(request.POST, instance=comment)
        if form.is_valid():
            services.answer(comment, decision=form.cleaned_data["decision"],
                            answer_text=form.cleaned_data["answer"])
            log(comment, "wagtail.edit", user=request.user)
            messages.success(request, _("The answer is saved."))
            return redirect(request.get_full_path() + f"#comment-{comment.pk}")
        return self.render_to_response(self.get_context_data(form=form))
