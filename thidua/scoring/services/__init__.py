"""Writes for scoring, one module per area: ``criteria`` (the criteria set), ``sheets``
(self-scoring and evidence), ``verification`` (adjustments and cross-scoring) and ``results``
(settings, approval, reopening). Each service validates first, writes in one transaction and
records an audit event; status changes go through ``thidua.scoring.workflow``."""
