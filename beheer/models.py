"""What beheer keeps of its own: when a staff account's invitation went out, and by whom."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Uitnodiging(models.Model):
    """The latest invitation (set-password link) mailed to a staff account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uitnodiging"
    )
    verstuurd_op = models.DateTimeField(_("laatst verstuurd op"))
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
    )
    aantal = models.PositiveIntegerField(_("aantal keer verstuurd"), default=1)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return self.user.get_username()
