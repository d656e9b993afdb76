//! What the preview server adds to HTML responses (never to files on disk): the live-reload
//! script and, while the last rebuild failed, the error overlay.

/// The event stream's path; outside any path a site can have (sites cannot start a path
/// with `__careersite`, which is reserved here).
pub const EVENTS_PATH: &str = "/__careersite/events";

/// Served while no build has succeeded: the output has no pages yet. The error overlay
/// covers it with the reason.
pub const NOT_BUILT_PAGE: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>The site is not built yet</title></head>\n<body><h1>The site is not built yet</h1>\
<p>The first build failed. Fix the error and save: this page reloads.</p></body></html>\n";

/// Served for an unknown path when the theme has no `404.html`.
pub const NOT_FOUND_PAGE: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Page not found</title></head>\n<body><h1>Page not found</h1>\
<p>There is no page at this address.</p></body></html>\n";

const SCRIPT: &str = r#"(function () {
  var id = "careersite-error-overlay";
  function show(text) {
    var o = document.getElementById(id);
    if (!o) {
      o = document.createElement("div");
      o.id = id;
      o.setAttribute("role", "alert");
      o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
      document.body.appendChild(o);
    }
    o.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "careersite: the last rebuild failed";
    h.style.cssText = "font:bold 18px system-ui,sans-serif;color:#ff8a80;margin:0 0 1rem";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.cssText = "white-space:pre-wrap;margin:0";
    var p = document.createElement("p");
    p.textContent = "The page shows the last good build. Fix the file and save: this page reloads.";
    p.style.cssText = "font-family:system-ui,sans-serif;color:#ccc";
    o.appendChild(h); o.appendChild(pre); o.appendChild(p);
  }
  if (window.__careersiteError) show(window.__careersiteError);
  var es = new EventSource("/__careersite/events");
  es.onmessage = function (e) {
    var m = JSON.parse(e.data);
    if (m.type === "error") show(m.text);
    else if (m.type === "css" && !document.getElementById(id)) {
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
        var u = new URL(l.href); u.searchParams.set("reload", Date.now()); l.href = u.toString();
      });
    } else if (m.type === "reload" || m.type === "css") location.reload();
  };
})();"#;

/// Adds the script (and the error, when there is one) before `</body>`, or at the end.
pub fn inject(html: &str, error: Option<&str>) -> String {
    let mut tag = String::with_capacity(SCRIPT.len() + 64);
    if let Some(err) = error {
        tag.push_str("<script>window.__careersiteError=");
        tag.push_str(&script_json(err));
        tag.push_str(";</script>");
    }
    tag.push_str("<script>");
    tag.push_str(SCRIPT);
    tag.push_str("</script>");
    let at = html
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(&tag);
    out.push_str(&html[at..]);
    out
}

/// A JSON string that is safe inside a `<script>` element: no `<` can close it.
pub fn script_json(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end() {
        let out = inject("<html><body><p>x</p></body></html>", None);
        assert!(out.contains("EventSource"));
        assert!(out.ends_with("</script></body></html>"));
    }

    #[test]
    fn placeholder_pages_carry_the_error_and_live_reload() {
        for page in [NOT_BUILT_PAGE, NOT_FOUND_PAGE] {
            let out = inject(page, Some("error: a.md:4:1: unknown key `rolse`"));
            assert!(out.contains("window.__careersiteError="), "{out}");
            assert!(out.contains("EventSource"), "{out}");
            assert!(out.ends_with("</script></body></html>\n"), "{out}");
        }
    }

    #[test]
    fn error_text_cannot_close_the_script() {
        let out = inject(
            "<body></body>",
            Some("bad </script><script>alert(1)</script>"),
        );
        assert_eq!(out.matches("</script>").count(), 2);
        assert!(out.contains("window.__careersiteError="));
    }
}
