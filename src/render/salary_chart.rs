//! Salary charts as inline SVG, drawn at build time: a role's range from low to high with
//! the median marked, and one bar per role on a shared scale for comparison tables. The
//! figures are also text in the drawing and, in words, the chart's accessible name; colours
//! come from the theme's CSS classes so light and dark themes both work.

use std::fmt::Write;

use crate::model::Salary;
use crate::render::career_map::{escape, ordered_fit};
use crate::render::views::money;

const FONT_SIZE: u32 = 13;
/// Average width of a character of the labels, to keep them apart.
const CHAR_W: f64 = 7.4;
const ROW_H: f64 = 62.0;
const TOP: f64 = 4.0;
const AXIS_H: f64 = 26.0;
/// The line a role's name takes above its bar in a comparison.
const NAME_H: f64 = 22.0;
/// Narrow enough to stay legible on a phone; drawn up to this much larger on wide screens.
const SINGLE_W: f64 = 360.0;
const MAX_SCALE: f64 = 1.3;

/// A linear scale over whole amounts with "nice" gridlines (1, 2 or 5 times a power of ten).
struct Scale {
    min: u64,
    max: u64,
    step: u64,
    x0: f64,
    x1: f64,
}

impl Scale {
    fn new(low: u64, high: u64, x0: f64, x1: f64) -> Scale {
        let raw = (high.saturating_sub(low) as f64 / 4.0)
            .max(high as f64 / 20.0)
            .max(1.0);
        let magnitude = 10f64.powi(raw.log10().floor() as i32);
        let factor = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .find(|f| f * magnitude >= raw)
            .unwrap_or(10.0);
        let step = ((factor * magnitude).round() as u64).max(1);
        let min = low / step * step;
        let max = (high.div_ceil(step) * step).max(min + step);
        Scale {
            min,
            max,
            step,
            x0,
            x1,
        }
    }

    fn x(&self, amount: u64) -> f64 {
        let share = (amount as f64 - self.min as f64) / (self.max - self.min) as f64;
        ((self.x0 + share * (self.x1 - self.x0)) * 10.0).round() / 10.0
    }

    fn ticks(&self) -> impl Iterator<Item = u64> + '_ {
        (self.min..=self.max).step_by(self.step as usize)
    }
}

/// "a year", "a month", "an hour".
fn per(period: &str) -> String {
    let article = match period.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ if period.starts_with("hour") => "an",
        _ => "a",
    };
    format!("{article} {period}")
}

/// The figures in words: "low $79,850, median $133,080, high $211,450 a year".
fn in_words(s: &Salary, language: &str) -> String {
    format!(
        "low {}, median {}, high {} {}",
        money(s.low, &s.currency, language),
        money(s.median, &s.currency, language),
        money(s.high, &s.currency, language),
        per(&s.period)
    )
}

fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_W
}

/// Opens the drawing: it fills the width it is given up to `MAX_SCALE` times its natural size.
fn svg_open(out: &mut String, class: &str, w: f64, h: f64, label: &str, title: &str) {
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="salary-chart {class}" width="100%" viewBox="0 0 {w} {h}" style="max-width:{}px" font-size="{FONT_SIZE}" role="img" aria-label="{}"><title>{}</title>"#,
        (w * MAX_SCALE).round(),
        escape(label),
        escape(title)
    )
    .unwrap();
}

/// Vertical gridlines from `top` to the axis at `bottom`, with their amounts below.
fn axis(out: &mut String, scale: &Scale, currency: &str, language: &str, top: f64, bottom: f64) {
    out.push_str(r#"<g class="salary-axis">"#);
    for tick in scale.ticks() {
        let x = scale.x(tick);
        write!(
            out,
            r#"<line class="salary-grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/><text class="salary-tick" x="{x}" y="{}" text-anchor="middle">{}</text>"#,
            bottom + 16.0,
            escape(&money(tick, currency, language))
        )
        .unwrap();
    }
    write!(
        out,
        r#"<line class="salary-baseline" x1="{}" y1="{bottom}" x2="{}" y2="{bottom}"/></g>"#,
        scale.x0, scale.x1
    )
    .unwrap();
}

/// One range: the median's figure above the bar, the bar from low to high with the median
/// marked, and the low and high figures below it, kept apart and inside `[left, right]`.
fn range(
    out: &mut String,
    scale: &Scale,
    s: &Salary,
    language: &str,
    top: f64,
    bounds: (f64, f64),
) {
    let (xl, xm, xh) = (
        scale.x(s.low),
        scale.x(s.median.clamp(s.low, s.high)),
        scale.x(s.high),
    );
    let [low, median, high] = [s.low, s.median, s.high].map(|a| money(a, &s.currency, language));
    let clamp = |x: f64, w: f64| {
        x.clamp(
            bounds.0 + w / 2.0,
            (bounds.1 - w / 2.0).max(bounds.0 + w / 2.0),
        )
    };
    let median_text = format!("median {median}");
    let mx = clamp(xm, text_width(&median_text));
    let (bar_top, bar_h) = (top + 22.0, 18.0);
    write!(
        out,
        r#"<g class="salary-row"><text class="salary-figure salary-median-figure" x="{mx}" y="{}" text-anchor="middle">{}</text><rect class="salary-range" x="{xl}" y="{bar_top}" width="{}" height="{bar_h}" rx="4"/><line class="salary-median" x1="{xm}" y1="{}" x2="{xm}" y2="{}"/>"#,
        top + 15.0,
        escape(&median_text),
        ((xh - xl) * 10.0).round().max(20.0) / 10.0,
        bar_top - 4.0,
        bar_top + bar_h + 4.0,
    )
    .unwrap();
    let widths = [text_width(&low), text_width(&high)];
    let centres = ordered_fit(&[xl, xh], &[(widths[0] + widths[1]) / 2.0 + 10.0]);
    let overflow_left = bounds.0 + widths[0] / 2.0 - centres[0];
    let overflow_right = centres[1] + widths[1] / 2.0 - bounds.1;
    let shift = if overflow_left > 0.0 {
        overflow_left
    } else {
        -overflow_right.max(0.0)
    };
    for ((text, x), class) in [low, high]
        .iter()
        .zip(centres)
        .zip(["salary-low", "salary-high"])
    {
        write!(
            out,
            r#"<text class="salary-figure {class}" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            x + shift,
            bar_top + bar_h + 18.0,
            escape(text)
        )
        .unwrap();
    }
    out.push_str("</g>");
}

/// A role's salary range as an inline SVG with the figures as text and, in words, as its
/// accessible name: "Low $79,850, median $133,080, high $211,450 a year".
pub fn salary_chart_svg(salary: &Salary, language: &str, title: &str) -> String {
    let width = SINGLE_W;
    let scale = Scale::new(salary.low, salary.high, 34.0, width - 34.0);
    let height = TOP + ROW_H + AXIS_H;
    let words = in_words(salary, language);
    let label = capitalise(&words);
    let mut out = String::new();
    svg_open(
        &mut out,
        "salary-chart-single",
        width,
        height,
        &label,
        title,
    );
    let bottom = TOP + ROW_H;
    axis(
        &mut out,
        &scale,
        &salary.currency,
        language,
        TOP + 18.0,
        bottom,
    );
    range(&mut out, &scale, salary, language, TOP, (2.0, width - 2.0));
    out.push_str("</svg>");
    out
}

/// One bar per role on a shared scale, for comparison tables: `rows` are (role title,
/// salary). Each role's name sits above its bar, so the drawing is as narrow as a single
/// role's and its text stays legible on a phone. Empty when there are no rows.
pub fn salary_comparison_svg(rows: &[(&str, &Salary)], language: &str) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let width = SINGLE_W;
    let row_h = ROW_H + NAME_H;
    let low = rows.iter().map(|r| r.1.low).min().unwrap_or(0);
    let high = rows.iter().map(|r| r.1.high).max().unwrap_or(0);
    let scale = Scale::new(low, high, 34.0, width - 34.0);
    let bottom = TOP + row_h * rows.len() as f64;
    let label = format!(
        "Salary ranges: {}",
        rows.iter()
            .map(|(t, s)| format!("{t}: {}", in_words(s, language)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut out = String::new();
    svg_open(
        &mut out,
        "salary-comparison",
        width,
        bottom + AXIS_H,
        &label,
        "Salary comparison",
    );
    axis(
        &mut out,
        &scale,
        &first.1.currency,
        language,
        TOP + NAME_H + 18.0,
        bottom,
    );
    for (i, (title, salary)) in rows.iter().enumerate() {
        let top = TOP + row_h * i as f64;
        write!(
            out,
            r#"<text class="salary-role" x="2" y="{}">{}</text>"#,
            top + 15.0,
            escape(title)
        )
        .unwrap();
        range(
            &mut out,
            &scale,
            salary,
            language,
            top + NAME_H,
            (2.0, width - 2.0),
        );
    }
    out.push_str("</svg>");
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary(low: u64, median: u64, high: u64) -> Salary {
        Salary {
            currency: "USD".into(),
            low,
            median,
            high,
            period: "year".into(),
            source: "BLS".into(),
            year: 2024,
        }
    }

    /// The value of `attr` in each `<tag ... class="class" ...>`.
    fn attr(svg: &str, tag: &str, class: &str, attr: &str) -> Vec<f64> {
        let open = format!(r#"<{tag} class="{class}""#);
        svg.match_indices(&open)
            .map(|(i, _)| {
                let rest = &svg[i..];
                let rest = &rest[..rest.find('>').unwrap()];
                let start = rest.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
                let value = &rest[start..];
                value[..value.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn figures_are_text_and_the_accessible_name() {
        let s = salary(79850, 133080, 211450);
        let svg = salary_chart_svg(&s, "en", "Software Engineer salary");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(
            r#"role="img" aria-label="Low $79,850, median $133,080, high $211,450 a year""#
        ));
        assert!(svg.contains("<title>Software Engineer salary</title>"));
        for figure in [">$79,850<", ">median $133,080<", ">$211,450<"] {
            assert!(svg.contains(figure), "{figure} in {svg}");
        }
        assert!(!svg.contains("fill=\"#") && !svg.contains("<script"));
    }

    #[test]
    fn the_median_marker_lies_on_the_bar_between_low_and_high() {
        for (low, median, high) in [
            (79850, 133080, 211450),
            (50000, 50000, 90000),
            (10, 20, 20),
            (7, 7, 7),
        ] {
            let svg = salary_chart_svg(&salary(low, median, high), "en", "t");
            let x = attr(&svg, "rect", "salary-range", "x")[0];
            let w = attr(&svg, "rect", "salary-range", "width")[0];
            let m = attr(&svg, "line", "salary-median", "x1")[0];
            assert!(
                x <= m && m <= x + w.max(0.0) + 0.05,
                "{x} <= {m} <= {x}+{w}"
            );
            let ticks = attr(&svg, "line", "salary-grid", "x1");
            assert!(ticks.len() >= 2, "a few gridlines");
            assert!(
                ticks[0] <= x && x + w <= *ticks.last().unwrap() + 2.0,
                "the bar is on the scale"
            );
        }
    }

    #[test]
    fn gridlines_are_round_amounts_in_the_sites_format() {
        let svg = salary_chart_svg(&salary(79850, 133080, 211450), "en", "t");
        assert!(
            svg.contains(">$50,000<") && svg.contains(">$250,000<"),
            "{svg}"
        );
        let de = Salary {
            currency: "EUR".into(),
            ..salary(41000, 52000, 68000)
        };
        let svg = salary_chart_svg(&de, "de", "t");
        assert!(svg.contains("Low 41.000\u{a0}€, median 52.000\u{a0}€, high 68.000\u{a0}€ a year"));
        let scale = Scale::new(79850, 211450, 0.0, 100.0);
        assert_eq!((scale.min, scale.max, scale.step), (50000, 250000, 50000));
        assert_eq!(scale.x(150000), 50.0);
    }

    #[test]
    fn periods_and_titles_read_well_and_are_escaped() {
        let hourly = Salary {
            period: "hour".into(),
            ..salary(20, 31, 45)
        };
        let svg = salary_chart_svg(&hourly, "en", "R&D <Lead> \"pay\"");
        assert!(svg.contains("high $45 an hour\""));
        assert!(svg.contains("<title>R&amp;D &lt;Lead&gt; &quot;pay&quot;</title>"));
        assert_eq!(per("month"), "a month");
    }

    #[test]
    fn low_and_high_labels_never_overlap() {
        for (low, high) in [(100000, 100500), (1000, 999_000), (60000, 61000)] {
            let svg = salary_chart_svg(&salary(low, low, high), "en", "t");
            let lows = attr(&svg, "text", "salary-figure salary-low", "x");
            let highs = attr(&svg, "text", "salary-figure salary-high", "x");
            let need = (text_width(&money(low, "USD", "en"))
                + text_width(&money(high, "USD", "en")))
                / 2.0;
            assert!(highs[0] - lows[0] >= need - 0.1, "{lows:?} {highs:?}");
            assert!(lows[0] >= 0.0 && highs[0] <= SINGLE_W);
        }
    }

    #[test]
    fn comparison_draws_one_bar_per_role_on_one_scale() {
        let (a, b, c) = (
            salary(60000, 80000, 100000),
            salary(90000, 120000, 180000),
            salary(40000, 50000, 65000),
        );
        let svg = salary_comparison_svg(
            &[
                ("Analyst", &a),
                ("Data Scientist & ML", &b),
                ("Support", &c),
            ],
            "en",
        );
        let xs = attr(&svg, "rect", "salary-range", "x");
        let ws = attr(&svg, "rect", "salary-range", "width");
        assert_eq!(xs.len(), 3);
        assert!(
            xs[2] < xs[0] && xs[0] < xs[1],
            "low figures in order on the shared scale"
        );
        assert!(xs[0] + ws[0] < xs[1] + ws[1], "and high figures too");
        let ms = attr(&svg, "line", "salary-median", "x1");
        for i in 0..3 {
            assert!(xs[i] <= ms[i] && ms[i] <= xs[i] + ws[i]);
        }
        assert!(svg.contains("Data Scientist &amp; ML"));
        assert!(svg.contains(r#"aria-label="Salary ranges: Analyst: low $60,000, median $80,000, high $100,000 a year; Data Scientist &amp; ML: low $90,000"#));
        for figure in [">$60,000<", ">median $120,000<", ">$65,000<"] {
            assert!(svg.contains(figure), "{figure}");
        }
        assert_eq!(salary_comparison_svg(&[], "en"), "");
        if let Ok(dir) = std::env::var("CAREERSITE_DUMP_SVG") {
            std::fs::write(format!("{dir}/comparison.svg"), &svg).unwrap();
            let one = salary_chart_svg(
                &salary(79850, 133080, 211450),
                "en",
                "Software Engineer salary",
            );
            std::fs::write(format!("{dir}/salary.svg"), one).unwrap();
        }
    }
}
