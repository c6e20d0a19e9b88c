from __future__ import annotations

from typing import Any

from thidua.start_of_year.api import (
    EmulationModelViewSet,
    PledgeSignatureViewSet,
    PledgeViewSet,
    RegistrationViewSet,
    TopicViewSet,
)
from thidua.start_of_year.api_on_behalf import (
    RegistrationOnBehalfViewSet,
    SignatureOnBehalfViewSet,
)


def register(router: Any) -> None:
    router.register("pledges", PledgeViewSet, basename="pledge")
    router.register("pledge-signatures", PledgeSignatureViewSet, basename="pledge-signature")
    router.register("registrations", RegistrationViewSet, basename="registration")
    router.register("emulation-models", EmulationModelViewSet, basename="emulation-model")
    router.register("topics", TopicViewSet, basename="topic")
    router.register(
        "pledge-signatures-on-behalf",
        SignatureOnBehalfViewSet,
        basename="pledge-signature-on-behalf",
    )
    router.register(
        "registrations-on-behalf", RegistrationOnBehalfViewSet, basename="registration-on-behalf"
    )
