from django.urls import path

from . import api, melding_views, views
from .views_overzicht import export, overzicht

app_name = "steunpunten"

urlpatterns = [
    path("", views.home, name="home"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("regio/", views.regio, name="regio"),
    path("regio/<slug:provincie>/", views.regio_provincie, name="regio_provincie"),
    path("wegwijzer/", views.wegwijzer, name="wegwijzer"),
    path("over/", views.over, name="over"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("api/", views.api_docs, name="api"),
    path("api/v1/zoeken", api.zoeken, name="api_zoeken"),
    path("api/v1/steunpunten", api.steunpunten, name="api_steunpunten"),
    path(
        "api/v1/samenwerkingsverbanden",
        api.samenwerkingsverbanden,
        name="api_samenwerkingsverbanden",
    ),
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
