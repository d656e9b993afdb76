//! The integration tests, as one test binary: each module runs the real `careersite` binary
//! (or the library's watch session) on fixture sites from `tests/fixtures/`. One binary
//! instead of one per file saves linking the whole program fifty times over in CI.

mod common;

mod authoring;
mod browser;
mod build;
mod bundles;
mod career;
mod catalogue;
mod chaos;
mod cli;
mod data_files;
mod data_safety;
mod datasets;
mod deploy;
mod error_format;
mod errors;
mod external_links;
mod fuzz_replay;
mod hardening;
mod hardening2;
mod highlight;
mod i18n;
mod image_variants;
mod images;
mod languages;
mod layout;
mod load;
mod pagination;
mod progress;
mod properties;
mod publish;
mod raw_html;
mod raw_html_fuzz;
mod redirects;
mod salary_pages;
mod serve;
mod serve_limits;
mod shortcodes;
mod static_shadow;
mod stylesheets;
mod subpath;
mod tags_at_scale;
mod taxonomies;
mod template_budget;
mod watch_invariant;
mod watch_reads;
mod watch_roots;
mod which_role;
