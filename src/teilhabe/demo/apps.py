from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only for the `seed_demo` command: the demo data has no models of its own."""

    name = "teilhabe.demo"
