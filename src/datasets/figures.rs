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
///
/// A full OEWS file has some 600,000 figures, so this reads the digits in one pass over the
/// bytes without making a string of them: thousands separators anywhere are skipped, one
/// `.` splits whole units from at most two decimals, anything else is not a figure.
pub fn parse(cell: &str, hundredths: bool, top_code: Option<u64>) -> Result<Figure, NotAFigure> {
    let cell = cell.trim();
    match cell {
        "" | "*" | "**" | "-" | "N/A" | "n/a" => return Ok(Figure::Unavailable),
        "#" => return top_code.map(Figure::AtLeast).ok_or(NotAFigure),
        _ => {}
    }
    let digits = cell.strip_prefix('$').unwrap_or(cell);
    let (mut whole, mut whole_digits) = (0u64, 0usize);
    // The decimals after the point, as written (at most two), once a point is seen.
    let mut fraction: Option<(u64, usize, u8)> = None;
    for b in digits.bytes() {
        match (b, &mut fraction) {
            (b',', _) => {}
            (b'.', None) => fraction = Some((0, 0, 0)),
            (b'0'..=b'9', None) => {
                whole = whole
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(u64::from(b - b'0')))
                    .ok_or(NotAFigure)?;
                whole_digits += 1;
            }
            (b'0'..=b'9', Some((value, count, first))) => {
                if *count == 0 {
                    *first = b;
                }
                *value = *value * 10 + u64::from(b - b'0');
                *count += 1;
                if *count > 2 {
                    return Err(NotAFigure);
                }
            }
            _ => return Err(NotAFigure),
        }
    }
    if whole_digits == 0 {
        return Err(NotAFigure);
    }
    let (fraction, count, first) = fraction.unwrap_or((0, 0, 0));
    if !hundredths {
        // A yearly wage or a count written with cents or a decimal point rounds to whole units.
        let round_up = count > 0 && first >= b'5';
        return whole
            .checked_add(u64::from(round_up))
            .map(Figure::Value)
            .ok_or(NotAFigure);
    }
    let cents = if count == 1 { fraction * 10 } else { fraction };
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .map(Figure::Value)
        .ok_or(NotAFigure)
}
