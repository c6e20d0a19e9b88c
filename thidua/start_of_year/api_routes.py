from __future__ import annotations

from typing import Any

from thidua.start_of_year.api import (
    EmulationModelViewSet,
    PledgeSignatureViewSet,
    PledgeViewSet,
    RegistrationViewSet,
    TopicViewSet,
)


def register(router: Any) -> None:
    router.register("pledges", PledgeViewSet, basename="pledge")
    router.register("pledge-signatures", PledgeSignatureViewSet, basename="pledge-signature")
    router.register("registrations", RegistrationViewSet, basename="registration")
    router.register("emulation-models", EmulationModelViewSet, basename="emulation-model")
    router.register("topics", TopicViewSet, basename="topic")
