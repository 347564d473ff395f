"""Raise the data version on every change of public data, so that caches move on (cache.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_version
from .models import Plaatsnaam, Postcodegebied, Samenwerkingsverband, Steunpunt

PUBLIC_MODELS = (Steunpunt, Samenwerkingsverband, Postcodegebied, Plaatsnaam)


@receiver(post_save)
@receiver(post_delete)
def data_changed(sender, **kwargs) -> None:
    if sender in PUBLIC_MODELS:
        bump_version()


@receiver(m2m_changed, sender=Steunpunt.samenwerkingsverbanden.through)
def steunpunt_swvs_changed(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_version()
