"""The national picture: coverage, peilingen and their exports."""

from django.urls import path

from . import views

app_name = "overzicht"

urlpatterns = [
    path("overzicht/", views.overzicht, name="overzicht"),
    path("overzicht/monitor/", views.monitor, name="monitor"),
    path("overzicht/export.csv", views.export, {"formaat": "csv"}, name="export_csv"),
    path("overzicht/export.xlsx", views.export, {"formaat": "xlsx"}, name="export_xlsx"),
    path("overzicht/export.json", views.export, {"formaat": "json"}, name="export_json"),
    path("overzicht/export-hsds.zip", views.export_hsds, name="export_hsds"),
]
