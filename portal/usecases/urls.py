from django.urls import path

from . import directory_views

app_name = "usecases"
urlpatterns = [
    path("directory/", directory_views.listing, name="directory"),
    path("directory/<int:pk>/", directory_views.person, name="directory_person"),
    path("directory/<int:pk>/contact/", directory_views.contact, name="directory_contact"),
]
