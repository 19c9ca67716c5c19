from django.urls import path

from . import catalogue_views, directory_views, views

app_name = "usecases"
urlpatterns = [
    path("", catalogue_views.listing, name="catalogue"),
    path("feed.atom", catalogue_views.feed, name="feed"),
    path("new/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/<slug:name>/", views.step, name="step"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/co-authors/", views.invite, name="invite"),
    path("invitations/<int:pk>/accept/", views.accept, name="accept"),
    path("directory/", directory_views.listing, name="directory"),
    path("directory/<int:pk>/", directory_views.person, name="directory_person"),
    path("directory/<int:pk>/contact/", directory_views.contact, name="directory_contact"),
]
