use std::path::Path;

use super::*;

const OEWS: &str = "\
AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,H_MEAN,A_MEAN,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY
99,U.S.,1,US,15-1252,Software Developers,detailed,\"1,654,440\",69.50,\"144,570\",38.43,50.51,63.59,#,#,\"79,850\",\"105,070\",\"132,270\",\"170,480\",#,,
06,California,2,CA,15-1252,Software Developers,detailed,\"**\",*,*,*,*,*,*,*,*,*,*,*,*,,
99,U.S.,1,US,27-2011,Actors,detailed,\"51,250\",31.43,*,12.73,17.50,24.49,38.25,66.83,*,*,*,*,*,,TRUE
99,U.S.,1,US,25-2021,Elementary School Teachers,detailed,\"1,361,380\",*,\"70,740\",*,*,*,*,*,\"47,640\",\"52,880\",\"63,670\",\"82,350\",\"104,480\",TRUE,
";

fn wages(text: &str) -> Result<Vec<Wages>, Vec<Diagnostic>> {
    match read(
        Format::Oews,
        Path::new("data/oews.csv"),
        text,
        TopCode::default(),
    )? {
        Rows::Wages(w) => Ok(w),
        Rows::Projections(_) => panic!("wages expected"),
    }
}

/// A diagnostic's place, words and hint, whatever the console layout.
fn show(d: &Diagnostic) -> String {
    let hint = d.hint.as_deref().unwrap_or("");
    format!(
        "error: {}: {} / {hint}",
        d.location().unwrap_or_default(),
        d.message
    )
}

fn errors(format: Format, text: &str) -> Vec<String> {
    match read(format, Path::new("data/x.csv"), text, TopCode::default()) {
        Ok(_) => panic!("errors expected"),
        Err(e) => e.iter().map(show).collect(),
    }
}

#[test]
fn oews_reads_separators_top_codes_and_missing_values() {
    let w = wages(OEWS).unwrap();
    assert_eq!(w.len(), 4);
    let dev = &w[0];
    assert_eq!(dev.occupation, "15-1252");
    assert_eq!(dev.area.kind, AreaKind::National);
    assert_eq!(dev.employment, Figure::Value(1_654_440));
    assert_eq!(dev.annual.median, Figure::Value(132_270));
    assert_eq!(dev.annual.p90, Figure::AtLeast(239_200));
    assert_eq!(dev.hourly.median, Figure::Value(6359));
    assert_eq!(dev.hourly.p75, Figure::AtLeast(11_500));
    assert_eq!(dev.line, 2);
    let ca = &w[1];
    assert_eq!(
        (ca.area.kind, ca.area.code.as_str()),
        (AreaKind::State, "06")
    );
    assert_eq!(ca.area.state.as_deref(), Some("CA"));
    assert_eq!(ca.employment, Figure::Unavailable);
    assert_eq!(ca.annual.median, Figure::Unavailable);
}

#[test]
fn oews_hourly_only_and_annual_only_occupations() {
    let w = wages(OEWS).unwrap();
    let actors = &w[2];
    assert_eq!(actors.annual, Percentiles::unavailable());
    assert_eq!(actors.hourly.median, Figure::Value(2449));
    let teachers = &w[3];
    assert_eq!(teachers.annual.median, Figure::Value(63_670));
    assert_eq!(teachers.hourly, Percentiles::unavailable());
}

#[test]
fn oews_all_data_file_keeps_cross_industry_rows_only() {
    let text = "\
AREA,AREA_TITLE,AREA_TYPE,NAICS,OWN_CODE,OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90
99,U.S.,1,000000,1235,15-1252,Software Developers,100,1,1,1,1,1,1
99,U.S.,1,511200,5,15-1252,Software Developers,50,2,2,2,2,2,2
";
    let w = wages(text).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].employment, Figure::Value(100));
    assert_eq!(w[0].hourly, Percentiles::unavailable());
}

#[test]
fn oews_bad_cells_are_errors_at_their_column() {
    let text = "\
OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90
15-1252,Software Developers,100,1,1,1,lots,1,1
151252,Software Developers,100,1,1,1,1,1,1
";
    let e = errors(Format::Oews, text);
    assert_eq!(
        e,
        [
            "error: data/x.csv:2:39: `lots` is not a number / write a number such as `85,000` or `48.13`, or `*` where there is none",
            "error: data/x.csv:3:1: `151252` is not an occupation code / OEWS occupation codes are SOC codes such as `15-1252`",
        ]
    );
}

#[test]
fn missing_columns_malformed_rows_duplicates_and_empty_files() {
    let e = errors(Format::Oews, "OCC_CODE,OCC_TITLE\n15-1252,x\n");
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("error: data/x.csv:1:1: the header has no `TOT_EMP`, `A_MEAN`,"),
        "{e:?}"
    );

    let text = "occupation,area,currency,p10,p25,median,p75,p90,employment\n\
                dev,Germany,EUR,1,2,3,4,5,6\n\
                dev,Germany,EUR,1,2,3\n\
                dev,Germany,EUR,1,2,3,4,5,6\n";
    let e = errors(Format::Simple, text);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with(
            "error: data/x.csv:3:1: this row has 6 cells but the header names 9 columns"
        )
    );
    assert!(
        e[1].contains(
            "data/x.csv:4:1: occupation `dev` in Germany appears twice (first on line 2)"
        )
    );

    let e = errors(Format::Simple, "");
    assert!(e[0].starts_with("error: data/x.csv:1:1: the data file is empty"));
}

#[test]
fn simple_format_checks_currency_and_amounts() {
    let text = "occupation,area,currency,p10,p25,median,p75,p90,employment\n\
                2512,Deutschland,EUR,\"41,000\",48000,57500,,,\n\
                2512,Österreich,euro,1,2,3,4,5,6\n";
    let e = errors(Format::Simple, text);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("error: data/x.csv:3:17: `euro` is not a currency code"),
        "{e:?}"
    );
    let ok = text.lines().take(2).collect::<Vec<_>>().join("\n");
    let Rows::Wages(w) = read(Format::Simple, Path::new("d.csv"), &ok, TopCode::default()).unwrap()
    else {
        panic!()
    };
    assert_eq!(w[0].annual.p10, Figure::Value(41_000));
    assert_eq!(w[0].annual.p75, Figure::Unavailable);
    assert_eq!(w[0].area.kind, AreaKind::Other);
}

#[test]
fn projections_read_and_reject_what_they_cannot_use() {
    let text = "occupation,occupation_title,base_year,base_employment,target_year,target_employment,percent_change,annual_openings\n\
                15-1252,Software developers,2023,\"1,692,100\",2033,\"1,995,700\",17.9,\"140,100\"\n\
                43-9022,Word processors,2023,\"36,700\",2033,\"22,800\",-37.9%,\"2,100\"\n";
    let Rows::Projections(p) = read(
        Format::Projections,
        Path::new("d.csv"),
        text,
        TopCode::default(),
    )
    .unwrap() else {
        panic!()
    };
    assert_eq!(p[0].base_employment, 1_692_100);
    assert_eq!(p[1].percent_change, -37.9);
    assert_eq!(p[1].occupation_title.as_deref(), Some("Word processors"));

    let bad = "occupation,base_year,base_employment,target_year,target_employment,percent_change,annual_openings\n\
               15-1252,2033,1,2023,2,up,3\n";
    let e = errors(Format::Projections, bad);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("error: data/x.csv:2:23: `up` is not a percentage"),
        "{e:?}"
    );
}

#[test]
fn figures_parse_like_spreadsheets_write_them() {
    use super::figures::parse;
    assert_eq!(parse(" 1,234 ", false, None), Ok(Figure::Value(1234)));
    assert_eq!(parse("$85,000.50", false, None), Ok(Figure::Value(85_001)));
    assert_eq!(parse("48.1", true, None), Ok(Figure::Value(4810)));
    assert!(parse("#", false, None).is_err());
    assert!(parse("1.234.5", false, None).is_err());
    assert!(parse("-5", false, None).is_err());
    assert!(parse("99999999999999999999999", false, None).is_err());
}

/// The first reader of figures, which made a string of the digits: the one-pass reader
/// must agree with it on every cell (except that a sum past `u64::MAX` is refused, where
/// this one overflowed).
fn parse_by_string(cell: &str, hundredths: bool, top: Option<u64>) -> Result<Figure, ()> {
    let cell = cell.trim();
    match cell {
        "" | "*" | "**" | "-" | "N/A" | "n/a" => return Ok(Figure::Unavailable),
        "#" => return top.map(Figure::AtLeast).ok_or(()),
        _ => {}
    }
    let digits: String = (cell.strip_prefix('$').unwrap_or(cell).chars())
        .filter(|&c| c != ',')
        .collect();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 2 {
        return Err(());
    }
    let whole: u64 = whole.parse().map_err(|_| ())?;
    if !hundredths {
        let round_up = fraction.as_bytes().first().is_some_and(|&d| d >= b'5');
        return whole
            .checked_add(u64::from(round_up))
            .map(Figure::Value)
            .ok_or(());
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u64>().map_err(|_| ())? * 10,
        _ => fraction.parse::<u64>().map_err(|_| ())?,
    };
    (whole.checked_mul(100))
        .and_then(|w| w.checked_add(cents))
        .map(Figure::Value)
        .ok_or(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 4000,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]
    #[test]
    fn figures_parse_as_the_string_reader_did(
        cell in "[ ]?[$]?[0-9,.]{0,8}[ ]?|[*#$ ,.0-9a-z\\-]{0,6}|[0-9]{18,22}(\\.[0-9]{0,3})?",
        hundredths: bool,
        top: Option<u64>,
    ) {
        let new = super::figures::parse(&cell, hundredths, top).map_err(|_| ());
        proptest::prop_assert_eq!(new, parse_by_string(&cell, hundredths, top), "cell {:?}", cell);
    }
}

fn dataset(format: Format, name: &str, text: &str) -> Dataset {
    Dataset {
        source: Source {
            file: format!("data/{name}.csv").into(),
            name: name.into(),
            url: None,
            period: "May 2024".into(),
        },
        rows: read(format, Path::new(name), text, TopCode::default()).unwrap(),
    }
}

#[test]
fn index_finds_national_areas_and_outlook_with_their_sources() {
    let projections = "occupation,base_year,base_employment,target_year,target_employment,percent_change,annual_openings\n\
                       15-1252,2023,100,2033,117,17.9,10\n";
    let index = Index::new(vec![
        dataset(Format::Oews, "oews", OEWS),
        dataset(Format::Projections, "ep", projections),
    ]);
    let dev = index.occupation("15-1252").unwrap();
    assert_eq!(dev.title, Some("Software Developers"));
    assert_eq!(
        dev.national.unwrap().row.annual.median,
        Figure::Value(132_270)
    );
    assert_eq!(dev.national.unwrap().source.name, "oews");
    assert_eq!(dev.areas.len(), 1);
    assert_eq!(dev.areas[0].row.area.title, "California");
    assert_eq!(dev.outlook.unwrap().source.name, "ep");
    assert!(index.occupation("15-1299").is_none());
    assert_eq!(
        index.suggest("15-1253"),
        Some(("15-1252".into(), "Software Developers".into()))
    );
    assert_eq!(
        index.suggest("sofware developers"),
        Some(("15-1252".into(), "Software Developers".into()))
    );
    assert_eq!(index.suggest("astronaut"), None);
}

#[test]
fn site_toml_names_datasets_and_refuses_what_cannot_be_read() {
    let ok = "[[salary_data]]\nfile = \"data/oews.csv\"\nformat = \"oews\"\nsource = \"BLS OEWS\"\nperiod = \"May 2024\"\ntop_coded_hourly = 100.5\n";
    let config = crate::config::Config::parse(ok, None).unwrap();
    assert_eq!(config.datasets.len(), 1);
    assert_eq!(config.datasets[0].format, Format::Oews);
    assert_eq!(config.datasets[0].top_code.hourly_cents, 10_050);
    assert_eq!(config.datasets[0].top_code.annual, 239_200);
    assert_eq!(config.datasets[0].line, 2);

    let bad = "[[salary_data]]\nfile = \"../secrets.csv\"\nformat = \"xlsx\"\nsource = \"s\"\nperiod = \"p\"\n\
               [[salary_data]]\nfile = \"data/a.csv\"\nformat = \"simple\"\nsource = \"s\"\nperiod = \"p\"\n\
               [[salary_data]]\nfile = \"data/a.csv\"\nformat = \"simple\"\nsource = \"s\"\nperiod = \"p\"\n";
    let e: Vec<String> = crate::config::Config::parse(bad, None)
        .unwrap_err()
        .iter()
        .map(show)
        .collect();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].starts_with("error: site.toml:3:10: `xlsx` is not a dataset format / use one of oews, simple, projections"), "{e:?}");
    assert!(
        e[1].starts_with("error: site.toml:2: dataset file `../secrets.csv` is not under `data/`"),
        "{e:?}"
    );
    assert!(e[2].starts_with("error: site.toml:12: dataset file `data/a.csv` is named twice / it is first named on line 7"), "{e:?}");
}

#[test]
fn load_reads_every_dataset_into_one_index() {
    let config = crate::config::Config::parse(
        "[[salary_data]]\nfile = \"data/oews.csv\"\nformat = \"oews\"\nsource = \"BLS OEWS\"\nurl = \"https://www.bls.gov/oes/\"\nperiod = \"May 2024\"\n",
        None,
    )
    .unwrap();
    let index = load(&config.datasets, vec![Some(OEWS.to_string())]).unwrap();
    let dev = index.occupation("15-1252").unwrap();
    assert_eq!(
        dev.national.unwrap().source.url.as_deref(),
        Some("https://www.bls.gov/oes/")
    );
    let e = load(&config.datasets, vec![Some("OCC_CODE\n".into())]).unwrap_err();
    assert_eq!(e[0].file.as_deref(), Some(Path::new("data/oews.csv")));
}

#[test]
fn rows_read_in_chunks_keep_their_order_and_every_error() {
    // More rows than one chunk holds, with a short row, a bad cell and a duplicate far apart.
    let mut text = String::from("occupation,area,currency,p10,p25,median,p75,p90,employment\n");
    for i in 0..2_500 {
        match i {
            700 => text.push_str("15-0700,Ireland,EUR,1,2\n"),
            1_500 => text.push_str("15-1500,Ireland,EUR,1,2,x,4,5,6\n"),
            2_400 => text.push_str("15-0003,Ireland,EUR,1,2,3,4,5,6\n"),
            _ => text.push_str(&format!("15-{i:04},Ireland,EUR,1,2,3,4,5,6\n")),
        }
    }
    let e = errors(Format::Simple, &text);
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(
        e[0].starts_with("error: data/x.csv:702:1: this row has 5 cells"),
        "{e:?}"
    );
    assert!(e[1].starts_with("error: data/x.csv:1502:"), "{e:?}");
    assert!(
        e[2].starts_with("error: data/x.csv:2402:1: occupation `15-0003`"),
        "{e:?}"
    );
    text = text
        .replace(",1,2\n", ",1,2,3,4,5,6\n")
        .replace(",x,", ",3,");
    text = text.replace(
        "15-0003,Ireland,EUR,1,2,3,4,5,6\n15-2401",
        "15-2400,Ireland,EUR,1,2,3,4,5,6\n15-2401",
    );
    let Ok(Rows::Wages(w)) = read(
        Format::Simple,
        Path::new("data/x.csv"),
        &text,
        TopCode::default(),
    ) else {
        panic!("rows expected");
    };
    let lines: Vec<usize> = w.iter().map(|r| r.line).collect();
    assert_eq!(lines, (2..2_502).collect::<Vec<_>>());
    assert_eq!(w[2_499].occupation, "15-2499");
}
