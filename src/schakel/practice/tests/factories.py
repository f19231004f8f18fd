"""factory_boy factories for the practice registers."""

from datetime import date

import factory

from schakel.accounts.tests.factories import OrganisationFactory, municipality
from schakel.practice.constants import ParticipationKind, TrainingLevel
from schakel.practice.models import ParticipationActivity, TrainingRecord


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    professional_name = factory.Sequence(lambda n: f"Professional {n} (fictief)")
    organisation = factory.SubFactory(OrganisationFactory)
    training = "Signalen van uitbuiting herkennen"
    date = date(2025, 3, 14)
    level = TrainingLevel.BASIS


class ParticipationActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipationActivity

    municipality = factory.LazyFunction(lambda: municipality("GM0344"))
    date = date(2025, 3, 14)
    title = factory.Sequence(lambda n: f"Jongerenpanel {n}")
    kind = ParticipationKind.PANEL
    participant_groups = factory.LazyFunction(lambda: ["jongeren"])
    participant_count = 10
    what_changed = ""
