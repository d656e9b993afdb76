//! `[images]` in site.toml: the smaller copies careersite makes of the site's PNG and JPEG
//! images. `widths` asks for a copy at each width for every image written in Markdown
//! (Hugo sites get this from an image render hook, Zola sites from a shortcode); themes ask
//! for any copy with `resize_image()`. Nothing is made unless something asks for it.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::Diagnostic;
use crate::images::variant::MAX_SIDE;

/// The `[images]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    #[serde(default)]
    widths: Vec<Spanned<u32>>,
    quality: Option<Spanned<u8>>,
    sizes: Option<Spanned<String>>,
}

/// The copies to make, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Images {
    /// Widths in pixels, smallest first, of the copies each Markdown image gets; none gets
    /// no copies.
    pub widths: Vec<u32>,
    /// JPEG quality, 1 to 100.
    pub quality: u8,
    /// The `sizes` attribute beside each `srcset`; None lets careersite choose.
    pub sizes: Option<String>,
}

/// Past 85 a JPEG grows fast for detail few readers see; below 70 edges blur.
const DEFAULT_QUALITY: u8 = 80;

impl Default for Images {
    fn default() -> Self {
        Images {
            widths: Vec::new(),
            quality: DEFAULT_QUALITY,
            sizes: None,
        }
    }
}

/// Checks the table, pushing an error at the value's line and column for each bad one.
pub(super) fn check(
    file: &Path,
    text: &str,
    raw: Option<RawImages>,
    errors: &mut Vec<Diagnostic>,
) -> Images {
    let raw = raw.unwrap_or_default();
    let mut error = super::error_at(file, text, errors);
    let mut widths = Vec::with_capacity(raw.widths.len());
    for w in raw.widths {
        if (16..=MAX_SIDE).contains(w.get_ref()) {
            widths.push(w.into_inner());
        } else {
            error(
                w.span(),
                format!("image width {} is out of range", w.get_ref()),
                &format!("give widths in pixels from 16 to {MAX_SIDE}, such as [480, 960, 1440]"),
            );
        }
    }
    widths.sort_unstable();
    widths.dedup();
    let quality = match raw.quality {
        Some(q) if (1..=100).contains(q.get_ref()) => q.into_inner(),
        Some(q) => {
            error(
                q.span(),
                format!("`quality` must be 1 to 100, not {}", q.get_ref()),
                "the default is 80; higher keeps more detail in bigger files",
            );
            DEFAULT_QUALITY
        }
        None => DEFAULT_QUALITY,
    };
    let sizes = match raw.sizes {
        Some(s) if s.get_ref().trim().is_empty() || s.get_ref().contains(['"', '<', '>']) => {
            error(
                s.span(),
                "`sizes` must be a CSS sizes list".into(),
                "for example \"(max-width: 720px) 100vw, 720px\", or leave it out",
            );
            None
        }
        Some(s) => Some(s.into_inner()),
        None => None,
    };
    Images {
        widths,
        quality,
        sizes,
    }
}
