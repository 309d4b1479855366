"""Demo challenges from fictional Luton organisations, and student projects that answer some.

Every organisation is marked "(demo)". Pages are found by slug first, so a second run changes nothing.
"""

from home.demo import home_page
from portal.accounts.demo import verified_user
from portal.accounts.models import Organisation, Role, User
from skills.models import Area

from .models import ChallengeIndexPage, ChallengePage, ProjectIndexPage, ProjectPage
from .submission import assign_review_workflows

CHALLENGES = [
    {
        "slug": "forecast-food-bank-demand",
        "title": "Forecast food bank demand week by week",
        "organisation": "Marsh Farm Community Food Bank (demo)",
        "introduction": "Know a fortnight ahead how many food parcels families will need.",
        "problem": "<p>Demand jumps in school holidays and when benefit payments change. We often run out of "
        "tinned protein and nappies, or over-order fresh food that goes to waste.</p>",
        "theme": "health",
        "beneficiaries": "About 400 households a month in Marsh Farm, Limbury and Lewsey.",
        "success": "We run out of key items in fewer than one week in ten.",
        "data_available": "Three years of weekly parcel counts and stock levels in spreadsheets.",
        "personal_data": "no",
        "ethics_concerns": "Any forecast must not be used to turn families away.",
        "results_ownership": "The food bank; the team may publish the code.",
        "timescale": "Eight weeks from February",
        "status": "in-progress",
        "areas": ["using-ai-tools", "checking-ai-outputs"],
    },
    {
        "slug": "cut-bread-waste",
        "title": "Cut bread waste at a family bakery",
        "organisation": "Bramingham Bakery (demo)",
        "introduction": "We throw away a fifth of our bread. Help us bake closer to what sells.",
        "problem": "<p>We decide each evening how much to bake from memory. Rainy days and football matches "
        "change everything.</p>",
        "theme": "local-economy",
        "beneficiaries": "The bakery's six staff, and the community fridge that gets our surplus.",
        "success": "Half as much bread thrown away, without running out before 4pm.",
        "data_available": "Two years of till records by product and day.",
        "personal_data": "no",
        "results_ownership": "Shared: the bakery owns its data, the team may publish the method.",
        "timescale": "Six weeks",
        "status": "completed",
        "outcome": "<p>The team's forecast cut waste from 21% to 9% in its first two months. The bakery now "
        "bakes from the forecast every evening and checks it against the weather.</p>",
        "areas": ["using-ai-tools", "creating-with-ai"],
    },
    {
        "slug": "plan-community-transport-routes",
        "title": "Plan community transport routes",
        "organisation": "Lea Valley Community Transport (demo)",
        "introduction": "Fit more door-to-door trips into our three minibuses.",
        "problem": "<p>Volunteers plan routes by hand each morning. Older passengers wait a long time and we "
        "turn some bookings down.</p>",
        "theme": "accessibility",
        "beneficiaries": "Older and disabled residents who cannot use buses.",
        "success": "Ten more trips a week with the same vehicles and volunteers.",
        "data_available": "A year of bookings with pick-up and drop-off postcodes.",
        "personal_data": "yes",
        "ethics_concerns": "Addresses of vulnerable passengers: data must stay on our systems.",
        "results_ownership": "Lea Valley Community Transport.",
        "timescale": "Ten weeks, any time this year",
        "status": "open",
        "areas": ["using-ai-tools", "staying-safe", "ai-rights-and-society"],
    },
    {
        "slug": "answer-common-questions",
        "title": "Answer common questions at an advice charity",
        "organisation": "Bury Park Advice Centre (demo)",
        "introduction": "Help volunteers find the right answer to the questions we hear every day.",
        "problem": "<p>Half our calls are the same twenty questions about housing and benefits, in five "
        "languages. New volunteers take months to learn the answers.</p>",
        "theme": "community-safety",
        "beneficiaries": "People waiting for advice, and our volunteers.",
        "success": "Volunteers find a checked answer in under a minute.",
        "data_available": "Our own guidance notes; no records about clients.",
        "personal_data": "no",
        "ethics_concerns": "Wrong advice could cost someone their home: a person must check every answer.",
        "results_ownership": "The charity.",
        "timescale": "Twelve weeks",
        "status": "open",
        "areas": ["understanding-ai", "checking-ai-outputs", "ai-rights-and-society"],
    },
    {
        "slug": "read-supplier-invoices",
        "title": "Read supplier invoices automatically",
        "organisation": "Dallow Precision Engineering (demo)",
        "introduction": "A small manufacturer wants to stop typing invoices into its accounts by hand.",
        "problem": "<p>We receive about 300 paper and PDF invoices a month and type each one in.</p>",
        "theme": "local-economy",
        "beneficiaries": "Our office team of two, who could spend the time on customers.",
        "success": "Nine in ten invoices read correctly, with the rest flagged for a person.",
        "data_available": "Six months of scanned invoices.",
        "personal_data": "not-sure",
        "results_ownership": "The company; the team may describe the approach.",
        "timescale": "Six weeks",
        "status": "open",
        "areas": ["using-ai-tools", "checking-ai-outputs", "staying-safe"],
    },
    {
        "slug": "library-reading-groups",
        "title": "Suggest books for library reading groups",
        "organisation": "Friends of Stopsley Library (demo)",
        "introduction": "Match reading groups with books they will enjoy and can borrow locally.",
        "problem": "<p>Groups struggle to agree on books the library holds enough copies of.</p>",
        "theme": "education",
        "beneficiaries": "Twelve reading groups across the town.",
        "success": "Groups pick a book in one meeting.",
        "data_available": "The library catalogue and copy counts.",
        "personal_data": "no",
        "results_ownership": "Friends of Stopsley Library.",
        "timescale": "Four weeks",
        "status": "closed",
        "areas": ["understanding-ai"],
    },
]

PROJECTS = [
    {
        "slug": "bakery-bread-forecast",
        "title": "Bread forecast for Bramingham Bakery",
        "introduction": "A spreadsheet forecast that tells the baker how much to bake tomorrow.",
        "challenge": "cut-bread-waste",
        "description": "<p>The forecast uses past sales, the day of the week and tomorrow's weather to suggest "
        "how many of each loaf to bake.</p>",
        "stage": "in-use",
        "outcome": "Waste fell from 21% to 9% in two months; the bakery uses it every evening.",
        "team_names": "Amina Khan, Daniel Okafor",
        "data_used": "Two years of the bakery's till records (no customer details) and public weather forecasts.",
        "risks": "Unusual days such as street parties are not in the data, so the forecast is low on those days.",
        "human_control": "The baker sees the forecast as a suggestion and can change every number.",
        "areas": ["using-ai-tools", "creating-with-ai"],
        "featured": True,
    },
    {
        "slug": "food-bank-demand-dashboard",
        "title": "Food bank demand dashboard",
        "introduction": "A weekly chart of expected demand for the Marsh Farm food bank.",
        "challenge": "forecast-food-bank-demand",
        "description": "<p>A dashboard showing expected parcels for the next two weeks, with school holidays marked.</p>",
        "stage": "pilot",
        "team_names": "Priya Shah, Oliver Brown",
        "data_used": "Weekly parcel totals only; no information about families.",
        "risks": "Sudden changes such as a factory closure are not predictable.",
        "human_control": "Volunteers order stock; the dashboard only informs them.",
        "areas": ["using-ai-tools", "checking-ai-outputs"],
    },
    {
        "slug": "invoice-reader-prototype",
        "title": "Invoice reader prototype",
        "introduction": "Reads supplier, date and total from scanned invoices and flags the unsure ones.",
        "description": "<p>A prototype that reads invoices from a folder and produces a checked list.</p>",
        "stage": "prototype",
        "team_names": "Kacper Nowak",
        "data_used": "Sample invoices made up by the team.",
        "risks": "Handwritten invoices are often misread.",
        "human_control": "Every invoice below 95% confidence goes to a person.",
        "areas": ["using-ai-tools", "staying-safe"],
    },
    {
        "slug": "deepfake-spotting-quiz",
        "title": "Spot the deepfake: a quiz for sixth formers",
        "introduction": "A short quiz that teaches how to check whether an image or video is real.",
        "description": "<p>Twelve examples, each with tips on what gives a fake away.</p>",
        "stage": "pilot",
        "team_names": "Fatima Begum, Jack Wilson",
        "data_used": "Images the team made themselves, labelled as fakes.",
        "risks": "Tips date quickly as tools improve.",
        "human_control": "Teachers choose when to use it and discuss every answer.",
        "areas": ["checking-ai-outputs", "ai-rights-and-society"],
    },
    {
        "slug": "bus-times-in-plain-english",
        "title": "Bus times in plain English",
        "introduction": "An idea for a text message service that answers “when is my next bus?”.",
        "description": "<p>An idea we tested with ten residents on paper before writing any code.</p>",
        "stage": "idea",
        "team_names": "Grace Adeyemi",
        "data_used": "Public timetables.",
        "risks": "Timetables change; answers must say when they were last checked.",
        "human_control": "People can always call the operator instead.",
        "areas": ["understanding-ai"],
    },
]


def index_page(model, slug: str, **fields):
    home = home_page()
    existing = model.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    page = home.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page


def organisation(name: str) -> Organisation:
    found, _ = Organisation.objects.get_or_create(
        name=name, defaults={"is_confirmed": True, "description": "A fictional Luton organisation for the demo."}
    )
    return found


def publish_child(parent, model, slug: str, areas: list[str], owner, **fields):
    """Create and publish the page unless it exists; return (page, created)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, owner=owner, **fields)
    page.areas = list(Area.objects.filter(slug__in=areas))
    parent.add_child(instance=page)
    page.save_revision(user=owner).publish()
    return page, True


def load(stdout) -> None:
    challenges_index = index_page(
        ChallengeIndexPage,
        "challenges",
        title="Challenges",
        introduction="Problems Luton businesses and community groups would like a student team to help with.",
    )
    projects_index = index_page(
        ProjectIndexPage,
        "projects",
        title="Student projects",
        introduction="What University of Bedfordshire student teams have built with AI for Luton.",
    )
    assign_review_workflows()
    business = User.objects.filter(email="business@example.org").first()
    student = User.objects.filter(email="student@example.org").first()
    if student is None:
        student, _ = verified_user("student@example.org", "Tomasz (demo student)")
        student.profile.role = Role.STUDENT
        student.profile.save()

    challenges = {}
    for data in CHALLENGES:
        data = dict(data)
        org = organisation(data.pop("organisation"))
        owner = business if business and org.memberships.filter(user=business).exists() else None
        slug = data.pop("slug")
        challenges[slug], _ = publish_child(
            challenges_index, ChallengePage, slug, data.pop("areas"), owner, organisation=org, **data
        )

    for data in PROJECTS:
        data = dict(data)
        challenge = challenges.get(data.pop("challenge", None))
        featured = data.pop("featured", False)
        project, created = publish_child(
            projects_index,
            ProjectPage,
            data.pop("slug"),
            data.pop("areas"),
            student,
            challenge=challenge,
            is_featured=featured,
            **data,
        )
        if created:
            project.team_members.set([student])
            project.save()
            project.save_revision(user=student).publish()
    stdout.write(f"Demo challenges ({len(CHALLENGES)}) and student projects ({len(PROJECTS)}) ready.")
