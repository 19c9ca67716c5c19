from django.urls import path

from . import views

app_name = "forum"
urlpatterns = [
    path("feed.ics", views.feed, name="feed"),
    path("events/<int:page_id>.ics", views.event_programme, name="event_ics"),
    path("sessions/<int:session_id>.ics", views.session, name="session_ics"),
    path("events/<int:page_id>/register/", views.register_for, name="register"),
    path("registrations/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registrations/<str:token>/accept/", views.accept_offer, name="accept"),
    path("sessions/<int:session_id>/questions/", views.session_questions, name="questions"),
    path("sessions/<int:session_id>/questions/poll", views.session_questions_poll, name="questions_poll"),
    path("sessions/<int:session_id>/questions/present", views.present, name="questions_present"),
    path("questions/<int:question_id>/vote", views.vote, name="question_vote"),
    path("questions/<int:question_id>/moderate", views.moderate, name="question_moderate"),
]
