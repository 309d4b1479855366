"""The first real question bank, what each level looks like per area, and its snapshot as version 1."""

from django.db import migrations

# Per area: (confidence statements, knowledge questions, level descriptions 0–4).
# A confidence statement is (text, quick). A knowledge question is
# (text, hint, [right answer, wrong, wrong, wrong], explanation, quick).
BANK = {
    "understanding-ai": (
        [
            ("I can explain in my own words what an AI chatbot is.", True),
            ("I can name some places where AI is used in everyday life, like my phone or online shopping.", False),
        ],
        [
            (
                "A chatbot writes a confident answer about bin collection days in Luton. How did it most "
                "likely come up with it?",
                "",
                [
                    "It predicted likely words based on patterns in lots of text it learned from",
                    "It phoned Luton Borough Council and asked",
                    "It looked the answer up in a list of facts that is always correct",
                    "A person at the company typed the answer for you",
                ],
                "Chatbots predict likely words from patterns in text, so they can sound sure and still be wrong.",
                True,
            ),
            (
                "Which of these is an example of AI at work?",
                "Choose the best answer.",
                [
                    "Your phone suggesting the next word as you type a message",
                    "A light switch turning on a lamp",
                    "A calculator adding up a shopping bill",
                    "A kitchen timer going off after ten minutes",
                ],
                "Predictive text learns from how people write, which is a kind of AI; the others just follow fixed rules.",
                False,
            ),
        ],
        [
            "You are not sure yet what AI is or where it turns up.",
            "You know AI is behind things like chatbots and suggestions, and have started to notice it.",
            "You can explain simply what AI does and why it can get things wrong.",
            "You can explain AI clearly to friends, family or workmates and answer their questions.",
            "You have built something with AI and can explain how it works.",
        ],
    ),
    "using-ai-tools": (
        [
            ("I can ask an AI assistant to help me write something, like a message or a letter.", True),
            ("I can change my question to get a better answer when the first answer is not useful.", False),
        ],
        [
            (
                "A takeaway owner in Bury Park wants a chatbot to help write a new menu. Which request will "
                "get the most useful answer?",
                "",
                [
                    "Write short menu descriptions for these 8 dishes, in friendly English, under 20 words each",
                    "Menu",
                    "Make my business better",
                    "Write anything about food",
                ],
                "Clear details, like what you want, how long and what style, help the AI give a useful answer.",
                True,
            ),
            (
                "The chatbot's first answer is too long and too formal. What is the best next step?",
                "",
                [
                    "Reply asking for a shorter, friendlier version",
                    "Give up, because the chatbot cannot change its answer",
                    "Copy the long answer anyway",
                    "Start again with exactly the same question",
                ],
                "You can keep talking to an assistant and tell it what to change, like you would with a helper.",
                False,
            ),
        ],
        [
            "You have not tried an AI assistant yet, or only once or twice.",
            "You have tried an AI assistant for simple things and got some useful answers.",
            "You use AI tools for real tasks and know how to ask for what you need.",
            "You get good results quickly and can show others how to use AI tools well.",
            "You have built a tool or workflow with AI that other people use.",
        ],
    ),
    "checking-ai-outputs": (
        [
            ("I can check an answer from AI against another trusted source before I rely on it.", True),
            ("I can spot when an AI answer might be unfair to some groups of people.", False),
        ],
        [
            (
                "A parent in Stopsley uses a chatbot to check their child's maths homework. The chatbot says "
                "the answer is wrong. What should they do?",
                "",
                [
                    "Work the sum through again or check another source, because the chatbot can make mistakes",
                    "Tell the child they are wrong, because the computer is always right",
                    "Ask the chatbot the same question until it agrees",
                    "Ignore maths homework from now on",
                ],
                "AI tools can make mistakes, even with sums, so check important answers another way.",
                True,
            ),
            (
                "A chatbot gives you the name of a book and its author to support a point. What is true?",
                "",
                [
                    "The book might not exist, so you should search for it yourself",
                    "If a chatbot names a book, the book must be real",
                    "Chatbots only ever quote books they have read in full",
                    "Books named by chatbots are always in Luton Central Library",
                ],
                "Chatbots sometimes make up sources that sound real, so look them up before you trust them.",
                False,
            ),
        ],
        [
            "You tend to trust what AI tells you without checking.",
            "You know AI can be wrong and sometimes check its answers.",
            "You check important AI answers against trusted sources and notice when something looks off.",
            "You can spot made-up facts and bias, and teach others simple ways to check.",
            "You have built checks into something you made with AI.",
        ],
    ),
    "staying-safe": (
        [
            ("I know what kind of information I should never type into a chatbot.", True),
            ("I can spot the signs of a scam call or message that might use a fake voice or video.", False),
        ],
        [
            (
                "You get a voice call that sounds just like your cousin. They say they are stuck abroad and "
                "need money sent today. What should you do first?",
                "",
                [
                    "Hang up and call your cousin back on the number you already have for them",
                    "Send the money quickly, because it is their voice",
                    "Give them your bank details so they can take the money",
                    "Keep them talking and share your address",
                ],
                "AI can copy a voice from a short clip, so check by calling back on a number you already trust.",
                True,
            ),
            (
                "Which of these is safest to paste into a free AI chatbot?",
                "",
                [
                    "A recipe you want to make vegetarian",
                    "Your bank card number to check a payment",
                    "A customer's name, address and order history",
                    "Your passport photo page",
                ],
                "What you type into a chatbot may be stored or seen by others, so never share personal or "
                "customer details.",
                False,
            ),
        ],
        [
            "You are not sure how AI could be used to trick you or what happens to what you type.",
            "You know about some risks, like scams, and are careful with personal details.",
            "You protect your information, keep customer data out of chatbots, and check suspicious calls.",
            "You can help others stay safe, like spotting deepfake scams and setting privacy options.",
            "You have made something with AI that keeps people's data safe by design.",
        ],
    ),
    "ai-rights-and-society": (
        [
            ("I know I can ask for a person to look again at a decision made by a computer.", True),
            ("I can talk about how AI might change jobs in Luton, good and bad.", False),
        ],
        [
            (
                "An online form turns down your job application in seconds, and it seems a computer decided. "
                "What can you do?",
                "",
                [
                    "Ask the employer how the decision was made and for a person to review it",
                    "Nothing, because computer decisions cannot be questioned",
                    "Apply again with a different name",
                    "Report the computer to the police",
                ],
                "UK data protection law lets you ask about, and challenge, important decisions made only by a computer.",
                True,
            ),
            (
                "Why might an AI system used to shortlist job applicants be unfair?",
                "",
                [
                    "It may have learned from past decisions that were unfair to some groups",
                    "Computers are never unfair, because they use maths",
                    "It only reads applications written in capital letters",
                    "It is unfair only when the internet is slow",
                ],
                "AI learns from past data, so if past decisions were biased, the AI can repeat that bias.",
                False,
            ),
        ],
        [
            "You have not thought much about how AI affects fairness, jobs or your rights.",
            "You know AI can affect people's lives and jobs, and that it can be unfair.",
            "You know your rights around automated decisions and can question how AI is used.",
            "You can lead a conversation about fair use of AI at work or in the community.",
            "You have built something with AI that treats people fairly and openly.",
        ],
    ),
    "creating-with-ai": (
        [
            ("I can use AI to help me solve a real problem at home, in my studies or at work.", True),
            ("I can use AI to help build something simple, like a spreadsheet formula or a small app.", False),
        ],
        [
            (
                "A charity shop in High Town wants to use AI to sort donations. What is a good first step?",
                "",
                [
                    "Write down the problem clearly and try AI on a small sample first",
                    "Buy the most expensive AI system available",
                    "Let the AI decide everything without anyone checking",
                    "Wait until AI can do the whole job perfectly",
                ],
                "Starting small with a clear problem shows quickly whether AI helps, before you spend money or time.",
                True,
            ),
            (
                "You asked AI to write a spreadsheet formula to add up weekly sales. What should you do next?",
                "",
                [
                    "Test it on a few rows where you already know the right total",
                    "Use it on all your accounts straight away",
                    "Delete your old figures so the formula has a fresh start",
                    "Assume it works because AI wrote it",
                ],
                "Testing on figures you already know shows whether the formula really works before you rely on it.",
                False,
            ),
        ],
        [
            "You have not used AI to make or solve something yet.",
            "You have tried using AI to help with a small task or idea.",
            "You use AI to solve real problems and test that the results work.",
            "You can plan and build a useful AI solution with others and help them learn.",
            "You have built and shared a project that solves a real problem with AI.",
        ],
    ),
}


def load(apps, schema_editor):
    from skills.bank import snapshot

    Area = apps.get_model("skills", "Area")
    Question = apps.get_model("skills", "Question")
    Option = apps.get_model("skills", "Option")
    AreaLevelDescription = apps.get_model("skills", "AreaLevelDescription")
    FrameworkVersion = apps.get_model("skills", "FrameworkVersion")
    areas = list(Area.objects.order_by("sort_order"))
    for area in areas:
        if area.slug not in BANK or Question.objects.filter(area=area).exists():
            continue
        statements, knowledge, levels = BANK[area.slug]
        order = 0
        for text, quick in statements:
            order += 1
            Question.objects.create(area=area, kind="confidence", text=text, sort_order=order, in_quick_version=quick)
        for text, hint, answers, explanation, quick in knowledge:
            order += 1
            question = Question.objects.create(
                area=area,
                kind="knowledge",
                text=text,
                hint=hint,
                explanation=explanation,
                sort_order=order,
                in_quick_version=quick,
            )
            # The right answer is not always first: shuffle by a fixed rotation per question.
            rotation = order % len(answers)
            shown = answers[rotation:] + answers[:rotation]
            for position, answer in enumerate(shown):
                Option.objects.create(
                    question=question, text=answer, is_correct=answer == answers[0], sort_order=position
                )
        for level, description in enumerate(levels):
            AreaLevelDescription.objects.get_or_create(
                area=area, level=level, defaults={"description": description, "sort_order": level}
            )
    questions = (
        Question.objects.select_related("area")
        .prefetch_related("options")
        .order_by("area__sort_order", "sort_order", "pk")
    )
    version = FrameworkVersion.objects.filter(number=1).first()
    if version and not version.bank:
        version.bank = snapshot(areas, questions)
        version.save(update_fields=["bank"])


class Migration(migrations.Migration):
    dependencies = [("skills", "0005_questions_and_bank")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
