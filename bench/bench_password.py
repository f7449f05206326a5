"""Benchmark (not a test): the CPU one password check costs, with the portal's hasher (Argon2id at
OWASP's minimum, hdnd_portal/core/hashers.py) beside Django's default PBKDF2 (the baseline), the
best of BENCH_REPEAT checks each. Goal (issue 24): ≤ 60 ms of CPU per check. No database.

    .venv/bin/python bench/bench_password.py
"""

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
GOAL_MS = 60

sys.path.insert(0, str(REPO))
os.chdir(REPO)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # test-only keys

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402

from hdnd_portal.core.hashers import PortalArgon2PasswordHasher  # noqa: E402


def best_cpu_ms(hasher) -> float:
    encoded = hasher.encode("demo-hdnd-2026", hasher.salt())
    best = float("inf")
    for _ in range(REPEAT):
        start = time.process_time()
        assert hasher.verify("demo-hdnd-2026", encoded)
        best = min(best, (time.process_time() - start) * 1000)
    return best


def main() -> None:
    load = os.getloadavg()[0]
    portal = best_cpu_ms(PortalArgon2PasswordHasher())
    baseline = best_cpu_ms(PBKDF2PasswordHasher())
    print(f"one password check, CPU, best of {REPEAT} (load average {load:.1f}):")
    print(f"  Django's PBKDF2 ({PBKDF2PasswordHasher.iterations:,} rounds): {baseline:7.1f} ms")
    verdict = "MET" if portal <= GOAL_MS else "MISS"
    print(
        f"  Argon2id m=19 MiB t=2 p=1:            {portal:7.1f} ms "
        f"({portal / baseline:.2f} × baseline)  goal ≤ {GOAL_MS} ms: {verdict}"
    )


if __name__ == "__main__":
    main()
