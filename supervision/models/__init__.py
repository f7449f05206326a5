"""The supervision app's models: ``activities`` (programmes, supervision activities, their
conclusions and recommendations) and ``confidence`` (confidence votes on elected positions)."""

from supervision.models.activities import *  # noqa: F403
from supervision.models.confidence import *  # noqa: F403
from supervision.models.plans import *  # noqa: F403
