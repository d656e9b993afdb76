//! Dates in front matter: `YYYY-MM-DD` or RFC 3339, written as YAML strings or TOML dates.

use std::fmt;

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

/// A date as written, before it is checked; TOML's native dates arrive as a special map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2026-03-07")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.trim().to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateText, A::Error> {
                // toml's Datetime serialises as a one-entry map holding its text.
                let mut text = None;
                while let Some((_, v)) = map.next_entry::<String, String>()? {
                    text = Some(v);
                }
                text.map(DateText)
                    .ok_or_else(|| de::Error::custom("expected a date such as 2026-03-07"))
            }
        }
        d.deserialize_any(V)
    }
}

/// Parses `2026-03-07` or an RFC 3339 timestamp (`2026-03-07T09:30:00Z`) to its calendar date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let day = text.get(..10).unwrap_or(text);
    let date: Date = day
        .parse()
        .map_err(|_| format!("`{text}` is not a valid date"))?;
    if text.len() > 10 {
        text.parse::<jiff::Timestamp>()
            .map_err(|_| format!("`{text}` is not a valid date or RFC 3339 time"))?;
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dates_and_timestamps() {
        assert_eq!(parse_date("2026-03-07").unwrap().to_string(), "2026-03-07");
        assert_eq!(parse_date("2026-03-07T09:30:00+02:00").unwrap().day(), 7);
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "yesterday",
            "2026-03-07T25:00:00Z",
            "07/03/2026",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
