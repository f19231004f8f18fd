"""factory_boy factories for accounts and regions."""

import factory

from schakel.accounts.constants import OrganisationKind, Role
from schakel.accounts.models import Organisation, User
from schakel.geo.constants import RegionKind
from schakel.geo.models import Municipality, Region
from schakel.geo.services import municipalities_load


def municipality(code: str) -> Municipality:
    """A real municipality from the reference data (loaded on first use)."""
    if not Municipality.objects.exists():
        municipalities_load()
    return Municipality.objects.get(code=code)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = "Testregio (fictief)"
    kind = RegionKind.ZORGCOORDINATIE

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Testorganisatie {n} (fictief)")
    kind = OrganisationKind.WIJKTEAM
    municipality = factory.LazyFunction(lambda: municipality("GM0344"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    role = Role.PROFESSIONAL
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)
