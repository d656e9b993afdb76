#![no_main]

use careersite::config::RawHtml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Under `sanitize`, nothing the writer typed may run in a reader's browser.
    if let Some((RawHtml::Sanitize, html)) = careersite::fuzzing::markdown(data) {
        let doc = scraper::Html::parse_fragment(&html);
        for el in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            let v = el.value();
            assert!(v.name() != "script", "script element in {html:?}");
            for (name, value) in v.attrs() {
                assert!(!name.starts_with("on"), "event handler {name} in {html:?}");
                if matches!(name, "href" | "src" | "action" | "formaction") {
                    assert!(
                        !careersite::markdown::is_dangerous_url(value),
                        "dangerous URL {value:?} in {html:?}"
                    );
                }
            }
        }
    }
});
