//! Dates and numbers the way readers of a language write them, from CLDR data compiled
//! into the binary by ICU4X (`icu_datetime`, `icu_decimal`): "January 5, 2026",
//! "5. Januar 2026", "2026年1月5日"; "133,080", "133.080", "133 080".

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;

/// The language as a locale; an unknown or malformed code is English.
fn locale(lang: &str) -> Locale {
    lang.replace('_', "-")
        .parse()
        .unwrap_or(icu_locale_core::locale!("en"))
}

/// A date in the language's long form; ISO 8601 if the data has no pattern for it.
pub fn long_date(date: jiff::civil::Date, lang: &str) -> String {
    let iso = || date.to_string();
    let Ok(formatter) = FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(
        (&locale(lang)).into(),
        YMD::long(),
    ) else {
        return iso();
    };
    let Ok(d) =
        Date::try_new_gregorian(i32::from(date.year()), date.month() as u8, date.day() as u8)
    else {
        return iso();
    };
    formatter.format(&d).to_string()
}

/// A whole number with the language's digit grouping.
pub fn number(n: u64, lang: &str) -> String {
    decimal(Decimal::from(n), lang)
}

/// `hundredths` / 100 with two decimals: 4813 -> "48.13", "48,13".
pub fn hundredths(hundredths: u64, lang: &str) -> String {
    let mut d = Decimal::from(hundredths);
    d.multiply_pow10(-2);
    decimal(d, lang)
}

fn decimal(d: Decimal, lang: &str) -> String {
    match DecimalFormatter::try_new((&locale(lang)).into(), Default::default()) {
        Ok(f) => f.format(&d).to_string(),
        Err(_) => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_by_language() {
        let d = jiff::civil::date(2026, 1, 5);
        assert_eq!(long_date(d, "en"), "January 5, 2026");
        assert_eq!(long_date(d, "de"), "5. Januar 2026");
        assert_eq!(long_date(d, "fr"), "5 janvier 2026");
        assert_eq!(long_date(d, "es"), "5 de enero de 2026");
        assert_eq!(long_date(d, "zh"), "2026年1月5日");
        assert_eq!(long_date(d, "not a language"), "January 5, 2026");
    }

    #[test]
    fn numbers_by_language() {
        assert_eq!(number(1_654_440, "en"), "1,654,440");
        assert_eq!(number(1_654_440, "de"), "1.654.440");
        assert_eq!(number(1_654_440, "fr"), "1\u{202f}654\u{202f}440");
        assert_eq!(hundredths(123_405, "de"), "1.234,05");
        assert_eq!(hundredths(4813, "en"), "48.13");
    }
}
