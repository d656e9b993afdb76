//! One figure of a dataset as published: an amount, an amount at the top code, or nothing.
//! BLS marks what it does not publish with `*` and `**` and top-coded wages with `#`, and
//! writes thousands with separators; writers export such files from spreadsheets as they are.

/// A published number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Figure {
    Value(u64),
    /// At or above the amount: BLS's `#` (its top-coded wage for the period).
    AtLeast(u64),
    /// Not published: `*`, `**`, `-` or an empty cell.
    Unavailable,
}

impl Figure {
    pub fn value(self) -> Option<u64> {
        match self {
            Figure::Value(v) | Figure::AtLeast(v) => Some(v),
            Figure::Unavailable => None,
        }
    }
}

/// Why a cell is not a figure, in a writer's words.
#[derive(Debug, PartialEq, Eq)]
pub struct NotAFigure;

/// Reads a cell: `85,000`, `85000`, `48.13` (with `hundredths`, as 4813), `*`, `**`, `#`.
/// `top_code` is what `#` means; none where the format has no top code.
pub fn parse(cell: &str, hundredths: bool, top_code: Option<u64>) -> Result<Figure, NotAFigure> {
    let cell = cell.trim();
    match cell {
        "" | "*" | "**" | "-" | "N/A" | "n/a" => return Ok(Figure::Unavailable),
        "#" => return top_code.map(Figure::AtLeast).ok_or(NotAFigure),
        _ => {}
    }
    let digits: String = cell
        .strip_prefix('$')
        .unwrap_or(cell)
        .chars()
        .filter(|&c| c != ',')
        .collect();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotAFigure);
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 2 {
        return Err(NotAFigure);
    }
    let whole: u64 = whole.parse().map_err(|_| NotAFigure)?;
    if !hundredths {
        // A yearly wage or a count written with cents or a decimal point rounds to whole units.
        let round_up = fraction.as_bytes().first().is_some_and(|&d| d >= b'5');
        return Ok(Figure::Value(whole + u64::from(round_up)));
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u64>().map_err(|_| NotAFigure)? * 10,
        _ => fraction.parse::<u64>().map_err(|_| NotAFigure)?,
    };
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .map(Figure::Value)
        .ok_or(NotAFigure)
}
