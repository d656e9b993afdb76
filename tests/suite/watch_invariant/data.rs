//! Data files for the invariant test: one per format under `data/`, read by a site
//! shortcode through `load_data` (which guide bodies call) and by a site template through
//! the `data` variable; the `data file` edit rewrites one of them.

use super::edits::{Ctx, Edit};

/// The data files, by format: `data/inv_<ext>.<ext>`.
const FORMATS: [&str; 4] = ["csv", "json", "yaml", "toml"];

fn text(format: &str, step: usize) -> String {
    match format {
        "csv" => format!("step,name\n{step},row at step {step}\n"),
        "json" => format!("{{\"step\": {step}}}\n"),
        "yaml" => format!("step: {step}\n"),
        _ => format!("step = {step}\n"),
    }
}

/// The shortcode guide bodies call to read one data file.
pub const SHORTCODE: &str = "{% if fmt == \"csv\" %}{% for r in load_data(path=\"data/inv_csv.csv\") %}<span class=\"inv-data\">{{ r.step }}</span>{% endfor %}\
{% else %}{% set d = load_data(path=\"data/inv_\" ~ fmt ~ \".\" ~ fmt) %}<span class=\"inv-data\">{{ d.step }}</span>{% endif %}";

/// Writes the data files and the shortcode that reads them.
pub fn setup(site: &std::path::Path) {
    for format in FORMATS {
        std::fs::write(
            site.join(format!("data/inv_{format}.{format}")),
            text(format, 0),
        )
        .unwrap();
    }
    let shortcode = site.join("templates/shortcodes/inv_data.html");
    std::fs::create_dir_all(shortcode.parent().unwrap()).unwrap();
    std::fs::write(shortcode, SHORTCODE).unwrap();
}

/// A call of the shortcode, for a guide body edit.
pub fn call(c: &mut Ctx) -> String {
    let format = c.pick(&FORMATS);
    format!("\nData: {{{{ inv_data(fmt=\"{format}\") }}}}\n")
}

/// Rewrites one data file with the step's values.
pub fn data_file(c: &mut Ctx) -> Option<Edit> {
    let format = c.pick(&FORMATS);
    let step = c.step;
    let path = c.site.join(format!("data/inv_{format}.{format}"));
    Some(c.write(
        &path,
        &text(&format, step),
        format!("data/inv_{format}.{format} at step {step}"),
    ))
}
