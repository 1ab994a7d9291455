from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "chanjiao.demo"
    verbose_name = "Demo region"

    def ready(self):
        from chanjiao.demo import jobs  # noqa: F401  (registers the job kind)
