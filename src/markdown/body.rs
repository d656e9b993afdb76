//! A rendered body as the site model keeps it: its HTML, in memory or in a build's scratch
//! file (see `scratch`), beside everything else rendering found.

use std::ops::Deref;
use std::sync::Arc;

use super::Rendered;
use crate::scratch::{Scratch, Text};

/// [`Rendered`] with its HTML moved out into a [`Text`]. Everything but the HTML reads
/// through to the [`Rendered`] (`body.summary`, `body.headings`); `body.html` is the
/// [`Text`], read when a page, feed or search index needs the words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub html: Text,
    /// Its own `html` is always empty: the HTML lives in `html` above, once.
    rendered: Rendered,
}

impl Body {
    /// Takes `rendered`'s HTML into `scratch` when there is one, else keeps it in memory.
    pub fn new(mut rendered: Rendered, scratch: Option<&Arc<Scratch>>) -> Body {
        let html = std::mem::take(&mut rendered.html);
        Body {
            html: match scratch {
                Some(scratch) => scratch.keep(html),
                None => Text::Held(html),
            },
            rendered,
        }
    }
}

impl Deref for Body {
    type Target = Rendered;

    fn deref(&self) -> &Rendered {
        &self.rendered
    }
}
