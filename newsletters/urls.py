from django.urls import path

from . import views

app_name = "newsletters"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:signed>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("my/subscribe/", views.my_subscribe, name="my_subscribe"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
