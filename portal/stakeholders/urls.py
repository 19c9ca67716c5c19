from django.urls import path

from . import views

app_name = "stakeholders"
urlpatterns = [
    path("", views.my_portal, name="my_portal"),
    path("profile/", views.profile, name="profile"),
    path("privacy/", views.privacy_agreement, name="privacy_agreement"),
    path("data/", views.my_data, name="my_data"),
    path("data/export/", views.export_data, name="export_data"),
    path("data/erase/", views.erase_account, name="erase_account"),
    path("erased/", views.erased, name="erased"),
]
