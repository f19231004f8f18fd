from django.urls import path

from . import views

app_name = "routekaart"

urlpatterns = [
    path("routekaart/", views.routekaart_list_view, name="list"),
    path("routekaart/nieuw/", views.routekaart_create_view, name="create"),
    path("routekaart/<int:route_map_id>/", views.routekaart_detail_view, name="detail"),
    path("routekaart/<int:route_map_id>/bewerken/", views.routekaart_edit_view, name="edit"),
    path("routekaart/versie/<int:version_id>/", views.routekaart_version_view, name="version"),
    path(
        "routekaart/versie/<int:version_id>/publiceren/",
        views.routekaart_publish_view,
        name="publish",
    ),
    path("routekaart/kies/", views.routekaart_choose_view, name="choose"),
    path(
        "routekaart/gemeente/<str:code>/", views.routekaart_municipality_view, name="municipality"
    ),
    path("hulp/", views.help_index_view, name="help_index"),
    path("hulp/<str:code>/", views.help_view, name="help"),
]
