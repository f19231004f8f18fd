"""URLs of the monitor (Dutch; only places, periods and codes in them, never a person)."""

from django.urls import path

from . import views, views_national, views_open_data

app_name = "monitor"

urlpatterns = [
    path("monitor/", views.startfoto_view, name="startfoto"),
    path("monitor/startfoto.csv", views.startfoto_csv_view, name="startfoto_csv"),
    path("monitor/startfoto.xlsx", views.startfoto_xlsx_view, name="startfoto_xlsx"),
    path("monitor/startfoto.pdf", views.startfoto_pdf_view, name="startfoto_pdf"),
    path("monitor/regio/", views.region_view, name="region"),
    path("monitor/regio.csv", views.region_csv_view, name="region_csv"),
    path("monitor/regio.xlsx", views.region_xlsx_view, name="region_xlsx"),
    path("monitor/regio.pdf", views.region_pdf_view, name="region_pdf"),
    path("monitor/landelijk/", views_national.national_view, name="national"),
    path("monitor/landelijk.json", views_national.national_json_view, name="national_json"),
    path("monitor/landelijk.csv", views_national.national_csv_view, name="national_csv"),
    path("monitor/open-data/", views_open_data.open_data_view, name="open_data"),
    path(
        "monitor/open-data/<int:release_id>.csv",
        views_open_data.open_data_csv_view,
        name="open_data_csv",
    ),
]
