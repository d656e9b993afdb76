//! A seeded OEWS file in the layout BLS publishes its all-states data (national plus 50
//! states and DC, about 800 occupations, some 40,000 rows), and the three versions of a
//! benchmark site that differ only in it: without the dataset, with it, and with a salary
//! page per role and state. The figures are invented; the layout, the special values
//! (`*`, `**`, `#`), thousands separators and hourly-only and annual-only occupations are
//! BLS's, so the reader does the work it does on the real file.

use std::fmt::Write as _;
use std::path::Path;

use super::corpus::role_slug;
use super::text::{ADJECTIVES, NOUNS, Rng};

/// The dataset as the site names it.
pub const FILE: &str = "data/oews-all-states-may-2024.csv";

/// The columns of BLS's state file (`state_M2024_dl`), saved as CSV.
const HEADER: &str = "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY";

/// BLS's top code for May 2024: `#` above it.
const TOP_ANNUAL: u64 = 239_200;
const TOP_HOURLY_CENTS: u64 = 11_500;

/// The states and DC by FIPS code, as OEWS names them.
#[rustfmt::skip]
const STATES: [(&str, &str, &str); 51] = [
    ("01", "Alabama", "AL"), ("02", "Alaska", "AK"), ("04", "Arizona", "AZ"),
    ("05", "Arkansas", "AR"), ("06", "California", "CA"), ("08", "Colorado", "CO"),
    ("09", "Connecticut", "CT"), ("10", "Delaware", "DE"), ("11", "District of Columbia", "DC"),
    ("12", "Florida", "FL"), ("13", "Georgia", "GA"), ("15", "Hawaii", "HI"),
    ("16", "Idaho", "ID"), ("17", "Illinois", "IL"), ("18", "Indiana", "IN"),
    ("19", "Iowa", "IA"), ("20", "Kansas", "KS"), ("21", "Kentucky", "KY"),
    ("22", "Louisiana", "LA"), ("23", "Maine", "ME"), ("24", "Maryland", "MD"),
    ("25", "Massachusetts", "MA"), ("26", "Michigan", "MI"), ("27", "Minnesota", "MN"),
    ("28", "Mississippi", "MS"), ("29", "Missouri", "MO"), ("30", "Montana", "MT"),
    ("31", "Nebraska", "NE"), ("32", "Nevada", "NV"), ("33", "New Hampshire", "NH"),
    ("34", "New Jersey", "NJ"), ("35", "New Mexico", "NM"), ("36", "New York", "NY"),
    ("37", "North Carolina", "NC"), ("38", "North Dakota", "ND"), ("39", "Ohio", "OH"),
    ("40", "Oklahoma", "OK"), ("41", "Oregon", "OR"), ("42", "Pennsylvania", "PA"),
    ("44", "Rhode Island", "RI"), ("45", "South Carolina", "SC"), ("46", "South Dakota", "SD"),
    ("47", "Tennessee", "TN"), ("48", "Texas", "TX"), ("49", "Utah", "UT"),
    ("50", "Vermont", "VT"), ("51", "Virginia", "VA"), ("53", "Washington", "WA"),
    ("54", "West Virginia", "WV"), ("55", "Wisconsin", "WI"), ("56", "Wyoming", "WY"),
];

/// The 22 major groups of the SOC.
#[rustfmt::skip]
const GROUPS: [(&str, &str); 22] = [
    ("11", "Management"), ("13", "Business and Financial Operations"),
    ("15", "Computer and Mathematical"), ("17", "Architecture and Engineering"),
    ("19", "Life, Physical, and Social Science"), ("21", "Community and Social Service"),
    ("23", "Legal"), ("25", "Educational Instruction and Library"),
    ("27", "Arts, Design, Entertainment, Sports, and Media"),
    ("29", "Healthcare Practitioners and Technical"), ("31", "Healthcare Support"),
    ("33", "Protective Service"), ("35", "Food Preparation and Serving Related"),
    ("37", "Building and Grounds Cleaning and Maintenance"), ("39", "Personal Care and Service"),
    ("41", "Sales and Related"), ("43", "Office and Administrative Support"),
    ("45", "Farming, Fishing, and Forestry"), ("47", "Construction and Extraction"),
    ("49", "Installation, Maintenance, and Repair"), ("51", "Production"),
    ("53", "Transportation and Material Moving"),
];

/// Real SOC codes and titles, one per benchmark role with `soc:`; every state has them.
#[rustfmt::skip]
pub const ROLE_CODES: [(&str, &str); 20] = [
    ("15-1252", "Software Developers"), ("15-1253", "Software Quality Assurance Analysts and Testers"),
    ("15-1211", "Computer Systems Analysts"), ("15-1212", "Information Security Analysts"),
    ("15-1241", "Computer Network Architects"), ("15-1242", "Database Administrators"),
    ("15-1243", "Database Architects"), ("15-1244", "Network and Computer Systems Administrators"),
    ("15-1251", "Computer Programmers"), ("15-1254", "Web Developers"),
    ("15-1255", "Web and Digital Interface Designers"), ("15-1299", "Computer Occupations, All Other"),
    ("15-2051", "Data Scientists"), ("15-1221", "Computer and Information Research Scientists"),
    ("15-1232", "Computer User Support Specialists"), ("15-1231", "Computer Network Support Specialists"),
    ("11-3021", "Computer and Information Systems Managers"), ("13-1111", "Management Analysts"),
    ("13-1161", "Market Research Analysts and Marketing Specialists"), ("27-1024", "Graphic Designers"),
];

/// How many occupations the file describes, with the total and the major groups.
pub const OCCUPATIONS: usize = 800;

/// Which of the benchmark corpus's roles name an occupation: every third, 20 of 60.
pub fn soc_of_role(r: usize) -> Option<&'static str> {
    r.is_multiple_of(3)
        .then(|| ROLE_CODES.get(r / 3).map(|(c, _)| *c))
        .flatten()
}

/// One occupation: how BLS publishes it and what it pays nationally.
struct Occupation {
    code: String,
    title: String,
    group: &'static str,
    /// National median, in dollars a year.
    median: u64,
    /// Published hourly only (actors, dancers) or yearly only (teachers).
    hourly_only: bool,
    annual_only: bool,
    /// A role's occupation is published in every state.
    everywhere: bool,
}

fn occupations(seed: u64) -> Vec<Occupation> {
    let rng = &mut Rng::for_item(seed, 40, 0);
    let mut list = vec![Occupation {
        code: "00-0000".into(),
        title: "All Occupations".into(),
        group: "total",
        median: 49_500,
        hourly_only: false,
        annual_only: false,
        everywhere: true,
    }];
    for (g, name) in GROUPS {
        list.push(Occupation {
            code: format!("{g}-0000"),
            title: format!("{name} Occupations"),
            group: "major",
            median: rng.between(30, 110) as u64 * 1_000,
            hourly_only: false,
            annual_only: false,
            everywhere: true,
        });
    }
    for (code, title) in ROLE_CODES {
        list.push(detailed(rng, code.into(), title.into(), true));
    }
    let mut k = 0;
    while list.len() < OCCUPATIONS {
        let (g, _) = GROUPS[k % GROUPS.len()];
        let code = format!("{g}-{}", 5000 + 7 * (k / GROUPS.len()));
        let noun = rng.word(&NOUNS);
        let title = match k % 9 {
            // Titles with commas must be quoted, as BLS's are.
            0 => format!("{} Workers, All Other", capitalise(noun)),
            _ => format!(
                "{} {} Specialists",
                capitalise(rng.word(&ADJECTIVES)),
                capitalise(noun)
            ),
        };
        list.push(detailed(rng, code, title, false));
        k += 1;
    }
    list
}

fn detailed(rng: &mut Rng, code: String, title: String, everywhere: bool) -> Occupation {
    // About one in thirty is paid so well that its upper percentiles are top-coded.
    let median = if rng.percent(3) {
        rng.between(170, 230)
    } else {
        rng.between(28, 150)
    } as u64
        * 1_000
        + rng.below(100) as u64 * 10;
    let kind = if everywhere { 100 } else { rng.below(100) };
    Occupation {
        code,
        title,
        group: "detailed",
        median,
        hourly_only: kind < 1,
        annual_only: (1..3).contains(&kind),
        everywhere,
    }
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The whole file: the national rows, then each state's, as BLS orders them.
pub fn csv(seed: u64) -> String {
    let occupations = occupations(seed);
    let mut out = String::with_capacity(12 << 20);
    out.push_str(HEADER);
    out.push_str("\r\n");
    let national = ("99", "U.S.", "1", "US");
    for (i, o) in occupations.iter().enumerate() {
        row(
            &mut out,
            &mut Rng::for_item(seed, 41, i as u64),
            national,
            o,
            1.0,
        );
    }
    for (s, (fips, name, abbr)) in STATES.iter().enumerate() {
        let rng = &mut Rng::for_item(seed, 42, s as u64);
        // States pay more or less than the nation: 80% to 125% of its medians.
        let level = 0.80 + rng.below(46) as f64 / 100.0;
        for (i, o) in occupations.iter().enumerate() {
            let rng = &mut Rng::for_item(seed, 43 + s as u64 * 1_000, i as u64);
            // A state's file leaves out occupations it found no one in.
            if o.everywhere || !rng.percent(5) {
                row(&mut out, rng, (fips, name, "2", abbr), o, level);
            }
        }
    }
    out
}

fn row(
    out: &mut String,
    rng: &mut Rng,
    area: (&str, &str, &str, &str),
    o: &Occupation,
    level: f64,
) {
    let (code, title, kind, abbr) = area;
    let national = kind == "1";
    // Some sheets are saved with their number formats, some without.
    let commas = rng.percent(35);
    let median = (o.median as f64 * level * (0.92 + rng.below(17) as f64 / 100.0)) as u64;
    let employment = if national {
        rng.between(20_000, 3_000_000)
    } else {
        rng.between(40, 90_000)
    };
    let no_employment = !o.everywhere && rng.percent(3);
    let no_wages = !o.everywhere && rng.percent(2);
    let quoted = |t: &str| {
        if t.contains(',') {
            format!("\"{t}\"")
        } else {
            t.to_string()
        }
    };
    let _ = write!(
        out,
        "{code},{title},{kind},{abbr},000000,Cross-industry,cross-industry,1235,{},{},{},",
        o.code,
        quoted(&o.title),
        o.group
    );
    if no_employment {
        out.push_str("**,");
    } else {
        let _ = write!(out, "{},", count(employment as u64, commas));
    }
    let _ = write!(out, "{}.{},", rng.between(0, 9), rng.below(10));
    if national {
        out.push_str(",,");
    } else {
        let _ = write!(
            out,
            "{}.{:03},{}.{:02},",
            rng.below(30),
            rng.below(1000),
            rng.below(3),
            rng.below(100)
        );
    }
    out.push_str(",,");
    let annual = [0.58, 0.76, 1.0, 1.27, 1.58].map(|f| (median as f64 * f) as u64);
    let mean = (median as f64 * 1.08) as u64;
    let hourly = |a: u64| (a * 100 / 2080, a * 100 / 2080 >= TOP_HOURLY_CENTS);
    let (hourly_off, annual_off) = (no_wages || o.annual_only, no_wages || o.hourly_only);
    let cents = |(c, top): (u64, bool)| {
        if top {
            "#".to_string()
        } else {
            format!("{}.{:02}", count(c / 100, commas), c % 100)
        }
    };
    let dollars = |a: u64| {
        if a >= TOP_ANNUAL {
            "#".to_string()
        } else {
            count(a, commas)
        }
    };
    let star = |off: bool, s: String| if off { "*".to_string() } else { s };
    let _ = write!(
        out,
        "{},{},{}.{},",
        star(hourly_off, cents(hourly(mean))),
        star(annual_off, count(mean, commas)),
        rng.below(5),
        rng.below(10)
    );
    for a in annual {
        let _ = write!(out, "{},", star(hourly_off, cents(hourly(a))));
    }
    for a in annual {
        let _ = write!(out, "{},", star(annual_off, dollars(a)));
    }
    out.push_str(if o.annual_only { "TRUE," } else { "," });
    out.push_str(if o.hourly_only { "TRUE\r\n" } else { "\r\n" });
}

/// `123456` or, as a formatted sheet saves it, `"123,456"`.
fn count(n: u64, commas: bool) -> String {
    if !commas || n < 1_000 {
        return n.to_string();
    }
    let digits = n.to_string();
    let mut out = String::from("\"");
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out.push('"');
    out
}

/// What a benchmark site has beyond the guides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// No dataset; the 20 roles have no salary at all.
    Plain,
    /// The dataset, and `soc:` on the 20 roles.
    Dataset,
    /// Both, and `salary_pages = "states"`.
    StatePages,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::Plain, Variant::Dataset, Variant::StatePages];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Plain => "plain",
            Variant::Dataset => "dataset",
            Variant::StatePages => "state-pages",
        }
    }

    pub fn site_toml(self) -> String {
        let mut out =
            "title = \"Benchmark Careers\"\nbase_url = \"https://bench.example.org\"\n".to_string();
        if self == Variant::StatePages {
            out.push_str("salary_pages = \"states\"\n");
        }
        if self != Variant::Plain {
            let _ = write!(
                out,
                "\n[[salary_data]]\nfile = \"{FILE}\"\nformat = \"oews\"\nsource = \"Generated benchmark data in the layout of BLS OEWS\"\nurl = \"https://www.bls.gov/oes/\"\nperiod = \"May 2024\"\n"
            );
        }
        out
    }

    /// A corpus role profile as this variant has it: the 20 roles with an occupation lose
    /// their written salary (the dataset's shows instead) and, with the dataset, say `soc`.
    pub fn role_profile(self, r: usize, text: &str) -> String {
        let Some(code) = soc_of_role(r) else {
            return text.to_string();
        };
        let mut out = String::with_capacity(text.len());
        for (k, line) in text.split_inclusive('\n').enumerate() {
            if line.starts_with("salary:") {
                continue;
            }
            out.push_str(line);
            if k == 0 && self != Variant::Plain {
                let _ = writeln!(out, "soc: \"{code}\"");
            }
        }
        out
    }
}

/// Writes `dir` as a copy of the corpus at `base` in `variant`'s version.
pub fn write_site(base: &Path, dir: &Path, variant: Variant, dataset: &str) -> Result<(), String> {
    let io =
        |what: &str, p: &Path, e: std::io::Error| format!("cannot {what} {}: {e}", p.display());
    for entry in walkdir::WalkDir::new(base)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(base).map_err(|e| e.to_string())?;
        let to = dir.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).map_err(|e| io("create", &to, e))?;
        } else if !rel.starts_with(".bench-corpus") {
            std::fs::copy(entry.path(), &to).map_err(|e| io("copy to", &to, e))?;
        }
    }
    std::fs::write(dir.join("site.toml"), variant.site_toml()).map_err(|e| io("write", dir, e))?;
    for r in (0..60).filter(|&r| soc_of_role(r).is_some()) {
        let path = dir.join(format!("content/roles/{}.md", role_slug(r)));
        let text = std::fs::read_to_string(&path).map_err(|e| io("read", &path, e))?;
        std::fs::write(&path, variant.role_profile(r, &text)).map_err(|e| io("write", &path, e))?;
    }
    if variant != Variant::Plain {
        let path = dir.join(FILE);
        std::fs::create_dir_all(dir.join("data")).map_err(|e| io("create", dir, e))?;
        std::fs::write(&path, dataset).map_err(|e| io("write", &path, e))?;
    }
    Ok(())
}
