"""The public side of beheer: the "Klopt er iets niet?" report form of a steunpunt."""

from django.urls import path

from . import views

app_name = "beheer"

urlpatterns = [
    path("steunpunten/<slug:slug>/melding/", views.melding, name="melding"),
]
