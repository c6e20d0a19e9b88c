"""Writes of the start of the year, one module per entity:

- ``year_settings``: the year's limits (``update_settings``);
- ``pledges``: the pledge text, its versions and opening it for signing;
- ``signatures``: a unit's signature (in the app, or recorded from paper);
- ``registrations``: a unit's registration and its state machine (submit, accept, return);
- ``registered_items``: the models and topics of a registration;
- ``progress``: progress reports with evidence files.

Every service asks the action's permission first (``rules``; ``PermissionDenied`` with the reason
a person can act on), then validates its input (``ValidationError`` with a Vietnamese message;
nothing is written then), writes in one transaction and records an audit event per change.
"""
