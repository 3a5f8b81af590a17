"""Settings of the benchmark server: the real settings plus bench/urls.py.

Lives outside src/, so it is never installed or deployed, and the permission matrix (which
walks teilhabe.urls) never sees the bench-only view.
"""

from teilhabe.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
