from __future__ import annotations

from django.urls import path

from thidua.legal import instrument_views, views

app_name = "legal"
urlpatterns = [
    path("", views.rule_sets, name="rule_sets"),
    path("compare/", views.compare, name="compare"),
    path("new/", views.new_local, name="new_local"),
    path("instruments/", instrument_views.instruments, name="instruments"),
    path("instruments/new/", instrument_views.new_instrument, name="new_instrument"),
    path("instruments/<slug:code>/end/", instrument_views.end_instrument, name="end_instrument"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/clone/", views.clone, name="clone"),
    path("<slug:code>/edit/", views.edit, name="edit"),
    path("<slug:code>/remove/", views.remove, name="remove"),
    path("<slug:code>/publish/", views.publish, name="publish"),
    path("<slug:code>/close/", views.close, name="close"),
    path("<slug:code>/delete/", views.delete, name="delete"),
]
