from rest_framework import serializers


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    province = serializers.CharField()
    safety_region_code = serializers.CharField()
    safety_region_name = serializers.CharField()


class RegionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    municipalities = serializers.SerializerMethodField()

    def get_municipalities(self, region) -> list[str]:  # type: ignore[no-untyped-def]
        return [m.code for m in region.municipalities.all()]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name", allow_null=True)
    municipalities = serializers.SerializerMethodField()
    regions = serializers.SerializerMethodField()
    mfa_verified = serializers.SerializerMethodField()

    def get_municipalities(self, user) -> list[str]:  # type: ignore[no-untyped-def]
        return [m.code for m in user.municipalities.all()]

    def get_regions(self, user) -> list[str]:  # type: ignore[no-untyped-def]
        return [r.name for r in user.regions.all()]

    def get_mfa_verified(self, user) -> bool:  # type: ignore[no-untyped-def]
        return bool(user.is_verified())
