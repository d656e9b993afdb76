//! `resize_image()`: a template asks for a smaller copy of one of the site's PNG or JPEG
//! images and gets its URL and size, to write an `<img>` with `srcset`, a thumbnail or a
//! cropped card picture. Only the name and size are worked out here; the copy itself is
//! made once a page points at it (`pipeline::variants`).

use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use crate::config::Config;
use crate::images::variant::{self, MAX_SIDE, Spec};
use crate::images::{Size, Sizes, Source};

/// The function's name, which tells whether a theme uses it.
pub(super) const FUNCTION: &str = "resize_image";

pub(super) fn register(tera: &mut Tera, config: &Config, images: Arc<Sizes>) {
    let base_path = config.base_path.clone();
    tera.register_function(
        FUNCTION,
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let path: &str = kwargs.must_get("path")?;
            let width: Option<u32> = kwargs.get("width")?;
            let height: Option<u32> = kwargs.get("height")?;
            let op: Option<&str> = kwargs.get("op")?;
            let answer = resized(&images, path, width, height, op).map_err(|why| {
                tera::Error::message(format!("resize_image(path=\"{path}\"): {why}"))
            })?;
            let (url, (w, h), (ow, oh)) = answer;
            Ok(Value::from_serializable(&serde_json::json!({
                "url": format!("{base_path}{url}"),
                "width": w,
                "height": h,
                "orig_width": ow,
                "orig_height": oh,
            })))
        },
    );
}

/// The copy's path (or the original's, when the copy would be no smaller), its size and
/// the original's size.
fn resized(
    images: &Sizes,
    path: &str,
    width: Option<u32>,
    height: Option<u32>,
    op: Option<&str>,
) -> Result<(String, Size, Size), String> {
    let path = path.trim_start_matches('/');
    let size = images
        .get(&Source::Static(path).key())
        .or_else(|| images.get(&Source::Content(path).key()))
        .ok_or("no image of that path among the static files or the files beside the Markdown; give its path as published, such as `images/team.jpg` or `guides/pay/chart.png`")?;
    if !variant::resizable(path) {
        return Err("only PNG and JPEG images can be resized".into());
    }
    let side = |n: u32| {
        if (1..=MAX_SIDE).contains(&n) {
            Ok(n)
        } else {
            Err(format!("{n} pixels is not a size; give 1 to {MAX_SIDE}"))
        }
    };
    let spec = match (op.unwrap_or("auto"), width, height) {
        ("auto" | "fill", Some(w), Some(h)) => Spec::Fill(side(w)?, side(h)?),
        ("auto" | "fit_width", Some(w), None) => Spec::Width(side(w)?),
        ("auto" | "fit_height", None, Some(h)) => Spec::Height(side(h)?),
        ("fit", Some(w), Some(h)) => {
            // Within the box, keeping the proportions: the tighter side decides.
            let (w, h) = (side(w)?, side(h)?);
            if u64::from(size.0) * u64::from(h) >= u64::from(size.1) * u64::from(w) {
                Spec::Width(w)
            } else {
                Spec::Height(h)
            }
        }
        ("auto", None, None) => return Err("give a width, a height or both".into()),
        ("fill" | "fit", ..) => {
            return Err("`fill` and `fit` need both a width and a height".into());
        }
        ("fit_width", ..) => return Err("`fit_width` needs a width and no height".into()),
        ("fit_height", ..) => return Err("`fit_height` needs a height and no width".into()),
        (other, ..) => {
            return Err(format!(
                "unknown op `{other}`; use fit_width, fit_height, fit or fill"
            ));
        }
    };
    Ok(match spec.within(size) {
        Some(spec) => {
            let name =
                variant::name(path, spec).ok_or("only PNG and JPEG images can be resized")?;
            (name, spec.size(size), size)
        }
        None => (path.to_string(), size, size),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> Sizes {
        Sizes::new(
            [
                ("static/img/hero.jpg".to_string(), (1600, 900)),
                ("content/guides/pay/chart.png".to_string(), (800, 400)),
                ("static/logo.svg".to_string(), (100, 100)),
            ]
            .into_iter()
            .collect(),
        )
    }

    #[test]
    fn each_op_names_the_copy_and_its_size() {
        let s = sizes();
        let r = |p, w, h, op| resized(&s, p, w, h, op);
        assert_eq!(
            r("/img/hero.jpg", Some(480), None, None).unwrap(),
            ("img/hero.480w.jpg".into(), (480, 270), (1600, 900))
        );
        assert_eq!(
            r("img/hero.jpg", None, Some(90), None).unwrap().0,
            "img/hero.90h.jpg"
        );
        assert_eq!(
            r("img/hero.jpg", Some(300), Some(300), None).unwrap(),
            ("img/hero.300x300.jpg".into(), (300, 300), (1600, 900))
        );
        assert_eq!(
            r("img/hero.jpg", Some(400), Some(400), Some("fit")).unwrap(),
            ("img/hero.400w.jpg".into(), (400, 225), (1600, 900))
        );
        assert_eq!(
            r("guides/pay/chart.png", Some(400), None, None).unwrap().0,
            "guides/pay/chart.400w.png"
        );
        // Never larger than the original: the original itself.
        assert_eq!(
            r("guides/pay/chart.png", Some(1200), None, None).unwrap(),
            ("guides/pay/chart.png".into(), (800, 400), (800, 400))
        );
    }

    #[test]
    fn mistakes_are_explained() {
        let s = sizes();
        let r = |p, w, h, op| resized(&s, p, w, h, op).unwrap_err();
        assert!(r("img/nope.jpg", Some(10), None, None).contains("no image of that path"));
        assert!(r("logo.svg", Some(10), None, None).contains("only PNG and JPEG"));
        assert!(r("img/hero.jpg", None, None, None).contains("give a width"));
        assert!(r("img/hero.jpg", Some(10), None, Some("fill")).contains("need both"));
        assert!(r("img/hero.jpg", Some(10), None, Some("zoom")).contains("unknown op"));
        assert!(r("img/hero.jpg", Some(0), None, None).contains("not a size"));
    }
}
