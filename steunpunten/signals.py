"""Raise the data version on every change of public data, once per transaction (cache.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_version_once
from .models import Peiling, Plaatsnaam, Postcodegebied, Samenwerkingsverband, School, Steunpunt

# A new (or withdrawn) peiling changes the public trend on /overzicht/ as well.
PUBLIC_MODELS = (Steunpunt, Samenwerkingsverband, Postcodegebied, Plaatsnaam, School, Peiling)


@receiver(post_save)
@receiver(post_delete)
def data_changed(sender, using: str, **kwargs) -> None:
    if sender in PUBLIC_MODELS:
        bump_version_once(using)


@receiver(m2m_changed, sender=Steunpunt.samenwerkingsverbanden.through)
def steunpunt_swvs_changed(sender, action: str, using: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_version_once(using)
