"""Kinds of context entity, their groups for the filter, and the audit subjects."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain import normalise as kinds


class EntityKind(models.TextChoices):
    ADDRESS = kinds.ADDRESS, _("Adres")
    HOTEL = kinds.HOTEL, _("Hotel")
    PARK = kinds.PARK, _("Park")
    SCHOOL = kinds.SCHOOL, _("School")
    OTHER_PLACE = kinds.OTHER_PLACE, _("Andere plek")
    PLATFORM = kinds.PLATFORM, _("Online platform")
    ACCOUNT = kinds.ACCOUNT, _("Account")
    VEHICLE = kinds.VEHICLE, _("Voertuig")
    PHONE = kinds.PHONE, _("Telefoonnummer")


# Node shapes of the graph per kind (the legend on the page says the same).
KIND_SHAPES = {
    kinds.ADDRESS: "round-rectangle",
    kinds.HOTEL: "round-rectangle",
    kinds.PARK: "round-rectangle",
    kinds.SCHOOL: "round-rectangle",
    kinds.OTHER_PLACE: "round-rectangle",
    kinds.PLATFORM: "diamond",
    kinds.ACCOUNT: "diamond",
    kinds.VEHICLE: "hexagon",
    kinds.PHONE: "triangle",
}

SUBJECT_ENTITY = "context_entity"
SUBJECT_LINK = "context_link"
SUBJECT_NETWORK = "network"
