from __future__ import annotations

from django.urls import path

from thidua.accounts.views import imports, me, tokens, users

app_name = "accounts"

urlpatterns = [
    path("users/", users.user_list_page, name="users"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/import/", imports.import_users, name="import"),
    path("users/import/template.xlsx", imports.import_template, name="import_template"),
    path("users/<int:pk>/", users.user_detail, name="user"),
    path("users/<int:pk>/role/", users.assign_role, name="assign_role"),
    path("users/<int:pk>/profile/", users.change_profile, name="change_profile"),
    path("users/<int:pk>/deactivate/", users.set_active, {"active": False}, name="deactivate"),
    path("users/<int:pk>/reactivate/", users.set_active, {"active": True}, name="reactivate"),
    path("users/<int:pk>/reset-password/", users.reset_password, name="reset_password"),
    path("me/", me.my_account, name="me"),
    path("me/password/", me.change_password, name="change_password"),
    path("me/sessions/end/", me.end_sessions, name="end_sessions"),
    path("me/tokens/", tokens.token_list, name="tokens"),
    path("me/tokens/new/", tokens.token_create, name="token_create"),
    path("me/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
