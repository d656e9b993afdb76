//! The vocabulary of the benchmark corpus and a small seeded random source. The words are
//! our own; nothing here needs to read well, only to look like a career guide to the
//! parser, the linker and the templates: tags, headings, lists, tables, code and links.

/// SplitMix64: tiny, fast and the same on every platform, so a seed always gives the same
/// corpus without depending on a random-number crate's version.
pub struct Rng(u64);

impl Rng {
    /// A generator for item `i` of a stream, independent of every other item, so the
    /// corpus can be written in parallel and any guide's metadata recomputed alone.
    pub fn for_item(seed: u64, stream: u64, i: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 ^= i.wrapping_mul(0xE703_7ED1_A0B4_28DB);
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    /// `k` distinct numbers in `0..n`, in the order drawn.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let x = self.below(n);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

/// Role areas (slug, title); each has one role of every kind: 12 x 5 = 60 roles.
pub const AREAS: [(&str, &str); 12] = [
    ("data", "Data"),
    ("platform", "Platform"),
    ("security", "Security"),
    ("mobile", "Mobile"),
    ("frontend", "Front-End"),
    ("backend", "Back-End"),
    ("cloud", "Cloud"),
    ("machine-learning", "Machine Learning"),
    ("quality", "Quality"),
    ("product", "Product"),
    ("reliability", "Reliability"),
    ("embedded", "Embedded"),
];

/// Role kinds, in career order: each role's next role is the next kind in its area.
pub const KINDS: [(&str, &str); 5] = [
    ("analyst", "Analyst"),
    ("specialist", "Specialist"),
    ("engineer", "Engineer"),
    ("architect", "Architect"),
    ("manager", "Manager"),
];

/// Skill topics (slug, title, category); each comes in four facets: 50 x 4 = 200 skills.
pub const TOPICS: [(&str, &str, &str); 50] = [
    ("sql", "SQL", "Data"),
    ("python", "Python", "Languages"),
    ("rust", "Rust", "Languages"),
    ("golang", "Golang", "Languages"),
    ("java", "Java", "Languages"),
    ("typescript", "TypeScript", "Languages"),
    ("kubernetes", "Kubernetes", "Infrastructure"),
    ("terraform", "Terraform", "Infrastructure"),
    ("linux", "Linux", "Infrastructure"),
    ("networking", "Networking", "Infrastructure"),
    ("version-control", "Version Control", "Practice"),
    ("automated-testing", "Automated Testing", "Practice"),
    ("statistics", "Statistics", "Data"),
    ("spreadsheets", "Spreadsheets", "Data"),
    ("dashboards", "Dashboards", "Data"),
    ("data-modelling", "Data Modelling", "Data"),
    ("api-design", "API Design", "Design"),
    ("accessibility", "Accessibility", "Design"),
    ("stylesheets", "Stylesheets", "Design"),
    ("component-libraries", "Component Libraries", "Design"),
    ("swift", "Swift", "Languages"),
    ("kotlin", "Kotlin", "Languages"),
    ("containers", "Containers", "Infrastructure"),
    ("observability", "Observability", "Operations"),
    ("incident-response", "Incident Response", "Operations"),
    ("threat-modelling", "Threat Modelling", "Security"),
    ("cryptography", "Cryptography", "Security"),
    ("identity", "Identity", "Security"),
    ("compliance", "Compliance", "Security"),
    ("budgeting", "Budgeting", "Leadership"),
    ("roadmaps", "Roadmaps", "Leadership"),
    ("interviewing", "Interviewing", "Leadership"),
    ("technical-writing", "Technical Writing", "Practice"),
    ("mentoring", "Mentoring", "Leadership"),
    ("negotiation", "Negotiation", "Leadership"),
    ("user-research", "User Research", "Design"),
    ("prototyping", "Prototyping", "Design"),
    ("caching", "Caching", "Architecture"),
    ("message-queues", "Message Queues", "Architecture"),
    ("search-engines", "Search Engines", "Architecture"),
    ("databases", "Databases", "Data"),
    ("stream-processing", "Stream Processing", "Data"),
    ("batch-pipelines", "Batch Pipelines", "Data"),
    ("forecasting", "Forecasting", "Data"),
    ("experiments", "Experiments", "Data"),
    ("embedded-c", "Embedded C", "Languages"),
    ("firmware", "Firmware", "Hardware"),
    ("sensors", "Sensors", "Hardware"),
    ("capacity-planning", "Capacity Planning", "Operations"),
    ("cost-control", "Cost Control", "Operations"),
];

/// Facets (slug suffix, title suffix); the first is the topic itself.
pub const FACETS: [(&str, &str); 4] = [
    ("", ""),
    ("-at-scale", " at Scale"),
    ("-in-production", " in Production"),
    ("-for-teams", " for Teams"),
];

pub const ANGLES: [(&str, &str); 14] = [
    ("first-year", "Your First Year"),
    ("getting-hired", "Getting Hired"),
    ("day-to-day", "What the Day Looks Like"),
    ("switching-in", "Switching In From Another Field"),
    ("salary-talk", "Talking About Salary"),
    ("portfolio", "A Portfolio That Gets Replies"),
    ("remote", "Working Remotely"),
    ("promotion", "The Road to Promotion"),
    ("interviews", "Interview Rounds Explained"),
    ("learning-plan", "A Learning Plan for Evenings"),
    ("mistakes", "Mistakes Worth Avoiding"),
    ("leading", "Leading Without the Title"),
    ("tools", "The Tools You Will Touch"),
    ("teams", "Working Across Teams"),
];

pub const ADJECTIVES: [&str; 24] = [
    "steady",
    "careful",
    "patient",
    "small",
    "honest",
    "clear",
    "handy",
    "regular",
    "narrow",
    "broad",
    "quiet",
    "visible",
    "simple",
    "written",
    "shared",
    "weekly",
    "practical",
    "modest",
    "focused",
    "calm",
    "short",
    "sober",
    "plain",
    "concrete",
];

pub const NOUNS: [&str; 28] = [
    "habit",
    "checklist",
    "notebook",
    "side project",
    "review",
    "demo",
    "pull request",
    "design note",
    "retrospective",
    "runbook",
    "dashboard",
    "mentor",
    "study group",
    "reading list",
    "benchmark",
    "postmortem",
    "pairing hour",
    "mock interview",
    "brag document",
    "budget",
    "spreadsheet",
    "prototype",
    "case study",
    "roadmap",
    "ticket queue",
    "release plan",
    "team wiki",
    "office hour",
];

pub const VERBS: [&str; 22] = [
    "write down",
    "measure",
    "rehearse",
    "explain",
    "simplify",
    "review",
    "schedule",
    "share",
    "revisit",
    "sketch",
    "test",
    "question",
    "compare",
    "finish",
    "trim",
    "automate",
    "document",
    "plan",
    "present",
    "track",
    "repeat",
    "untangle",
];

pub const TIMES: [&str; 14] = [
    "every Friday",
    "in the first month",
    "before each release",
    "after an outage",
    "once a quarter",
    "on a slow afternoon",
    "before the interview",
    "at the end of a sprint",
    "during onboarding",
    "when a project closes",
    "each morning",
    "between meetings",
    "in the second year",
    "before asking for a raise",
];

pub const EMPLOYERS: [&str; 12] = [
    "start-ups",
    "banks",
    "hospitals",
    "agencies",
    "retailers",
    "game studios",
    "public bodies",
    "universities",
    "logistics firms",
    "insurers",
    "charities",
    "manufacturers",
];

/// Sentence patterns; `{r}` a role, `{s}` and `{t}` skills, `{a}` an adjective, `{n}` a
/// noun, `{v}` a verb, `{w}` a time, `{e}` and `{f}` employers.
pub const SENTENCES: [&str; 22] = [
    "Most {r} teams value a {a} {n} over a long list of certificates.",
    "If you {v} one thing {w}, make it the way you use {s}.",
    "Hiring panels at {e} tend to ask how you would {v} a {n} that nobody owns.",
    "A {a} {n} is the cheapest way to show {s} to someone who has never met you.",
    "People who join from {e} usually bring a {a} respect for {t}.",
    "Expect to {v} your plans {w}; the work changes faster than job titles do.",
    "The gap between junior and senior is less about {s} and more about judgement.",
    "Pair {s} with {t} and you cover most of what a new {r} is asked to do.",
    "Keep a {a} {n} and {v} it {w}, even when nothing seems to happen.",
    "Pay at {e} and at {f} can differ by a third for the same {r} title.",
    "Nobody expects you to {v} everything alone, and asking early is a skill too.",
    "A good {n} turns a vague goal into a {a} step you can take this week.",
    "When an estimate slips, {v} the reason in writing before anyone asks.",
    "Teams lean on the {r} who can {v} a problem without waiting for a perfect brief.",
    "Reading other people's {s} work teaches more than a course on {t}.",
    "Interviewers at {e} often care more about your questions than your answers.",
    "Set aside an hour {w} to {v} what you learned about {s}.",
    "The first promotion usually follows a {a} record of finished work, not heroics.",
    "Many new starters underestimate how much {t} matters after the first month.",
    "A {a} habit of writing things down saves hours {w}.",
    "Ask a {r} you trust to {v} your {n} and mark what confuses them.",
    "The best {r} candidates can explain {s} to someone from {e} in two sentences.",
];

pub const SECTIONS: [&str; 12] = [
    "Where the jobs are",
    "Tools of the trade",
    "Working with other teams",
    "Remote and hybrid work",
    "Common traps",
    "Showing your work",
    "Preparing for interviews",
    "Learning on the job",
    "Pay and benefits",
    "Coming from another field",
    "Knowing you are improving",
    "Keeping up",
];

pub const QUESTIONS: [&str; 8] = [
    "Do I need a degree to work as a {r}?",
    "How long does it take to become a {r}?",
    "Is {s} required for a {r}?",
    "Can a {r} work fully remote?",
    "What is a good first project for a {r}?",
    "Which should I learn first, {s} or {t}?",
    "What does a {r} interview look like?",
    "How do I ask for a raise as a {r}?",
];
