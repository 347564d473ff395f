"""Issue 23, finding 4: staff get one mail of new reports per run of send_meldingen, not one per
report; a report is mailed to a person once, also when a run fails halfway or runs twice."""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from beheer import meldingen
from steunpunten.models import Melding, MeldingBericht, Steunpunt
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

AMSTERDAM = "oudersteunpunt-passend-onderwijs-amsterdam-diemen-po2707-vo2708"  # PO2707, VO2708
LEIDEN = "steunpunt-leiden-po2801-vo2801"  # VO2801 in the sample
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def amsterdam():
    return Steunpunt.objects.get(slug=AMSTERDAM)


@pytest.fixture
def staff():
    """Two people of Amsterdam's SWVs (one in both), one of Leiden's."""
    return {
        "po": make_staff("po", "PO2707", email="po@po2707.example.org"),
        "beide": make_staff("beide", "PO2707", "VO2708", email="beide@example.org"),
        "leiden": make_staff("leiden", "VO2801", email="leiden@vo2801.example.org"),
    }


def report(steunpunt, tekst, email=""):
    return meldingen.create_melding(steunpunt=steunpunt, tekst=tekst, email=email)


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def report_lines(message):
    return [line for line in message.body.splitlines() if line.startswith("- ")]


def test_five_reports_in_an_hour_are_one_mail_per_person_with_five_lines(amsterdam, staff):
    for number in range(1, 6):
        report(amsterdam, f"Het telefoonnummer klopt niet ({number})")
    assert mail.outbox == []  # nothing is mailed from the form itself
    uitkomst = meldingen.send_new_reports()
    assert uitkomst == meldingen.Verzending(mails=2, meldingen=10, mislukt=0)
    for address in ("po@po2707.example.org", "beide@example.org"):
        (message,) = mails_to(address)
        assert message.to == [address]  # one recipient: nobody sees the others' addresses
        lines = report_lines(message)
        assert len(lines) == 5
        assert [line.endswith(f"({n})") for n, line in enumerate(lines, 1)] == [True] * 5
        assert all(amsterdam.naam in line for line in lines)
        assert message.subject == "5 nieuwe meldingen op Vindplek"
        assert "/beheer/steunpunten/melding/" in message.body


def test_a_second_run_sends_nothing(amsterdam, staff):
    report(amsterdam, "Het adres klopt niet")
    meldingen.send_new_reports()
    assert len(mail.outbox) == 2
    assert meldingen.send_new_reports() == meldingen.Verzending()
    assert len(mail.outbox) == 2
    # A new report later goes out alone in the next mail.
    report(amsterdam, "Het spreekuur is op dinsdag")
    meldingen.send_new_reports()
    later = mails_to("po@po2707.example.org")[-1]
    assert [line.split(": ", 1)[1] for line in report_lines(later)] == [
        "Het spreekuur is op dinsdag"
    ]


def test_staff_of_other_swvs_get_nothing(amsterdam, staff):
    report(amsterdam, "Het adres klopt niet")
    meldingen.send_new_reports()
    assert mails_to("leiden@vo2801.example.org") == []
    report(Steunpunt.objects.get(slug=LEIDEN), "Leiden heeft een nieuw nummer")
    meldingen.send_new_reports()
    (leiden,) = mails_to("leiden@vo2801.example.org")
    assert "Leiden heeft een nieuw nummer" in leiden.body
    assert all("Leiden heeft" not in m.body for m in mails_to("po@po2707.example.org"))


def test_the_mail_holds_no_personal_data_beyond_the_report(amsterdam, staff):
    report(amsterdam, "Het nummer\nis   veranderd", email="ouder@example.org")
    meldingen.send_new_reports()
    message = mails_to("po@po2707.example.org")[0]
    # The visitor's address stays in the admin; the line says only that one was given.
    assert "ouder@example.org" not in message.body + message.subject
    (line,) = report_lines(message)
    assert "Het nummer is veranderd" in line
    assert "de bezoeker wil een antwoord per e-mail" in line
    # Nothing of the other recipients, nor anything the report does not hold.
    assert "beide@example.org" not in message.body
    assert "leiden" not in message.body.lower()
    assert "192.0.2" not in message.body and "127.0.0.1" not in message.body


def test_a_long_report_is_one_shortened_line(amsterdam, staff):
    report(amsterdam, "woord " * 400)
    meldingen.send_new_reports()
    (line,) = report_lines(mails_to("po@po2707.example.org")[0])
    tekst = line.split(": ", 1)[1]
    assert len(tekst) <= meldingen.REGEL_TEKENS and tekst.endswith("…")


def test_a_failing_mail_is_tried_again_and_the_others_are_not_sent_twice(
    amsterdam, staff, monkeypatch
):
    report(amsterdam, "Het adres klopt niet")
    real_send = meldingen.send_mail

    def broken_for_one(subject, body, sender, to):
        if to == ["beide@example.org"]:
            raise ConnectionRefusedError("mail server down")
        return real_send(subject, body, sender, to)

    monkeypatch.setattr(meldingen, "send_mail", broken_for_one)
    assert meldingen.send_new_reports() == meldingen.Verzending(mails=1, meldingen=1, mislukt=1)
    assert len(mails_to("po@po2707.example.org")) == 1
    assert not MeldingBericht.objects.filter(ontvanger=staff["beide"]).exists()
    monkeypatch.setattr(meldingen, "send_mail", real_send)
    assert meldingen.send_new_reports() == meldingen.Verzending(mails=1, meldingen=1, mislukt=0)
    assert len(mails_to("beide@example.org")) == 1
    assert len(mails_to("po@po2707.example.org")) == 1  # not twice


def test_a_run_that_meets_a_parallel_run_sends_nothing_for_that_person(
    amsterdam, staff, monkeypatch
):
    melding = report(amsterdam, "Het adres klopt niet")
    real_new_for = meldingen.new_for

    def new_for_then_the_other_run_commits(user):
        found = real_new_for(user)
        # The other run mails this person between our read and our write.
        MeldingBericht.objects.create(melding=melding, ontvanger=user, verzonden_op=timezone.now())
        return found

    monkeypatch.setattr(meldingen, "new_for", new_for_then_the_other_run_commits)
    assert meldingen.send_new_reports().mails == 0
    assert mail.outbox == []


def test_handled_reports_and_reports_from_before_the_account_are_not_mailed(amsterdam):
    earlier = report(amsterdam, "Van voor het account")
    Melding.objects.filter(pk=earlier.pk).update(
        aangemaakt=timezone.now() - datetime.timedelta(days=2)
    )
    make_staff("po", "PO2707", email="po@po2707.example.org")
    handled = report(amsterdam, "Al afgehandeld")
    Melding.objects.filter(pk=handled.pk).update(afgehandeld=True)
    report(amsterdam, "Nieuw en open")
    meldingen.send_new_reports()
    (message,) = mail.outbox
    assert [line.split(": ", 1)[1] for line in report_lines(message)] == ["Nieuw en open"]
    assert message.subject == "1 nieuwe melding op Vindplek"


def test_inactive_staff_and_staff_without_an_address_get_nothing(amsterdam):
    make_staff("weg", "PO2707", email="weg@example.org", is_active=False)
    make_staff("leeg", "PO2707", email="")
    report(amsterdam, "Het adres klopt niet")
    assert meldingen.send_new_reports() == meldingen.Verzending()
    assert mail.outbox == []


def test_the_command_reports_and_fails_when_a_mail_failed(amsterdam, staff, monkeypatch, capsys):
    report(amsterdam, "Het adres klopt niet")
    call_command("send_meldingen")
    assert "2 mail(s) met samen 2 melding(en) verstuurd." in capsys.readouterr().out
    report(amsterdam, "Nog iets")
    monkeypatch.setattr(meldingen, "send_mail", lambda *a: 1 / 0)
    with pytest.raises(CommandError, match="opnieuw geprobeerd"):
        call_command("send_meldingen")


def test_the_migration_marks_reports_from_before_it_as_mailed(amsterdam, staff):
    old = report(amsterdam, "Al gemaild toen hij binnenkwam")
    migration = importlib.import_module("steunpunten.migrations.0014_melding_berichten")
    migration.mark_earlier_reports_mailed(apps, None)
    assert set(MeldingBericht.objects.values_list("melding", "ontvanger")) == {
        (old.pk, staff["po"].pk),
        (old.pk, staff["beide"].pk),
    }
    assert meldingen.send_new_reports().mails == 0


def test_a_systemd_timer_runs_the_command_every_hour():
    service = (ROOT / "deploy/systemd/vindplek-meldingen.service").read_text()
    timer = (ROOT / "deploy/systemd/vindplek-meldingen.timer").read_text()
    assert "manage.py send_meldingen" in service and "Type=oneshot" in service
    assert "OnCalendar=hourly" in timer


def test_every_systemd_service_runs_a_command_that_exists():
    from django.core.management import get_commands

    for unit in (ROOT / "deploy/systemd").glob("vindplek-*.service"):
        command = re.search(r"manage\.py (\w+)", unit.read_text()).group(1)
        assert command in get_commands(), unit.name
        assert unit.with_suffix(".timer").exists(), unit.name
