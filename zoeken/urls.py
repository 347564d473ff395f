"""The public site for parents and young people: search, pages and the open-data API."""

from django.urls import path

from . import api, views

app_name = "zoeken"

urlpatterns = [
    path("", views.home, name="home"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("regio/", views.regio, name="regio"),
    path("regio/<slug:provincie>/", views.regio_provincie, name="regio_provincie"),
    path("wegwijzer/", views.wegwijzer, name="wegwijzer"),
    path("over/", views.over, name="over"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("ervaring/", views.ervaring_start, name="ervaring_start"),
    path("ervaring/bedankt/", views.ervaring_bedankt, name="ervaring_bedankt"),
    path("ervaring/<str:code>/", views.ervaring_vragen, name="ervaring"),
    path("api/", views.api_docs, name="api"),
    path("api/v1/zoeken", api.zoeken, name="api_zoeken"),
    path("api/v1/steunpunten", api.steunpunten, name="api_steunpunten"),
    path("api/v1/scholen", api.scholen_zoeken, name="api_scholen"),
    path("api/v1/suggesties", api.suggesties_zoeken, name="api_suggesties"),
    path(
        "api/v1/samenwerkingsverbanden",
        api.samenwerkingsverbanden,
        name="api_samenwerkingsverbanden",
    ),
    path("api/hsds/", api.hsds_root, name="hsds"),
    path("api/hsds/openapi.json", api.hsds_openapi_document, name="hsds_openapi"),
    path("api/hsds/profiel/", api.hsds_profiel, name="hsds_profiel"),
    path(
        "api/hsds/profiel/profile/<str:naam>",
        api.hsds_profiel_bestand,
        name="hsds_profiel_bestand",
    ),
    path("api/hsds/services", api.hsds_services, name="hsds_services"),
    path("api/hsds/services/<str:id>", api.hsds_service, name="hsds_service"),
    path("api/hsds/organizations", api.hsds_organizations, name="hsds_organizations"),
    path("api/hsds/organizations/<str:id>", api.hsds_organization, name="hsds_organization"),
    path(
        "api/hsds/service_at_locations",
        api.hsds_service_at_locations,
        name="hsds_service_at_locations",
    ),
    path("scholen/<str:vestigingscode>/", views.school, name="school"),
    path("scholen/<str:vestigingscode>/poster/", views.school_poster, name="school_poster"),
    path("steunpunten/<slug:slug>/", views.steunpunt_detail, name="steunpunt"),
    path("steunpunten/<slug:slug>/poster/", views.steunpunt_poster, name="steunpunt_poster"),
    path("insluiten/", views.insluiten, name="insluiten"),
    path(
        "insluiten/school/<str:vestigingscode>/",
        views.insluiten_school,
        name="insluiten_school",
    ),
    path("voor-scholen/", views.voor_scholen, name="voor_scholen"),
    path(
        "samenwerkingsverbanden/<str:code>/",
        views.samenwerkingsverband_detail,
        name="samenwerkingsverband",
    ),
]
