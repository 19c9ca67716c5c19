"""Demo pages for `make run`: created once, never touched again so coordinators' edits stay."""

from wagtail.models import Page, Site

from .models import ClusterIndexPage, HomePage

INTRO = (
    "<p>The stakeholder portal of the European 1+ Million Genomes initiative (1+MG) and its support "
    "project Beyond 1 Million Genomes (B1MG): register, join your stakeholder cluster and help shape "
    "cross-border access to genomic data in Europe.</p>"
)
ABOUT_INITIATIVE = (
    "<p>The 1+ Million Genomes initiative was launched in 2018 with a declaration of cooperation "
    "signed by European countries to give cross-border access to genomic and linked clinical data "
    "across the EU, with at least one million sequenced genomes accessible by 2022.</p>"
    "<p>Its working groups cover coordination (WG1), technical topics such as ELSI, clinical data, "
    "quality, infrastructure, health economics and industry involvement (WG2-7), and four use cases: "
    "rare diseases, cancer, common complex diseases and infectious diseases (WG8-11).</p>"
)
ABOUT_B1MG = (
    "<p>Beyond 1 Million Genomes (B1MG) is the Horizon 2020 coordination and support action of "
    "1+MG. It started on 1 June 2020 for three years, with 29 partners and a budget of EUR 4 million, "
    "and engages local, regional, national and European stakeholders through this portal.</p>"
)
CALL = (
    "<p>Patient organisations, clinicians, HTA bodies, medicines authorities, academics, industry, "
    "funders, policy makers, research infrastructures and EU joint actions: register to take part "
    "in workshops, surveys and the review of draft recommendations.</p>"
)
# The 1+MG roadmap adopted in February 2020 (Building genomics talk, 30 November 2020).
ROADMAP = [
    ("stage", {
        "year": 2020, "name": "Engage", "theme": "Governance, cooperation and collaboration",
        "objective": "Engage local, regional, national and European stakeholders to define the "
                     "requirements for cross-border access to genomics and linked clinical data.",
    }),
    ("stage", {
        "year": 2021, "name": "Translate", "theme": "Infrastructure, guidelines and pilots",
        "objective": "Translate requirements for data quality, standards, technical infrastructure, "
                     "and ethical, legal and social issues (ELSI) into technical specifications and "
                     "implementation guidelines that capture European best practice.",
    }),
    ("stage", {
        "year": 2022, "name": "Drive", "theme": "Sharing, scaling and sustaining",
        "objective": "Drive adoption and support long-term operations via a maturity model and a "
                     "methodology for economic evaluation.",
    }),
]


def create_demo_pages() -> list[str]:
    created = []
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's "Welcome to your new Wagtail site!" page (and the site on it) makes way.
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.is_leaf():
                placeholder.delete()
        home = root.add_child(instance=HomePage(
            title="1+MG stakeholder portal", slug="home", intro=INTRO,
            about_initiative=ABOUT_INITIATIVE, about_b1mg=ABOUT_B1MG, roadmap=ROADMAP,
            call_to_register=CALL,
        ))
        if not Site.objects.filter(is_default_site=True).exists():
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                                site_name="1+MG stakeholder portal")
        created.append("home page")
    if not ClusterIndexPage.objects.exists():
        home.add_child(instance=ClusterIndexPage(
            title="Stakeholder clusters", slug="clusters",
            intro="<p>The stakeholders of 1+MG and B1MG meet in ten clusters. Choose yours.</p>",
        ))
        created.append("cluster index page")
    return created
