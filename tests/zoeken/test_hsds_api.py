"""The HSDS 3.0 API (/api/hsds/): every answer validates against the HSDS 3.0 JSON Schemas and
the OJS profile, over every published steunpunt and every SWV; pages, filters and errors."""

import datetime
import uuid
from datetime import time

import pytest
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from steunpunten.cache import bump_version
from steunpunten.hsds import NAMESPACE, hsds_id
from steunpunten.models import (
    Kanaal,
    Postcodegebied,
    Samenwerkingsverband,
    Schoolvakantie,
    Sluiting,
    Steunpunt,
    Tijdvak,
)
from tests.helpers import make_steunpunt
from tests.hsds_schemas import (
    ORGANIZATION,
    ORGANIZATION_PAGE,
    ROOT,
    SERVICE,
    SERVICE_AT_LOCATION_PAGE,
    SERVICE_PAGE,
    assert_valid,
    schema_errors,
)

pytestmark = pytest.mark.django_db

API = "/api/hsds"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def all_pages(client, url: str, schema: dict) -> list[dict]:
    """Every item of a list, page by page (50 a page), each page validated."""
    items, page = [], 1
    while True:
        separator = "&" if "?" in url else "?"
        data = get_json(client, f"{url}{separator}page={page}")
        assert_valid(data, schema)
        items += data["contents"]
        if data["last_page"]:
            assert data["total_items"] == len(items)
            return items
        page += 1


def published_slugs() -> set[str]:
    return set(Steunpunt.objects.published().values_list("slug", flat=True))


def test_the_root_names_version_profile_and_openapi(client):
    data = get_json(client, f"{API}/")
    assert_valid(data, ROOT)
    assert data == {
        "version": "3.0",
        "profile": "http://testserver/api/hsds/profiel/",
        "openapi_url": "http://testserver/api/hsds/openapi.json",
    }
    openapi = get_json(client, data["openapi_url"])
    assert openapi["openapi"].startswith("3.1")
    assert set(openapi["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/service_at_locations",
    }
    profiel = get_json(client, data["profile"])
    assert profiel["hsds_version"] == "3.0"
    assert "Open Referral" in profiel["attribution"]
    assert set(profiel["profile"]) == {"organization.json", "service.json", "service_area.json"}
    for url in profiel["profile"].values():
        assert "properties" in get_json(client, url)
    get_json(client, f"{API}/profiel/profile/geheim.json", status=404)


def test_every_published_steunpunt_is_a_valid_service(client):
    services = all_pages(client, f"{API}/services", SERVICE_PAGE)
    assert {s["ojs_pagina"].rsplit("/", 2)[-2] for s in services} == published_slugs()
    assert len(services) == len(published_slugs())
    for summary in services:
        service = get_json(client, f"{API}/services/{summary['id']}")
        assert_valid(service, SERVICE)
        assert {k: v for k, v in service.items() if k in summary} == summary


def test_every_swv_is_a_valid_organization(client):
    organizations = all_pages(client, f"{API}/organizations", ORGANIZATION_PAGE)
    assert sorted(o["ojs_swv_code"] for o in organizations) == sorted(
        Samenwerkingsverband.objects.values_list("code", flat=True)
    )
    for summary in organizations:
        for suffix in ("", "?full_service=true"):
            organization = get_json(client, f"{API}/organizations/{summary['id']}{suffix}")
            assert_valid(organization, ORGANIZATION)
            assert (
                organization["organization_identifiers"][0]["identifier"]
                == (summary["ojs_swv_code"])
            )


def test_every_service_is_at_a_location(client):
    links = all_pages(client, f"{API}/service_at_locations", SERVICE_AT_LOCATION_PAGE)
    assert len(links) == len(published_slugs())
    services = {s["id"] for s in all_pages(client, f"{API}/services", SERVICE_PAGE)}
    assert {link["service_id"] for link in links} == services
    assert all(link["location"]["id"] == link["location_id"] for link in links)


def test_an_organization_lists_the_steunpunten_that_serve_it(client):
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    expected = {s.slug for s in Steunpunt.objects.visible_for(swv)}
    assert expected
    organization = get_json(client, f"{API}/organizations/{hsds_id('organization', 'PO2707')}")
    assert {s["ojs_pagina"].rsplit("/", 2)[-2] for s in organization["services"]} == expected
    assert organization["ojs_heeft_steunpunt"] is True
    assert organization["uri"] == "http://testserver/samenwerkingsverbanden/PO2707/"


def test_ids_are_uuid5_of_the_natural_key_and_survive_a_reimport(client):
    steunpunt = make_steunpunt("PO2707", slug="hsds-blijvend")
    expected = str(uuid.uuid5(NAMESPACE, "service/hsds-blijvend"))
    get_json(client, f"{API}/services/{expected}")
    steunpunt.delete()
    make_steunpunt("PO2707", slug="hsds-blijvend", naam="Opnieuw ingelezen")
    assert get_json(client, f"{API}/services/{expected}")["name"] == "Opnieuw ingelezen"


def test_a_steunpunt_with_an_address_has_a_physical_location(client):
    make_steunpunt(
        "PO2707",
        slug="hsds-adres",
        straat="Damrak",
        huisnummer="1",
        postcode="1012 LG",
        plaats="Amsterdam",
        lat=52.376,
        lon=4.897,
        telefoon="020 123 4567",
        talen="Nederlands, Engels",
        telefonisch_bereikbaar="ma t/m do 9.00-12.30 uur",
    )
    service = get_json(client, f"{API}/services/{hsds_id('service', 'hsds-adres')}")
    assert_valid(service, SERVICE)
    location = service["service_at_locations"][0]["location"]
    assert location["location_type"] == "physical"
    assert location["addresses"][0] | {"id": None, "location_id": None} == {
        "id": None,
        "location_id": None,
        "address_1": "Damrak 1",
        "city": "Amsterdam",
        "state_province": "Noord-Holland",
        "postal_code": "1012 LG",
        "country": "NL",
        "address_type": "physical",
    }
    assert (location["latitude"], location["longitude"]) == (52.376, 4.897)
    assert service["phones"][0]["number"] == "020 123 4567"
    assert [lang["name"] for lang in service["languages"]] == ["Nederlands", "Engels"]
    assert service["schedules"][0]["description"] == "ma t/m do 9.00-12.30 uur"


def test_online_only_in_oprichting_and_the_profile_fields(client):
    make_steunpunt(
        "PO2707",
        "VO2708",
        slug="hsds-online",
        alleen_online=True,
        status="in_oprichting",
        herkomst="openbare_bron",
        bron_url="https://voorbeeld.example.org/ouders",
        website="https://voorbeeld.example.org/",
        voor_jongeren=False,
        voor_vo=False,
    )
    service = get_json(client, f"{API}/services/{hsds_id('service', 'hsds-online')}")
    assert_valid(service, SERVICE)
    assert service["status"] == "inactive" and service["ojs_status"] == "in_oprichting"
    assert service["ojs_herkomst"] == "openbare_bron"
    assert service["ojs_bron_url"] == "https://voorbeeld.example.org/ouders"
    # It serves VO2708 not for its sector (voor_vo is off): only PO2707 is its area.
    assert service["ojs_swv_codes"] == ["PO2707"] and service["ojs_sectoren"] == ["PO"]
    assert service["ojs_voor"] == ["ouders"]
    assert service["organization_id"] == hsds_id("organization", "PO2707")
    location = service["service_at_locations"][0]["location"]
    assert location["location_type"] == "virtual"
    assert location["url"] == "https://voorbeeld.example.org/"
    area = service["service_areas"][0]
    expected = Postcodegebied.objects.filter(swv_po__code="PO2707")
    assert area["ojs_postcodes"] == sorted(expected.values_list("pc4", flat=True))
    assert area["ojs_gemeenten"] == sorted(set(expected.values_list("gemeente", flat=True)))


def test_unpublished_and_demo_steunpunten_stay_out(client):
    hidden = make_steunpunt("PO2707", slug="hsds-verborgen", gepubliceerd=False)
    get_json(client, f"{API}/services/{hsds_id('service', hidden.slug)}", status=404)
    demo = Steunpunt.objects.voorbeelden().filter(gepubliceerd=True).first()
    assert demo is not None
    get_json(client, f"{API}/services/{hsds_id('service', demo.slug)}")
    with override_settings(VINDPLEK_VOORBEELDEN=False):
        get_json(client, f"{API}/services/{hsds_id('service', demo.slug)}", status=404)
        services = all_pages(client, f"{API}/services?per_page=500", SERVICE_PAGE)
        assert all(s["ojs_herkomst"] != "voorbeeld" for s in services)
        assert len(services) == Steunpunt.objects.published().count()


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=-1", "page=abc", "page=1.5", "per_page=0", "per_page=-5", "per_page=veel"],
)
def test_bad_page_parameters_get_a_dutch_400(client, query):
    for path in ("services", "organizations", "service_at_locations"):
        data = get_json(client, f"{API}/{path}?{query}", status=400)
        assert "heel getal van 1 of meer" in data["fout"]


def test_page_edges(client):
    total = len(published_slugs())
    first = get_json(client, f"{API}/services?per_page=2")
    assert first["size"] == 2 and first["first_page"] and not first["last_page"]
    assert first["total_pages"] == -(-total // 2)
    last = get_json(client, f"{API}/services?per_page=2&page={first['total_pages']}")
    assert last["last_page"] and last["size"] == total - 2 * (first["total_pages"] - 1)
    beyond = get_json(client, f"{API}/services?per_page=2&page={first['total_pages'] + 1}")
    assert_valid(beyond, SERVICE_PAGE)
    assert beyond["contents"] == [] and beyond["empty"] and beyond["size"] == 0
    assert beyond["total_items"] == total and beyond["last_page"]
    huge = get_json(client, f"{API}/services?per_page=999999999")
    assert huge["size"] == total and huge["total_pages"] == 1
    many = get_json(client, f"{API}/organizations?per_page=999999999")
    assert many["size"] == min(500, Samenwerkingsverband.objects.count())
    get_json(client, f"{API}/services?page=99999999999999999999", status=400)


def test_modified_after(client):
    total = len(published_slugs())
    assert get_json(client, f"{API}/services?modified_after=2000-01-01")["total_items"] == total
    future = (timezone.now() + datetime.timedelta(days=30)).date().isoformat()
    data = get_json(client, f"{API}/service_at_locations?modified_after={future}")
    assert data["total_items"] == 0 and data["empty"]
    assert_valid(data, SERVICE_AT_LOCATION_PAGE)
    moment = timezone.now() - datetime.timedelta(seconds=1)
    make_steunpunt("PO2707", slug="hsds-nieuw")
    for value in (moment.isoformat(), moment.isoformat().replace("+", " ")):
        data = get_json(client, f"{API}/services?modified_after={value}")
        assert [s["ojs_pagina"].rsplit("/", 2)[-2] for s in data["contents"]] == ["hsds-nieuw"]
    for bad in ("gisteren", "2026-13-01", "2026-02-30T10:00", "1"):
        data = get_json(client, f"{API}/services?modified_after={bad}", status=400)
        assert "modified_after moet een datum" in data["fout"]


def served_for(pc4: str) -> set[str]:
    area = Postcodegebied.objects.get(pc4=pc4)
    return {
        s.slug
        for swv in (area.swv_po, area.swv_vo)
        if swv
        for s in Steunpunt.objects.visible_for(swv)
    }


@pytest.mark.parametrize("postcode", ["1011 AB", "1011ab", "1011", "9711KG", "7811"])
def test_postcode_filter_gives_the_steunpunten_of_its_swvs(client, postcode):
    data = get_json(client, f"{API}/service_at_locations?postcode={postcode}&per_page=500")
    assert_valid(data, SERVICE_AT_LOCATION_PAGE)
    found = {link["service"]["ojs_pagina"].rsplit("/", 2)[-2] for link in data["contents"]}
    assert found == served_for(postcode[:4])
    assert found


@pytest.mark.parametrize("postcode", ["3197", "1000 AA", "5352"])
def test_a_postcode_without_swv_gives_an_empty_list(client, postcode):
    # Europoort, a PC4 that does not exist, and one issued after the law's table of 2015.
    assert not Postcodegebied.objects.filter(
        Q(pc4=postcode[:4]) & (Q(swv_po__isnull=False) | Q(swv_vo__isnull=False))
    ).exists()
    data = get_json(client, f"{API}/service_at_locations?postcode={postcode}")
    assert data["total_items"] == 0 and data["contents"] == []


@pytest.mark.parametrize("postcode", ["abc", "0123 AB", "1234 SS", "12345", "x" * 300])
def test_a_bad_postcode_gets_a_dutch_400(client, postcode):
    data = get_json(client, f"{API}/service_at_locations?postcode={postcode}", status=400)
    assert "postcode" in data["fout"].lower()


def test_organization_filter_and_refused_filters(client):
    organization_id = hsds_id("organization", "PO2707")
    data = get_json(client, f"{API}/services?organization_id={organization_id}")
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    assert data["total_items"] == Steunpunt.objects.visible_for(swv).count()
    assert get_json(client, f"{API}/services?organization_id={uuid.uuid4()}")["total_items"] == 0
    assert "UUID" in get_json(client, f"{API}/services?organization_id=PO2707", status=400)["fout"]
    for name in ("search", "taxonomy_id", "proximity"):
        data = get_json(client, f"{API}/service_at_locations?{name}=x", status=400)
        assert name in data["fout"]


def test_unknown_objects_and_paths_answer_json_404(client):
    for url in (
        f"{API}/services/{uuid.uuid4()}",
        f"{API}/services/geen-uuid",
        f"{API}/organizations/{uuid.uuid4()}",
        f"{API}/taxonomies",
    ):
        assert get_json(client, url, status=404)["fout"]


def test_http_like_the_rest_of_the_api(client):
    response = client.get(f"{API}/services")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and response["ETag"]
    again = client.get(f"{API}/services", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.post(f"{API}/services").status_code == 405
    assert client.options(f"{API}/services").status_code == 204
    make_steunpunt("PO2707", slug="hsds-etag")
    changed = client.get(f"{API}/services", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200


def test_english_urls_and_texts(client):
    service = get_json(client, f"/en{API}/services?per_page=1")["contents"][0]
    assert service["ojs_pagina"].startswith("http://testserver/en/steunpunten/")
    assert_valid(service, {"$ref": "compiled/service_list.json"})


def test_schema_errors_are_found():
    """The validation itself can fail: a service without a status or with a bad id."""
    assert schema_errors({"id": "x", "name": "n"}, SERVICE)
    assert schema_errors({"id": str(uuid.uuid4()), "name": "n", "status": "open"}, SERVICE)
    good = {
        "id": str(uuid.uuid4()),
        "name": "n",
        "status": "active",
        "ojs_status": "actief",
        "ojs_herkomst": "bevestigd",
        "ojs_pagina": "https://example.org/",
        "ojs_bereikbaarheid": "normaal",
    }
    assert not schema_errors(good, SERVICE)
    assert schema_errors({**good, "ojs_herkomst": "verzonnen"}, SERVICE)
    assert not schema_errors({**good, "ojs_herkomst": "verzonnen"}, SERVICE, profile=False)
    assert schema_errors({**good, "url": "geen adres"}, SERVICE)
    assert schema_errors({**good, "last_modified": "2026-01-01T10:00"}, SERVICE)
    assert schema_errors({**good, "ojs_kanalen": [{"soort": "duif", "waarde": "x"}]}, SERVICE)


@pytest.mark.realdata
def test_the_whole_country_validates(client):
    services = all_pages(client, f"{API}/services", SERVICE_PAGE)
    assert len(services) == Steunpunt.objects.published().count()
    for summary in services:
        assert_valid(get_json(client, f"{API}/services/{summary['id']}"), SERVICE)
    organizations = all_pages(client, f"{API}/organizations", ORGANIZATION_PAGE)
    assert len(organizations) == 150
    for summary in organizations:
        assert_valid(get_json(client, f"{API}/organizations/{summary['id']}"), ORGANIZATION)
    links = all_pages(client, f"{API}/service_at_locations", SERVICE_AT_LOCATION_PAGE)
    assert len(links) == len(services)


def test_structured_contact_becomes_phones_schedules_and_languages(client):
    steunpunt = make_steunpunt(
        "PO2707",
        slug="hsds-tijden",
        telefoon="020 123 4567",
        whatsapp="06 1234 5678",
        email="steunpunt@example.org",
        contactformulier="https://example.org/contact",
        talen="Nederlands, Engels",
        telefonisch_bereikbaar="ma t/m do ochtend",
        inloopspreekuur="woensdagmiddag",
        bereikbaarheid="gesloten",
        bereikbaarheid_melding="Tijdelijk gesloten tot 6 januari; bel tot dan Ouders & Onderwijs.",
    )
    for weekdag in (0, 2):
        Tijdvak.objects.create(steunpunt=steunpunt, weekdag=weekdag, van=time(9), tot=time(11))
    Tijdvak.objects.create(
        steunpunt=steunpunt,
        kanaal="whatsapp",
        weekdag=4,
        van=time(13),
        tot=time(0),
        geldig_van=datetime.date(2026, 1, 1),
        geldig_tot=datetime.date(2026, 12, 31),
    )
    Kanaal.objects.create(steunpunt=steunpunt, soort="whatsapp", talen="nl ar tr")
    today = timezone.localdate()
    Sluiting.objects.create(
        steunpunt=steunpunt, van=today, tot=today + datetime.timedelta(days=3), reden="verhuizing"
    )
    Sluiting.objects.create(
        steunpunt=steunpunt,
        van=today - datetime.timedelta(days=9),
        tot=today - datetime.timedelta(days=8),
    )
    bump_version()
    service = get_json(client, f"{API}/services/{hsds_id('service', 'hsds-tijden')}")
    assert_valid(service, SERVICE)
    assert service["status"] == "temporarily closed"
    assert service["alert"].startswith("Tijdelijk gesloten tot 6 januari")
    assert service["ojs_bereikbaarheid"] == "gesloten"
    phones = {p["type"]: p for p in service["phones"]}
    assert phones["voice"]["number"] == "020 123 4567" and "languages" not in phones["voice"]
    assert phones["text"]["number"] == "06 1234 5678"
    assert [lang["code"] for lang in phones["text"]["languages"]] == ["nl", "ar", "tr"]
    assert phones["text"]["languages"][1]["name"] == "Arabisch"
    assert [lang.get("code") for lang in service["languages"]] == ["nl", "en", "ar", "tr"]
    schedules = [{k: v for k, v in s.items() if k != "id"} for s in service["schedules"]]
    service_id = service["id"]
    assert schedules == [
        {
            "service_id": service_id,
            "wkst": "MO",
            "freq": "WEEKLY",
            "byday": "MO,WE",
            "opens_at": "09:00",
            "closes_at": "11:00",
            "description": "maandag en woensdag: 9.00–11.00 uur",
            "notes": "Tijden in Nederlandse tijd (Europe/Amsterdam).",
        },
        {
            "service_id": service_id,
            "valid_from": "2026-01-01",
            "valid_to": "2026-12-31",
            "wkst": "MO",
            "freq": "WEEKLY",
            "byday": "FR",
            "opens_at": "13:00",
            "closes_at": "24:00",
            "description": "vrijdag: 13.00–24.00 uur",
            "attending_type": "WhatsApp",
            "notes": "Tijden in Nederlandse tijd (Europe/Amsterdam).",
        },
        # The walk-in has no slots of its own: its free text stays. The phone follows the
        # steunpunt's slots, so its free text is replaced by them.
        {
            "service_id": service_id,
            "location_id": service["service_at_locations"][0]["location_id"],
            "service_at_location_id": service["service_at_locations"][0]["id"],
            "description": "woensdagmiddag",
            "attending_type": "inloop",
        },
    ]
    kanalen = {k["soort"]: k for k in service["ojs_kanalen"]}
    assert set(kanalen) == {"telefoon", "whatsapp", "email", "contactformulier"}
    assert kanalen["whatsapp"] == {
        "soort": "whatsapp",
        "waarde": "06 1234 5678",
        "link": "https://wa.me/31612345678",
        "talen": ["nl", "ar", "tr"],
        "eigen_tijden": True,
    }
    assert "link" not in kanalen["telefoon"]  # a tel: link is no uri HSDS asks for
    assert service["ojs_sluitingen"] == [
        {
            "van": today.isoformat(),
            "tot": (today + datetime.timedelta(days=3)).isoformat(),
            "reden": "verhuizing",
            "schoolvakantie": False,
        }
    ]
    english = get_json(client, f"/en{API}/services/{service_id}")
    assert_valid(english, SERVICE)
    assert english["schedules"][0]["description"] == "Monday and Wednesday: 9:00–11:00"
    assert english["phones"][1]["languages"][1]["name"] == "Arabic"


def test_school_holidays_of_the_region_are_closures(client):
    steunpunt = make_steunpunt(
        "PO2707", slug="hsds-vakantie", vakantieregio="noord", dicht_in_schoolvakanties=True
    )
    today = timezone.localdate()
    Schoolvakantie.objects.create(
        regio="noord",
        schooljaar="2026-2027",
        naam="kerstvakantie",
        van=today + datetime.timedelta(days=20),
        tot=today + datetime.timedelta(days=34),
    )
    Schoolvakantie.objects.create(
        regio="zuid",
        schooljaar="2026-2027",
        naam="krokusvakantie",
        van=today + datetime.timedelta(days=60),
        tot=today + datetime.timedelta(days=68),
    )
    bump_version()
    service = get_json(client, f"{API}/services/{hsds_id('service', steunpunt.slug)}")
    assert_valid(service, SERVICE)
    assert [(s["reden"], s["schoolvakantie"]) for s in service["ojs_sluitingen"]] == [
        ("kerstvakantie", True)
    ]


def test_the_api_page_documents_hsds_in_dutch_and_english(client):
    dutch = client.get("/api/").content.decode()
    assert 'id="hsds"' in dutch and 'id="hsds-profiel"' in dutch
    assert "open standaard" in dutch and "CC BY-SA 4.0" in dutch
    assert 'href="/api/hsds/profiel/"' in dutch
    for path in ("services/{id}", "organizations", "service_at_locations", "ojs_herkomst"):
        assert path in dutch.replace("<wbr>", "")
    english = client.get("/en/api/").content.decode()
    assert "open standard of community resource directories" in english
    assert "open standaard" not in english


def test_errors_are_english_under_en(client):
    data = get_json(client, f"/en{API}/services?page=nul", status=400)
    assert data["fout"] == "page must be a whole number of 1 or more, for example 2."


def test_the_rate_limit_holds_for_hsds_too(settings, monkeypatch):
    import types

    from django.core.cache import cache
    from django.test import Client

    from zoeken import throttle

    # The counts are per clock minute: hold the clock inside one (as test_api_limit does), so
    # that a slow run never crosses into the next minute between the requests.
    monkeypatch.setattr(throttle, "time", types.SimpleNamespace(time=lambda: 1_800_000_030.0))
    settings.VINDPLEK_API_PER_MINUUT = 2
    cache.clear()
    client = Client(REMOTE_ADDR="192.0.2.25")
    assert [client.get(f"{API}/organizations").status_code for _ in range(2)] == [200, 200]
    refused = client.get(f"{API}/services")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Probeer het over" in refused.json()["fout"]


def test_the_profile_merged_with_hsds_is_valid_json_schema():
    from jsonschema import Draft202012Validator

    from steunpunten.hsds_openapi import profile_patches
    from tests.hsds_schemas import hsds_files, merge_patch

    for name, patch in profile_patches().items():
        merged = merge_patch(hsds_files()[name], patch)
        Draft202012Validator.check_schema(merged)
        assert set(patch["properties"]) <= set(merged["properties"])
        assert set(hsds_files()[name]["required"]) <= set(merged["required"])
        assert all(key.startswith("ojs_") for key in patch["properties"])


def test_full_lists_and_the_format(client):
    full = get_json(client, f"{API}/services?full=true&per_page=500")
    assert_valid(full, SERVICE_PAGE)
    for service in full["contents"]:
        assert_valid(service, SERVICE)
        assert service["service_at_locations"]
    links = get_json(client, f"{API}/service_at_locations?full=1&postcode=1011")
    assert_valid(links, SERVICE_AT_LOCATION_PAGE)
    assert_valid(links["contents"][0]["service"], SERVICE)
    assert "organization" in links["contents"][0]["service"]
    plain = get_json(client, f"{API}/services?full=false&format=json")
    assert "phones" not in plain["contents"][0] and "organization" not in plain["contents"][0]
    assert "true of false" in get_json(client, f"{API}/services?full=ja", status=400)["fout"]
    assert "format=json" in get_json(client, f"{API}/services?format=ndjson", status=400)["fout"]
