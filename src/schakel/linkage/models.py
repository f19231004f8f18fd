"""Same-person linkage within a region and privacy-preserving linkage across regions.

Nothing here overwrites a signal. A ``PersonRecord`` is the comparison view of one signal's
young person (normalised values and blocking keys, derived, deleted with the signal). A
``LinkSuggestion`` is a pair the model found; only a *confirmed* suggestion links two records,
and the young person is the connected group of confirmed links, so undoing a link is setting
its status back, never rewriting a record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.geo.models import Region

from .constants import RunStatus, SuggestionEventKind, SuggestionStatus


class PersonRecord(models.Model):
    """One signal's young person, normalised for comparison (``domain/normalise.py``)."""

    signal = models.OneToOneField(
        "intake.Signal", on_delete=models.CASCADE, related_name="person_record"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    # Normalised comparison values (lower case, no diacritics, ij -> y, tussenvoegsel apart).
    first_name = models.CharField(max_length=100, blank=True)
    given_names = models.CharField(max_length=200, blank=True)
    initials = models.CharField(max_length=20, blank=True)
    surname = models.CharField(max_length=200, blank=True)
    tussenvoegsel = models.CharField(max_length=20, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    street = models.CharField(max_length=200, blank=True)
    house_number = models.CharField(max_length=10, blank=True)
    postcode = models.CharField(max_length=6, blank=True)
    place = models.CharField(max_length=100, blank=True)
    school = models.CharField(max_length=200, blank=True)
    bsn = models.CharField(max_length=9, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    # The roepnaam or first name as the official name it stands for ("hans" -> "johannes").
    first_name_canon = models.CharField(max_length=100, blank=True)
    # Everything the model compares, as ``engine.person_row`` gives it (lists included).
    values = models.JSONField(default=dict)
    # Which version of the normalisation made these values (renormalised when it changes).
    normalisation_version = models.PositiveSmallIntegerField(default=1)
    # The model version the record's candidates were last scored with ("" = not yet, or the
    # values changed since): the nightly catch-up scores only records not scored with the
    # region's current model.
    scored_model = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("persoonsgegevens voor koppelen")
        verbose_name_plural = _("persoonsgegevens voor koppelen")
        # Term frequencies of a new record's names and place are counted per region.
        indexes = [
            models.Index(fields=["region", "surname"], name="linkage_rec_region_surname"),
            models.Index(fields=["region", "first_name_canon"], name="linkage_rec_region_first"),
            models.Index(fields=["region", "place"], name="linkage_rec_region_place"),
        ]

    def __str__(self) -> str:
        return f"Persoonsrecord {self.pk}"


class BlockingKey(models.Model):
    """Candidate keys of a record: two records are compared only when they share a key."""

    record = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="keys")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["region", "key"], name="linkage_block_region_key")]
        constraints = [
            models.UniqueConstraint(fields=["record", "key"], name="linkage_block_unique")
        ]

    def __str__(self) -> str:
        return f"Blokkeersleutel {self.pk}"


class LinkSuggestion(models.Model):
    """A pair of records the model judged may be the same young person."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    # record_a.pk < record_b.pk, so a pair exists once.
    record_a = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    match_weight = models.FloatField()
    match_probability = models.FloatField()
    # Per field: {"field": ..., "level": ..., "agrees": bool|None, "weight": float}.
    reasons = models.JSONField(default=list)
    model_version = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-match_weight", "pk"]
        verbose_name = _("koppelvoorstel")
        verbose_name_plural = _("koppelvoorstellen")
        constraints = [
            models.UniqueConstraint(fields=["record_a", "record_b"], name="linkage_pair_once"),
            models.CheckConstraint(
                condition=models.Q(record_a__lt=models.F("record_b")),
                name="linkage_pair_ordered",
            ),
        ]
        indexes = [models.Index(fields=["region", "status"], name="linkage_sugg_region_status")]

    def __str__(self) -> str:
        return f"Koppelvoorstel {self.pk}"


class LinkEvent(models.Model):
    """The history of a suggestion: suggested, confirmed, rejected, undone. Append only."""

    suggestion = models.ForeignKey(LinkSuggestion, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=SuggestionEventKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Gebeurtenis {self.pk}"


class LinkageModel(models.Model):
    """A region's trained Splink model (JSON); the shipped default is used until one exists."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    settings_json = models.JSONField()
    version = models.CharField(max_length=64)
    record_count = models.PositiveIntegerField(default=0)
    trained_at = models.DateTimeField(auto_now_add=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-trained_at"]
        get_latest_by = "trained_at"

    def __str__(self) -> str:
        return f"Koppelmodel {self.pk}"


class LinkageAgreement(models.Model):
    """An agreement between regions to link their young people privacy-preservingly.

    The secret of the agreement is never stored in the database: each region keeps it in a
    file (``SCHAKEL_LINKAGE_SECRETS_DIR``), so whoever holds the database cannot re-encode.
    """

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    regions = models.ManyToManyField(Region, related_name="linkage_agreements")
    threshold = models.FloatField(_("drempel (Dice)"), default=0.85)
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("koppelafspraak tussen regio's")
        verbose_name_plural = _("koppelafspraken tussen regio's")

    def __str__(self) -> str:
        return self.name


class EncodingSet(models.Model):
    """The encodings one region submitted for an agreement: tokens and Bloom filters, no names."""

    agreement = models.ForeignKey(
        LinkageAgreement, on_delete=models.CASCADE, related_name="encoding_sets"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    record_count = models.PositiveIntegerField(default=0)
    # The encoded file as written by ``link encode`` (binary; see linkage/pprl.py).
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Versleutelde set {self.pk}"


class EncodedRecord(models.Model):
    """Which record of this region a token in an encoding set stands for. Stays in the region:
    the matcher sees only tokens and filters."""

    encoding_set = models.ForeignKey(EncodingSet, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=32)
    record = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["encoding_set", "token"], name="linkage_token_once")
        ]

    def __str__(self) -> str:
        return f"Token {self.pk}"


class LinkageRun(models.Model):
    """One matching of the latest encodings of the regions of an agreement."""

    agreement = models.ForeignKey(LinkageAgreement, on_delete=models.PROTECT, related_name="runs")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    pair_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Koppelronde {self.pk}"


class CrossRegionHit(models.Model):
    """What a region learns from a run: another region also has signals about one of its
    young people. The other region's record is never named, only its region."""

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="hits")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    record = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    other_region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Treffer {self.pk}"
