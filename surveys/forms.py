from django import forms
from django.utils.translation import gettext_lazy


class ResumeLinkForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"), max_length=254)
