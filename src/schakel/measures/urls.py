"""URLs of the measures registry (Dutch; never a person in them)."""

app_name = "measures"

urlpatterns: list = []
