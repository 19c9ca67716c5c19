from django.urls import path  # noqa: F401 (the app's addresses come with its views)

app_name = "usecases"
urlpatterns = []
