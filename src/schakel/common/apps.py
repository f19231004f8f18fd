from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "schakel.common"
    label = "common"
