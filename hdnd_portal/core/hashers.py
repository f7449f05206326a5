"""The password hasher: Argon2id at OWASP's recommended minimum (Password Storage Cheat Sheet:
"a minimum configuration of 19 MiB of memory, an iteration count of 2, and 1 degree of
parallelism"). Django's default, PBKDF2 at 1,000,000 rounds, costs about 230 ms of CPU per login
on this project's two-core machines: fifty clerks logging in at 7:30 held both cores for six
seconds. Argon2id at these parameters costs a few tens of milliseconds and resists GPU cracking
by its memory (``bench/bench_password.py`` measures it).

The algorithm name stays Django's "argon2", so Django's own ``must_update`` sees a hash made
with other parameters, and a PBKDF2 hash from before is rewritten at the user's next login
(``check_password``'s setter)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
