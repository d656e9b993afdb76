//! Tera's errors in the product's one format: a report that spans several lines (the
//! message, ` --> template:line:col`, the source underlined) becomes a message, a place
//! and, where the fix is known, a hint.

pub(super) fn source_chain(e: &tera::Error) -> String {
    let mut out = String::new();
    let mut cur = std::error::Error::source(e);
    while let Some(s) = cur {
        out.push_str(": ");
        out.push_str(&s.to_string());
        cur = s.source();
    }
    out
}

/// One of Tera's reports: `error: what` then ` --> template:line:col`, then the source
/// line underlined, which a diagnostic replaces with its own clickable location.
pub(super) struct Report<'a> {
    pub template: &'a str,
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
}

/// The reports in one of Tera's messages (several are joined by blank lines).
pub(super) fn reports(text: &str) -> Vec<Report<'_>> {
    let mut found = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(column), Some(line), Some(template)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let (Ok(line), Ok(column)) = (line.parse(), column.parse()) {
            found.push(Report {
                template,
                line,
                column,
                message,
            });
        }
    }
    found
}

/// A diagnostic is one line, then its hint: a message Tera spread over several lines
/// (a report with the source underlined) keeps only its first.
pub(super) fn one_line(message: &str) -> String {
    message.lines().next().unwrap_or("").to_string()
}

/// Tera 2 words an unknown name as ``Variable `x` is not defined.`` or, for `guide.x`,
/// ``Field `x` is not defined.`` (`vm/interpreter.rs`); both mean the template asks for
/// something the page does not receive.
pub(super) fn hint_for(message: &str) -> Option<String> {
    let unknown_name = (message.starts_with("Variable `") || message.starts_with("Field `"))
        && message.contains("` is not defined");
    if unknown_name {
        return Some(
            "see the README's theme reference for the variables each template receives".into(),
        );
    }
    let what = |kind: &str| message.starts_with(&format!("Unknown {kind} `"));
    if what("filter") || what("function") || what("test") {
        return Some(
            "check the spelling: the README's \"Functions and filters\" lists what careersite adds to Tera's own".into(),
        );
    }
    if what("template") {
        return Some("add the template under templates/, or fix its name".into());
    }
    if message.starts_with("Block `") && message.contains("is not defined in any parent") {
        return Some("define the block in the template this one extends, or remove it".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_variables_and_fields_point_to_the_theme_reference() {
        for message in [
            "Variable `gide` is not defined. Available variables: guide, site",
            "Field `salary_band` is not defined. Available fields: title, url",
        ] {
            assert!(
                hint_for(message).unwrap().contains("theme reference"),
                "{message}"
            );
        }
        assert!(hint_for("Block `x` is not defined in any parent template").is_some());
        assert_eq!(hint_for("Cannot divide by 0"), None);
    }

    #[test]
    fn reports_joined_by_blank_lines_are_read_one_by_one() {
        let text = "error: Unknown filter `a`\n --> page.html:1:4\n  |\n1 | {{ x | a }}\n  |        ^\n\nerror: Unknown test `b`\n  --> dir/p.html:12:30\n   |";
        let found = reports(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (
                found[1].template,
                found[1].line,
                found[1].column,
                found[1].message
            ),
            ("dir/p.html", 12, 30, "Unknown test `b`")
        );
    }
}
