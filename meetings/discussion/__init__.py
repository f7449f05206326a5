"""Group discussion at sessions (thảo luận tổ) and the Fatherland Front's social criticism
(phản biện xã hội) of draft resolutions: the models live in ``meetings/models/discussion.py``;
this package wires them to the kernel (``setup.register()``)."""
