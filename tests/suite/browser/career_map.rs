//! The career map in Chromium: a role's paths light up while a reader points at it, the
//! phone layout needs no sideways scrolling, and the drawing keeps few crossings.

use super::chromium_or_skip;
use super::theme::{Sample, WIDTHS};

/// Edges whose computed opacity is at least one half (lit) and below it (dimmed), each
/// with its classes, once the transitions have settled.
const EDGE_OPACITY: &str = r#"[...document.querySelectorAll('.career-map-svg .cmap-edge')].map(e => (parseFloat(getComputedStyle(e).opacity) >= 0.5 ? 'lit ' : 'dim ') + e.getAttribute('class')).join('\n')"#;

#[test]
fn pointing_at_a_role_lights_its_paths_and_phones_get_the_list() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    let mut s = Sample::start(&exe);
    s.view(1280, "light");
    s.open("/career-map/");
    let at_rest = s.text(EDGE_OPACITY);
    assert!(
        !at_rest.contains("dim "),
        "edges dimmed at rest:\n{at_rest}"
    );
    // The centre of the Data Analyst box, in page coordinates.
    let analyst = r#"document.querySelector('.career-map-svg a[href="/roles/data-analyst/"]')"#;
    let point = s.eval(&format!(
        "(() => {{ const a = {analyst}; a.scrollIntoView({{block: 'center', behavior: 'instant'}}); const r = a.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2, [...a.classList].find(c => /^cmap-n\\d+$/.test(c))]; }})()"
    ));
    let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
    let own = point[2]
        .as_str()
        .expect("the node names its index")
        .replace("cmap-n", "cmap-p");
    s.cdp
        .call(
            "Input.dispatchMouseEvent",
            serde_json::json!({ "type": "mouseMoved", "x": x, "y": y }),
        )
        .unwrap();
    let context = s.context();
    s.cdp.wait_true(
        "edges off the path to dim",
        "[...document.querySelectorAll('.career-map-svg .cmap-edge')].some(e => parseFloat(getComputedStyle(e).opacity) < 0.2)",
        &|| context.clone(),
    );
    std::thread::sleep(std::time::Duration::from_millis(400));
    let lit = s.text(EDGE_OPACITY);
    let on_path = |line: &str| line.split(' ').any(|c| c == own);
    let (lit_edges, dim_edges): (Vec<&str>, Vec<&str>) =
        lit.lines().partition(|l| l.starts_with("lit "));
    assert!(!lit_edges.is_empty() && !dim_edges.is_empty(), "{lit}");
    assert!(
        lit_edges.iter().all(|l| on_path(l)),
        "lit off the path:\n{lit}"
    );
    assert!(
        dim_edges.iter().all(|l| !on_path(l)),
        "dimmed on the path:\n{lit}"
    );
    // Its paths lead on to the data scientist, so that box stays fully visible.
    let scientist = s.text(
        r#"getComputedStyle(document.querySelector('.career-map-svg a[href="/roles/data-scientist/"]')).opacity"#,
    );
    assert_eq!(scientist, "1");

    for width in WIDTHS {
        s.view(width, "dark");
        s.open("/career-map/");
        let at = format!("at {width}px");
        let scroll: u32 = s
            .text("String(document.documentElement.scrollWidth)")
            .parse()
            .unwrap();
        assert!(
            scroll <= width,
            "{at}: the career map page scrolls sideways ({scroll}px)"
        );
        if width < 600 {
            let sideways = s.text(
                "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().height > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').map(e => e.className).join(', ')",
            );
            assert_eq!(sideways, "", "{at}: boxes that scroll sideways");
        }
        // Every role on the map is a visible link in the list, with where it leads.
        let listed = s.text(
            "[...document.querySelectorAll('.career-map-list > li > a')].filter(a => a.getBoundingClientRect().height > 0).length",
        );
        let drawn = s.text("document.querySelectorAll('.career-map-svg a.cmap-node').length");
        assert_eq!(
            listed, drawn,
            "{at}: the list does not name every role on the map"
        );
        let analyst_line = s.text(
            r#"[...document.querySelectorAll('.career-map-list > li')].find(li => li.querySelector('a').getAttribute('href') === '/roles/data-engineer/').innerText"#,
        );
        assert!(
            analyst_line.contains("Can lead to") && analyst_line.contains("Often comes from"),
            "{at}: {analyst_line}"
        );
    }
}

/// The sample site's career map, as built: every pair of drawn edges that cross (each edge
/// flattened from its Bézier curve), never more than the layout achieved when recorded.
#[test]
fn the_sample_career_map_has_few_crossings() {
    const RECORDED_MAX: usize = 27;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_careersite"))
        .args([
            "build",
            "--quiet",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let html = std::fs::read_to_string(out.join("career-map/index.html")).unwrap();
    let svg = &html[html.find("class=\"career-map-svg").expect("the map")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    let edges: Vec<Vec<(f64, f64)>> = svg
        .split("<path class=\"cmap-edge")
        .skip(1)
        .filter_map(|p| p.split(" d=\"").nth(1)?.split('"').next())
        .map(flatten)
        .collect();
    assert!(edges.len() > 20, "the sample map's edges: {}", edges.len());
    let mut crossings = 0;
    for (i, a) in edges.iter().enumerate() {
        for b in &edges[i + 1..] {
            // Edges that leave or reach the same role meet there, not cross.
            if a[0] == b[0] || a.last() == b.last() {
                continue;
            }
            for s in a.windows(2) {
                crossings += b.windows(2).filter(|t| cross(s, t)).count();
            }
        }
    }
    println!("career map: {} edges, {crossings} crossings", edges.len());
    assert!(
        crossings <= RECORDED_MAX,
        "{crossings} crossings on the sample career map, more than the {RECORDED_MAX} recorded"
    );
}

/// An SVG path of `M`, `L` and `C` commands as points, 16 to a curve.
fn flatten(d: &str) -> Vec<(f64, f64)> {
    let mut tokens = d
        .split(|c: char| c == ' ' || c == ',' || c.is_ascii_alphabetic())
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<f64>().unwrap());
    let commands: Vec<char> = d.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let mut next = || (tokens.next().unwrap(), tokens.next().unwrap());
    let mut points = Vec::new();
    for c in commands {
        match c {
            'C' => {
                let p0 = *points.last().unwrap();
                let (p1, p2, p3) = (next(), next(), next());
                for k in 1..=16 {
                    let u = k as f64 / 16.0;
                    let w = [
                        (1.0 - u).powi(3),
                        3.0 * (1.0 - u).powi(2) * u,
                        3.0 * (1.0 - u) * u * u,
                        u.powi(3),
                    ];
                    let at = |f: fn(&(f64, f64)) -> f64| {
                        w[0] * f(&p0) + w[1] * f(&p1) + w[2] * f(&p2) + w[3] * f(&p3)
                    };
                    points.push((at(|p| p.0), at(|p| p.1)));
                }
            }
            _ => points.push(next()),
        }
    }
    points
}

/// Whether two segments cross at a point inside both.
fn cross(s: &[(f64, f64)], t: &[(f64, f64)]) -> bool {
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    side(t[0], t[1], s[0]) * side(t[0], t[1], s[1]) < 0.0
        && side(s[0], s[1], t[0]) * side(s[0], s[1], t[1]) < 0.0
}
