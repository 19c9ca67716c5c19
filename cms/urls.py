"""URLs of the content app that are not Wagtail pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.search, name="search"),
]
