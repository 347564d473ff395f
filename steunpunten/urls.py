from django.urls import path

from . import views

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
]
