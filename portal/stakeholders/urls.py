from django.urls import path

from . import views

app_name = "stakeholders"
urlpatterns = [
    path("", views.my_portal, name="my_portal"),
    path("profile/", views.profile, name="profile"),
]
