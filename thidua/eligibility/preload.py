"""The only module of the eligibility app that queries: builds the facts of a batch."""
