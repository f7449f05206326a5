"""The meetings app's models, one module per part of the work.

``base``: sessions and the Standing Committee's meetings (the records other apps point at);
``sessions``: what happens at and around a session (attendance, agenda, documents, examinations,
questions, resolutions and votes); ``preparation``: joint meetings, preparation tasks, the
Party Congress goals and the Standing Committee's briefings and reports; ``coordination``: the
coordination regulation of the Standing Committee, UBND and MTTQ and its reviews; ``discussion``:
group discussion at a session and the Fatherland Front's social criticism of draft resolutions.
"""

from meetings.models.base import *  # noqa: F403
from meetings.models.coordination import *  # noqa: F403
from meetings.models.discussion import *  # noqa: F403
from meetings.models.preparation import *  # noqa: F403
from meetings.models.sessions import *  # noqa: F403
