from django.urls import path

from . import views

app_name = "forum"
urlpatterns = [
    path("feed.ics", views.feed, name="feed"),
    path("events/<int:page_id>.ics", views.event_programme, name="event_ics"),
    path("sessions/<int:session_id>.ics", views.session, name="session_ics"),
]
