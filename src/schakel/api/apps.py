from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "schakel.api"
    label = "api"
    verbose_name = "API"
