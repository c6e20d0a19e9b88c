"""Pages of the start of the year, one module per area: ``pledge`` (the pledge, its drafting and
signing), ``registrations`` (a unit's registration, its models, topics and progress),
``deadlines`` (deadlines, reopening, the year's settings) and ``reports`` (the follow-up list,
the board roll-up, evidence downloads).

Thin: a view loads objects through user-scoped selectors (404 outside scope), asks the action's
permission (``rules``), hands the write to one service through ``core.web.run_service`` and
reports the outcome as a message.
"""
