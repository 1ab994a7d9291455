from django.db import models


class DemoDataset(models.Model):
    """A generated demo region; its presence makes generation idempotent."""

    scale = models.CharField(max_length=10)
    seed = models.IntegerField()
    region = models.ForeignKey("registry.Region", on_delete=models.PROTECT, related_name="+")
    counts = models.JSONField(default=dict)
    # What this generation created, so the apps that add records touch only their own dataset
    # (two seeds of the same city may live side by side).
    organisations = models.ManyToManyField("registry.Organisation", related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scale", "seed"], name="unique_demo_dataset")]

    def __str__(self) -> str:
        return f"{self.scale} demo (seed {self.seed})"
