"""Views of the planning app, one module per area: plans, movements, drives."""
