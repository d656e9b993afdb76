//! Reading, parsing and linking the whole site, and loading its theme: everything a build
//! knows before it renders.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::{BuildOptions, Loaded, Progress, Silent, Stage, Timings, ms};
use crate::config::Config;
use crate::error::{Diagnostic, SiteError};
use crate::link::bodies::BodyCache;
use crate::link::{self, Linked, Reuse};
use crate::model::Site;
use crate::parse::{self, Doc};
use crate::render::{self, theme::Theme};
use crate::scratch::Scratch;
use crate::source::{self, SourceFile, StaticFile, TemplateFile};

/// Reads, parses and links the whole site and loads its theme.
pub fn load(opts: &BuildOptions) -> Result<Loaded, SiteError> {
    load_with_progress(opts, &Silent)
}

/// The site's settings as the command line asks for them: the settings file `--config`
/// names (else site.toml), with `--base-url`, `--minify` and the publish window applied.
pub fn settings(opts: &BuildOptions) -> Result<Config, Vec<Diagnostic>> {
    let file = source::config_file(&opts.root, opts.config.as_deref()).map_err(|d| vec![d])?;
    let text = source::read_config(&file).map_err(|d| vec![d])?;
    let mut config = Config::parse_file(&text, &file.shown, opts.base_url.as_deref())?;
    config.publish = opts.publish;
    config.minify |= opts.minify;
    Ok(config)
}

/// [`load`], reporting each stage to `progress`.
pub fn load_with_progress(
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Loaded, SiteError> {
    load_kept(opts, progress, None)
}

/// [`load_with_progress`], keeping the rendered bodies in `scratch` when there is one.
pub(super) fn load_kept(
    opts: &BuildOptions,
    progress: &dyn Progress,
    scratch: Option<Arc<Scratch>>,
) -> Result<Loaded, SiteError> {
    let start = Instant::now();
    progress.stage(Stage::Read, 0);
    let root = &opts.root;
    let config = settings(opts).map_err(SiteError::Invalid)?;
    // A full OEWS dataset is tens of thousands of rows: it is read beside the content.
    let (((datasets, mut errors), (data, data_errors)), read) = rayon::join(
        || {
            let datasets = match load_datasets(root, &config) {
                Ok(index) => (index, Vec::new()),
                Err(e) => (Arc::default(), e),
            };
            (datasets, crate::data_files::read(root, &config))
        },
        || {
            // Each file is parsed as soon as it is read, and its Markdown kept aside.
            let content = source::read_content_with(root, |file| {
                let mut parsed = parse_one(&file)?;
                if let (Ok(doc), Some(scratch)) = (&mut parsed, &scratch) {
                    doc.keep_body(scratch);
                }
                Some(parsed)
            });
            let theme = source::read_theme(root, &config.file, &config.theme);
            (content, theme, source::read_assets(root))
        },
    );
    let ((files, content_errors), (templates, mut statics, theme_errors), (assets, asset_errors)) =
        read;
    errors.extend(data_errors);
    errors.extend(content_errors);
    errors.extend(theme_errors);
    errors.extend(asset_errors);
    let images = Arc::new(source::image_sizes(&statics, &assets));
    let mut timings = Timings {
        load: ms(start),
        ..Default::default()
    };

    let t = Instant::now();
    progress.stage(Stage::Parse, 0);
    let mut docs = Vec::with_capacity(files.len());
    for parsed in files.into_iter().flatten() {
        match parsed {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.extend(e),
        }
    }
    timings.parse = ms(t);
    if !errors.is_empty() {
        // Keys no guide or taxonomy has are found when linking; report them with the
        // other front matter mistakes rather than after those are fixed.
        errors.extend(crate::link::unknown_guide_keys(&config, &docs));
    }
    SiteError::from_diagnostics(errors)?;

    let t = Instant::now();
    progress.stage(Stage::Link, 0);
    let doc_refs: Vec<&Doc> = docs.iter().collect();
    let (linked, theme, _) = link_and_theme(
        config,
        (datasets, data),
        &doc_refs,
        opts.drafts,
        Reuse {
            images: Some(&images),
            scratch: scratch.as_ref(),
            ..Reuse::default()
        },
        &templates,
        &statics,
    )
    .map_err(SiteError::Invalid)?;
    drop(doc_refs);
    drop(docs);
    crate::trace::mark("link+theme");
    let mut warnings = crate::link::site_warnings(&linked);
    warnings.extend(link::languages::translation_reports(&linked.site));
    crate::trace::mark("hygiene");
    warnings.extend(linked.warnings);
    // Files beside the Markdown are copied like static files, once their pages' URLs are
    // known; the theme never sees them, so they do not feed its asset hashes.
    statics.extend(link::relative::published_assets(&linked.site, &assets));
    let (stylesheets, unread) = source::read_stylesheets(&opts.root, &statics);
    SiteError::from_diagnostics(unread)?;
    warnings.extend(shadowed_statics(&linked.site, &statics, &opts.root));
    let named: std::collections::HashSet<&str> = (linked.site.guides.iter())
        .filter_map(|g| g.template.as_deref())
        .chain(
            linked
                .site
                .pages
                .iter()
                .filter_map(|p| p.template.as_deref()),
        )
        .collect();
    warnings.extend(render::theme::unmatched(&templates, &named));
    timings.link = ms(t);
    timings.total = ms(start);
    Ok(Loaded {
        site: linked.site,
        theme,
        statics,
        stylesheets,
        warnings,
        timings,
        scratch,
    })
}

/// Parses every Markdown file in parallel, keyed by its path relative to `content/`.
pub fn parse_all(files: &[SourceFile]) -> Vec<(PathBuf, Result<Doc, Vec<Diagnostic>>)> {
    files
        .par_iter()
        .filter_map(|f| Some((f.rel.clone(), parse_one(f)?)))
        .collect()
}

/// Parses one content file; none for a file that is no kind of content.
fn parse_one(f: &SourceFile) -> Option<Result<Doc, Vec<Diagnostic>>> {
    let kind = parse::kind_of(&f.rel)?;
    Some(parse::parse_doc(kind, &f.rel, &f.file, &f.text))
}

/// Links parsed files into the model and loads the theme with the model's site-wide values.
/// `data` is the datasets site.toml names and the site's data files.
pub fn link_and_theme(
    config: Config,
    data: (
        Arc<crate::datasets::Index>,
        Arc<crate::data_files::DataFiles>,
    ),
    docs: &[&Doc],
    drafts: bool,
    reuse: Reuse<'_>,
    templates: &[TemplateFile],
    statics: &[StaticFile],
) -> Result<(Linked, Theme, BodyCache), Vec<Diagnostic>> {
    let (datasets, data_files) = data;
    let by_language = link::languages::split(&config, docs)?;
    // Each language's shortcodes show its own role cards: its profiles, its URLs.
    let shortcodes_of = |config: &Config, docs: &[&Doc]| {
        let roles = render::theme::role_cards(config, docs, &datasets);
        crate::shortcode::Shortcodes::load(templates, data_files.clone(), Arc::new(roles))
            .map(Arc::new)
            .map_err(|e| render::theme::Theme::template_errors(&e, templates))
    };
    let images = reuse.images.cloned().unwrap_or_default();
    let shortcodes = shortcodes_of(&config, &by_language.default)?;
    let reuse = Reuse {
        shortcodes: Some(&shortcodes),
        ..reuse
    };
    let (mut linked, cache) = link::link(config, &by_language.default, drafts, reuse)?;
    let (errors, warnings) = link::occupations::apply(&mut linked.site, datasets.clone());
    if !errors.is_empty() {
        return Err(errors);
    }
    linked.warnings.extend(warnings);
    let (translations, warnings) = link::languages::link_translations(
        &linked,
        &by_language,
        drafts,
        &shortcodes_of,
        &datasets,
    )?;
    linked.site.translations = translations;
    linked.warnings.extend(warnings);
    linked
        .warnings
        .extend(crate::verify::links_to_left_out(&linked.site));
    let site = &linked.site;
    let made = render::jobs(site)
        .into_iter()
        .filter(|j| !matches!(j, render::Job::Redirect(..)))
        .map(|j| (j.output_path(site), super::write::job_source(site, &j)))
        .collect::<Vec<_>>();
    let collisions = crate::redirects::collisions(&crate::redirects::all(site), made.into_iter());
    if !collisions.is_empty() {
        return Err(collisions);
    }
    let site_value = tera::Value::from_serializable(&render::views::SiteView::new(&linked.site));
    let theme = Theme::load(
        &linked.site.config,
        templates,
        (statics, &images),
        site_value,
        data_files,
    )?;
    linked.warnings.extend(theme.warnings.iter().cloned());
    Ok((linked, theme, cache))
}

/// Reads and checks the datasets site.toml names, into one index.
pub fn load_datasets(
    root: &Path,
    config: &Config,
) -> Result<Arc<crate::datasets::Index>, Vec<Diagnostic>> {
    let (texts, mut errors) = source::read_datasets(root, &config.file, &config.datasets);
    match crate::datasets::load(&config.datasets, texts) {
        Ok(index) if errors.is_empty() => Ok(Arc::new(index)),
        Ok(_) => Err(errors),
        Err(e) => {
            errors.extend(e);
            Err(errors)
        }
    }
}

/// Static files at a path careersite also makes a page at (`static/index.html`,
/// `static/sitemap.xml`): the made page wins, so the writer hears that their file is not
/// published.
fn shadowed_statics(site: &Site, statics: &[StaticFile], root: &Path) -> Vec<Diagnostic> {
    let made: std::collections::HashSet<String> = render::jobs(site)
        .iter()
        .map(|j| j.output_path(site))
        .collect();
    statics
        .iter()
        .filter(|f| made.contains(&f.rel) || render::search::is_index_path(&f.rel))
        .map(|f| {
            let file = match &f.bytes {
                crate::source::StaticBytes::Disk(p) => {
                    p.strip_prefix(root).unwrap_or(p).to_path_buf()
                }
                crate::source::StaticBytes::Embedded(_) => PathBuf::from(&f.rel),
            };
            Diagnostic::warning(
                file,
                format!(
                    "careersite makes `{}` itself, so this static file is not published",
                    f.rel
                ),
            )
            .hint("rename or move the file, or delete it if the made page is what you want")
        })
        .collect()
}
