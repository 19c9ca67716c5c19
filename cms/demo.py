"""Demo pages for `make run`: created once, never touched again so coordinators' edits stay.

Facts come from the public documents in the planning folder's seeds (the "Building genomics" talk of
November 2020 with the NMG fact sheet, the WG7 slides and the B1MG D1.4 report of the Stakeholder
Forum 2022, the short history of 1+MG); the sentences are the portal team's own.
"""

import datetime

from wagtail.models import Page, Site

from portal.core.demo import PAGES, created, register
from portal.initiative.models import DiseaseArea, StakeholderCluster

from .models import (
    ClusterIndexPage,
    ContactPage,
    FAQPage,
    HomePage,
    MainMenu,
    MainMenuItem,
    NewsIndexPage,
    NewsPage,
    PortalSettings,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
)

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


FORUM_REPORT_DATE = datetime.date(2023, 1, 31)  # publication of B1MG D1.4 (seed 001)
BUILDING_GENOMICS_DATE = datetime.date(2020, 11, 30)  # the "Building genomics" talk (seed 002)


def heading(text, level="h2"):
    return {"type": "heading", "value": {"level": level, "text": text}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def question(text, answer):
    return {"type": "question", "value": {"question": text, "answer": answer}}


ABOUT_BODY = [
    heading("A declaration signed across Europe"),
    paragraph(
        "<p>In 2018 European countries signed a declaration of cooperation: they would give each other "
        "secure, cross-border access to genomic data and the clinical data linked to it, with at least one "
        "million sequenced genomes accessible in the EU by 2022. At the end of 2020 the European "
        "Commission set up an expert group, the 1+MG Group, in which the national representatives of the "
        "signatory countries coordinate their work; the Commission and a representative of one country "
        "chair it together.</p>"
    ),
    heading("Eleven working groups"),
    {"type": "accordion", "value": [
        {"title": "Coordination (WG1)", "body": "<p>WG1 deals with the organisation and governance of "
                                                "the initiative.</p>"},
        {"title": "Technical topics (WG2 to WG7)", "body": (
            "<ul><li>WG2: ethical, legal and social issues (ELSI)</li><li>WG3: clinical data</li>"
            "<li>WG4: quality</li><li>WG5: infrastructure</li><li>WG6: health economics</li>"
            "<li>WG7: industry involvement</li></ul>")},
        {"title": "Use cases (WG8 to WG11)", "body": (
            "<ul><li>WG8: rare diseases</li><li>WG9: cancer</li><li>WG10: common complex diseases</li>"
            "<li>WG11: infectious diseases, starting with COVID-19</li></ul>")},
    ]},
    heading("The roadmap"),
    {"type": "table", "value": {
        "table_caption": "The 1+MG roadmap, adopted in February 2020",
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "data": [
            ["Year", "Stage", "Theme"],
            ["2020", "Engage", "Governance, cooperation and collaboration"],
            ["2021", "Translate", "Infrastructure, guidelines and pilots"],
            ["2022", "Drive", "Sharing, scaling and sustaining"],
        ],
    }},
    heading("National Mirror Groups"),
    paragraph(
        "<p>A National Mirror Group brings a country's own experience into the initiative and helps put "
        "the roadmap into practice at home. Each group has a scientific coordinator, a national contact "
        "point who speaks for the group to the European Commission, and five to twelve members chosen to "
        "balance genders, regions and kinds of stakeholders.</p>"
    ),
    heading("The B1MG project", level="h2"),
    paragraph(
        "<p>Beyond 1 Million Genomes (B1MG) is the Horizon 2020 coordination and support action behind "
        "1+MG: it started on 1 June 2020 for three years and turns the roadmap into legal guidance, "
        "technical specifications and best practice.</p>"
    ),
]

NEWS = [
    {
        "slug": "stakeholder-forum-2022-report", "date": FORUM_REPORT_DATE,
        "title": "Stakeholder Forum 2022: the report is out",
        "summary": "The report of the third and last Stakeholder Forum organised by B1MG, held in October "
                   "2022, is published with its recommendations to the 1+MG working groups.",
        "body": [
            paragraph(
                "<p>The forum asked one question: how can stakeholders help the work of 1+MG and B1MG scale "
                "up and last? The morning brought updates on the 1+MG Trust Framework and on the B1MG "
                "Maturity Level Model, then a look ahead with the Genomic Data Infrastructure (GDI) project, "
                "TEHDAS and the European Health Data Space, and GAIA-X.</p>"
            ),
            heading("Four disease-area workshops"),
            paragraph(
                "<p>In the afternoon, parallel workshops on rare diseases, cancer, common complex diseases "
                "and infectious diseases looked at what each community needs from the infrastructure. One "
                "conclusion runs through the report: the infrastructure has to serve care and research "
                "equally well.</p>"
            ),
            paragraph("<p>The forums continue as part of the GDI project.</p>"),
        ],
    },
    {
        "slug": "industry-at-the-stakeholder-forum-2022", "date": FORUM_REPORT_DATE,
        "title": "What industry can bring to 1+MG", "cluster": "industry",
        "summary": "At the Stakeholder Forum 2022 a panel and Working Group 7 discussed how companies can "
                   "help build and sustain cross-border access to genomic data.",
        "body": [
            paragraph(
                "<p>Working Group 7 sees more in industry than a user of data. It lists six roles: project "
                "support, partner in scaling up, data solutions provider, technology solutions provider, "
                "scientific innovator, and, with strict consent and privacy safeguards, a user of data for "
                "research and development.</p>"
            ),
            paragraph(
                "<p>The forum recommended a continuous exchange between public and private stakeholders "
                "to build trust on both sides, and WG7 called for industry to take a seat in the National "
                "Mirror Group of each signatory country.</p>"
            ),
        ],
    },
    {
        "slug": "stakeholder-portal-open", "date": BUILDING_GENOMICS_DATE,
        "title": "The B1MG stakeholder portal is open",
        "summary": "Stakeholders outside the project now have one place to meet the B1MG partners, join a "
                   "cluster and take part.",
        "body": [
            paragraph(
                "<p>The portal connects external stakeholders with the project partners for participation, "
                "communication and collaboration. Register, choose your stakeholder cluster and follow the "
                "work of the initiative.</p>"
            ),
        ],
    },
    {
        "slug": "roadmap-brochure", "date": BUILDING_GENOMICS_DATE, "disease_area": "cancer",
        "title": "The 1+MG roadmap, told for everyone",
        "summary": "An illustrated brochure turns the roadmap adopted in February 2020 into a story for the "
                   "general public.",
        "body": [
            paragraph(
                "<p>An editorial team with input from the European Commission, the 1+MG coordination group "
                "and the leads of the working groups and work packages wrote the brochure, with a grant from "
                "Digital Health Europe. Its stories show what genomics changes for patients, such as a woman "
                "whose genomic test spared her a chemotherapy that would not have helped against her breast "
                "cancer.</p>"
            ),
        ],
    },
]

RESOURCES = [
    {
        "slug": "stakeholder-forum-2022-report", "date": FORUM_REPORT_DATE,
        "resource_type": ResourcePage.ResourceType.DELIVERABLE,
        "title": "B1MG D1.4: report of the Stakeholder Forum 2022",
        "summary": "The project deliverable on the Stakeholder Forum 2022, with its recommendations to the "
                   "1+MG working groups.",
        "body": [paragraph(
            "<p>The report covers the forum's updates on the Trust Framework and the Maturity Level Model, "
            "the session on scaling up with GDI, TEHDAS/EHDS and GAIA-X, the industry panel and the four "
            "disease-area workshops.</p>")],
    },
    {
        "slug": "roadmap-brochure", "date": datetime.date(2020, 9, 30),
        "resource_type": ResourcePage.ResourceType.OTHER, "disease_area": "cancer",
        "title": "1+ Million Genomes roadmap 2020-2022 (brochure)",
        "summary": "The roadmap of the initiative explained for the general public, published at the end "
                   "of September 2020.",
        "body": [{"type": "call_to_action", "value": {
            "text": "The European Commission announced the brochure on its digital single market site.",
            "page": None,
            "url": "https://ec.europa.eu/digital-single-market/en/news/"
                   "roadmap-1million-genomes-initiative-now-clearly-illustrated-new-brochure",
            "button_label": "Read the announcement",
        }}],
    },
    {
        "slug": "national-mirror-groups-fact-sheet", "date": BUILDING_GENOMICS_DATE,
        "resource_type": ResourcePage.ResourceType.FACT_SHEET,
        "title": "National Mirror Groups fact sheet",
        "summary": "Who sits in a National Mirror Group, what it is for and what it does.",
        "body": [
            heading("Composition"),
            paragraph(
                "<ul><li>one scientific coordinator</li><li>one national contact point, the group's link "
                "with the European Commission</li><li>five to twelve members, depending on the country</li>"
                "<li>a fair balance of genders, a wide spread of regions and many kinds of stakeholders: "
                "research and clinical communities, IT and data, ministries and agencies, industry, ELSI "
                "experts, funders and patient organisations</li></ul>"
            ),
            heading("Role"),
            paragraph(
                "<p>The groups advise on how to reach the initiative's objectives in their country and pass "
                "its information on, so that national health systems adopt what 1+MG builds.</p>"
            ),
        ],
    },
    {
        "slug": "industry-involvement-wg7", "date": FORUM_REPORT_DATE,
        "resource_type": ResourcePage.ResourceType.PRESENTATION,
        "title": "Industry involvement in 1+MG (WG7)",
        "summary": "Slides of Working Group 7 at the Stakeholder Forum 2022 on the roles industry can play.",
        "body": [paragraph(
            "<p>WG7 has 21 nominated members from 16 signatory states. The slides list the roles of industry "
            "and ask what would make joining a large genomics project worth the risk for a company.</p>")],
    },
    {
        "slug": "building-genomics-2020", "date": BUILDING_GENOMICS_DATE,
        "resource_type": ResourcePage.ResourceType.PRESENTATION,
        "title": "Building genomics: the 1+ Million Genomes initiative",
        "summary": "A talk of November 2020 on the initiative, its organisation, the B1MG project and its "
                   "first activities.",
        "body": [paragraph(
            "<p>Given at the genomDE digital event on national and European initiatives, the talk presents "
            "the declaration, the eleven working groups, the roadmap, the National Mirror Groups and the "
            "B1MG stakeholder portal.</p>")],
    },
]

FAQ = [
    heading("Registration"),
    question("Who can register?", (
        "<p>Anyone whose work touches genomic data in Europe: patient organisations, clinicians and medical "
        "specialists, HTA bodies, medicines authorities, academics, industry, funders, policy makers, "
        "research infrastructures and EU joint actions.</p>")),
    question("What happens after I register?", (
        "<p>You confirm your email address, then complete your profile: organisation, role, country and "
        "stakeholder clusters. A coordinator reviews it and you receive an email once it is approved.</p>")),
    question("How do I change my details?", (
        "<p>Sign in and open <em>My portal</em>: your profile is there.</p>")),
    heading("Stakeholder clusters"),
    question("What is a stakeholder cluster?", (
        "<p>A group of stakeholders of the same kind, for example patient organisations or funders. There "
        "are ten; some are organised further by disease area.</p>")),
    question("Can I join more than one cluster?", (
        "<p>Yes. Choose every cluster that fits your work in your profile.</p>")),
    heading("National Mirror Groups"),
    question("Who answers questions about National Mirror Groups?", (
        "<p>The NMG coordinator of B1MG. Use the contact form and choose the topic "
        "<em>National Mirror Groups</em>.</p>")),
]


def _news_and_resource_topics(item):
    return {
        "cluster": StakeholderCluster.objects.filter(slug=item.get("cluster")).first()
        if item.get("cluster") else None,
        "disease_area": DiseaseArea.objects.filter(slug=item.get("disease_area")).first()
        if item.get("disease_area") else None,
    }


def _create_content_pages(home: HomePage, created: list[str]) -> None:
    if not StandardPage.objects.exists():
        home.add_child(instance=StandardPage(
            title="About 1+MG and B1MG", slug="about",
            intro="<p>Why the 1+ Million Genomes initiative exists, how it works and how the B1MG project "
                  "supports it.</p>",
            body=ABOUT_BODY,
        ))
        created.append("standard page")
    news_index = NewsIndexPage.objects.first()
    if news_index is None:
        news_index = home.add_child(instance=NewsIndexPage(
            title="News", slug="news",
            intro="<p>What is new in the 1+ Million Genomes initiative and the B1MG project.</p>",
        ))
        created.append("news index page")
    if not NewsPage.objects.exists():
        for item in NEWS:
            topics = _news_and_resource_topics(item)
            news_index.add_child(instance=NewsPage(
                title=item["title"], slug=item["slug"], date=item["date"], summary=item["summary"],
                body=item["body"], cluster=topics["cluster"], disease_area=topics["disease_area"],
            ))
        created.append(f"{len(NEWS)} news pages")
    resource_index = ResourceIndexPage.objects.first()
    if resource_index is None:
        resource_index = home.add_child(instance=ResourceIndexPage(
            title="Resources", slug="resources",
            intro="<p>Reports, deliverables, presentations and fact sheets of 1+MG and B1MG.</p>",
        ))
        created.append("resource index page")
    if not ResourcePage.objects.exists():
        for item in RESOURCES:
            topics = _news_and_resource_topics(item)
            resource_index.add_child(instance=ResourcePage(
                title=item["title"], slug=item["slug"], date=item["date"], summary=item["summary"],
                resource_type=item["resource_type"], body=item["body"], disease_area=topics["disease_area"],
            ))
        created.append(f"{len(RESOURCES)} resource pages")
    if not FAQPage.objects.exists():
        home.add_child(instance=FAQPage(
            title="Frequently asked questions", slug="faq",
            intro="<p>About registering, the stakeholder clusters and the National Mirror Groups.</p>",
            questions=FAQ,
        ))
        created.append("FAQ page")
    if not ContactPage.objects.exists():
        home.add_child(instance=ContactPage(
            title="Contact", slug="contact",
            intro="<p>Write to the B1MG coordination office. Questions about National Mirror Groups go to "
                  "the NMG coordinator: choose the topic and your message reaches the right person.</p>",
            thank_you_text="<p>The coordination office has your message and will answer you by email.</p>",
        ))
        created.append("contact page")


def _configure_site(home: HomePage, created: list[str]) -> None:
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        return
    menu, menu_is_new = MainMenu.objects.get_or_create(site=site)
    if menu_is_new and not menu.items.exists():
        menu_pages = [
            home,
            ClusterIndexPage.objects.first(),
            NewsIndexPage.objects.first(),
            ResourceIndexPage.objects.first(),
            StandardPage.objects.child_of(home).first(),
            FAQPage.objects.first(),
            ContactPage.objects.first(),
        ]
        short_labels = {HomePage: "Home", StandardPage: "About", FAQPage: "FAQ"}
        for order, page in enumerate(p for p in menu_pages if p is not None):
            MainMenuItem.objects.create(menu=menu, page=page, sort_order=order,
                                        label=short_labels.get(type(page), ""))
        created.append("main menu")
    portal_settings, settings_are_new = PortalSettings.objects.get_or_create(site=site)
    if settings_are_new:
        footer_pages = [FAQPage.objects.first(), ContactPage.objects.first()]
        portal_settings.footer_links = [
            {"type": "link", "value": {"label": page.title, "page": page.pk, "url": ""}}
            for page in footer_pages if page is not None
        ]
        portal_settings.save()
        created.append("portal settings")


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
    _create_content_pages(home, created)
    _configure_site(home, created)
    return created


def register_demo_steps() -> None:
    register("cms.pages", order=PAGES, create=lambda: created("Pages", create_demo_pages()))
