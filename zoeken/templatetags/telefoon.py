"""`{{ nummer|tel }}`: a phone number as a tel: link wants it, one rule for every page."""

from django import template

from steunpunten.validators import normalise_telefoon

register = template.Library()


@register.filter(is_safe=True)
def tel(value) -> str:
    """Digits in the national form: "020 123 4567" and "+31 (0)20-1234567" both give "0201234567"."""
    return normalise_telefoon(str(value or ""))
