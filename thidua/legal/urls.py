from __future__ import annotations

from django.urls import path

from thidua.legal import views

app_name = "legal"
urlpatterns = [
    path("", views.rule_sets, name="rule_sets"),
    path("compare/", views.compare, name="compare"),
    path("new/", views.new_local, name="new_local"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/clone/", views.clone, name="clone"),
    path("<slug:code>/edit/", views.edit, name="edit"),
    path("<slug:code>/remove/", views.remove, name="remove"),
    path("<slug:code>/publish/", views.publish, name="publish"),
    path("<slug:code>/close/", views.close, name="close"),
    path("<slug:code>/delete/", views.delete, name="delete"),
]
