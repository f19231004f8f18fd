"""Demo: the person records and same-person suggestions of the demo region, made by the same
batch run as ``schakel link suggest`` (the demo's signals about Demi, Noor, Luuk and Milan
come from several reporters, so the care coordinator sees pairs to confirm or reject)."""

from schakel.geo.models import Region

from .services.regions import suggest_region


def demo_linkage_load(*, region_id: int) -> int:
    """Idempotent: a pair that exists is not suggested again."""
    return suggest_region(Region.objects.get(pk=region_id))
