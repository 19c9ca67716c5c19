"""Demo newsletter topics: the general newsletter, some stakeholder clusters and the disease areas."""

from portal.initiative.models import DiseaseArea, StakeholderCluster

from .models import Topic

CLUSTERS = ["patient-organisations", "academics", "industry", "policy-makers"]


def create_demo_topics() -> list[str]:
    """Make the topics that are missing; those there already are left as coordinators edited them."""
    wanted = [{"slug": "general", "name": "General newsletter", "is_general": True, "order": 0,
               "description": "News of the 1+MG initiative for all its stakeholders."}]
    for order, cluster in enumerate(StakeholderCluster.objects.filter(slug__in=CLUSTERS), start=10):
        wanted.append({"slug": f"cluster-{cluster.slug}", "name": f"For {cluster.name.lower()}",
                       "cluster": cluster, "order": order})
    for order, area in enumerate(DiseaseArea.objects.order_by("name"), start=50):
        wanted.append({"slug": f"disease-{area.slug}", "name": area.name, "disease_area": area,
                       "order": order})
    created = []
    for fields in wanted:
        slug = fields.pop("slug")
        if Topic.objects.filter(slug=slug).exists() or Topic.objects.filter(name=fields["name"]).exists():
            continue
        Topic.objects.create(slug=slug, **fields)
        created.append(fields["name"])
    return created
