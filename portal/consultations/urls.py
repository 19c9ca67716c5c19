from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/report/", views.report_page, name="report"),
    path("<slug:slug>/report.csv", views.report_csv, name="report_csv"),
    path("<slug:slug>/report.xlsx", views.report_xlsx, name="report_xlsx"),
]
