from django.urls import path

from . import melding_views, views
from .views_overzicht import export, overzicht

app_name = "steunpunten"

urlpatterns = [
    path("", views.home, name="home"),
    path("steunpunten/<slug:slug>/", views.steunpunt_detail, name="steunpunt"),
    path(
        "samenwerkingsverbanden/<str:code>/",
        views.samenwerkingsverband_detail,
        name="samenwerkingsverband",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("steunpunten/<slug:slug>/melding/", melding_views.melding, name="melding"),
    path("overzicht/", overzicht, name="overzicht"),
    path("overzicht/export.csv", export, {"formaat": "csv"}, name="export_csv"),
    path("overzicht/export.xlsx", export, {"formaat": "xlsx"}, name="export_xlsx"),
    path("overzicht/export.json", export, {"formaat": "json"}, name="export_json"),
]
