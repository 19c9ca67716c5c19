from django.urls import path

from . import invitations, views

app_name = "mirror_groups"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("invitation/<str:token>/", invitations.take_up, name="invitation"),
    path("membership/<int:pk>/", views.member_choices, name="member_choices"),
    path("<slug:iso>/", views.group_page, name="group"),
    path("<slug:iso>/contact/", views.contact, name="contact"),
    path("<slug:iso>/apply/", views.apply, name="apply"),
]
