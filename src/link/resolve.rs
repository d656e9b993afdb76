//! What a Markdown body's links resolve against: each taxonomy's registry of profiles
//! and aliases, every content file's URL, the auto-linker's names, and the resolver.

use super::*;

pub(super) type ProfileRef<'a> = (&'a String, &'a Vec<(String, usize)>, &'a std::path::PathBuf);

pub(super) fn registry<'a>(
    profiles: impl Iterator<Item = ProfileRef<'a>>,
    kind: &str,
    warnings: &mut Vec<Diagnostic>,
) -> TagRegistry {
    let profiles: Vec<_> = profiles.collect();
    let mut reg = TagRegistry::default();
    for (slug, _, _) in &profiles {
        reg.profiles.insert((*slug).clone());
        reg.all.insert((*slug).clone());
    }
    for (slug, aliases, file) in &profiles {
        for (alias, line) in aliases.iter() {
            let line = *line;
            if reg.profiles.contains(alias) {
                if alias != *slug {
                    warnings.push(
                        Diagnostic::warning((*file).clone(), format!("alias `{alias}` is also the slug of another {kind} profile; the profile wins"))
                            .at_line(line)
                            .hint("remove the alias or merge the two profiles"),
                    );
                }
            } else if let Some(other) = reg.aliases.get(alias) {
                warnings.push(
                    Diagnostic::warning(
                        (*file).clone(),
                        format!("alias `{alias}` is already an alias of `{other}`"),
                    )
                    .at_line(line)
                    .hint("an alias can point to one profile only"),
                );
            } else {
                reg.aliases.insert(alias.clone(), (*slug).clone());
            }
        }
    }
    reg
}

/// URL path of every content file, by its path relative to `content/`; duplicates are errors.
pub(super) fn content_urls(
    lang_path: &str,
    guides: &[&Parsed<GuideFront>],
    roles: &[&Parsed<RoleFront>],
    skills: &[&Parsed<SkillFront>],
    pages: &[&Parsed<PageFront>],
    errors: &mut Vec<Diagnostic>,
) -> HashMap<String, String> {
    let mut urls = HashMap::new();
    let mut owners: HashMap<String, std::path::PathBuf> = HashMap::new();
    let mut claim = |url: String, file: &Path, line: usize, errors: &mut Vec<Diagnostic>| {
        if let Some(first) = owners.get(&url) {
            let hint = match crate::languages::suffix(file) {
                Some(lang) => format!(
                    "both are the `{lang}` version of the same page: keep one of them, or give one another `slug`"
                ),
                None => "give one of them another `slug` or file name".into(),
            };
            errors.push(
                Diagnostic::error(
                    file.to_path_buf(),
                    format!("`/{url}` is also the URL of {}", display_path(first)),
                )
                .at_line(line)
                .hint(hint),
            );
        } else {
            owners.insert(url, file.to_path_buf());
        }
    };
    for g in guides {
        let url = format!("{lang_path}guides/{}/", g.front.slug);
        let line = g.front_matter_line
            + crate::text::frontmatter::key_line(&g.front_matter, "slug").unwrap_or(1)
            - 1;
        claim(url.clone(), &g.file, line, errors);
        urls.insert(original_rel(&g.file), url);
    }
    for r in roles {
        urls.insert(content_rel(&r.file), format!("roles/{}/", r.front.slug));
    }
    for s in skills {
        urls.insert(content_rel(&s.file), format!("skills/{}/", s.front.slug));
    }
    for p in pages {
        let first = p.front.path.split('/').next().unwrap_or("");
        if RESERVED.contains(&first) || p.front.path.is_empty() {
            errors.push(
                Diagnostic::error(
                    p.file.clone(),
                    format!(
                        "page URL `/{}/` is taken by the site's own pages",
                        p.front.path
                    ),
                )
                .hint("move or rename the file, or set another `slug`"),
            );
            continue;
        }
        let url = format!("{lang_path}{}/", p.front.path);
        claim(url.clone(), &p.file, 1, errors);
        urls.insert(original_rel(&p.file), url);
    }
    urls
}

/// A file's path under `content/`, a translation's as its original's (`guides/a.de.md`
/// -> `guides/a.md`): within a language, links name the original and reach the
/// translation.
fn original_rel(file: &Path) -> String {
    content_rel(&crate::languages::original(file))
}

/// Every profile's title and aliases, roles before skills before declared taxonomies' term
/// profiles (given as their paths under `content/`), each sorted by slug or path, so that
/// when two fold to the same words the choice does not depend on the order files are read.
pub(super) fn autolinker(
    roles: &[&Parsed<RoleFront>],
    skills: &[&Parsed<SkillFront>],
    terms: &[(String, &Parsed<PageFront>)],
) -> Option<Autolinker> {
    fn sources<'a>(
        kind: TagKind,
        profiles: impl Iterator<Item = (&'a str, &'a str, &'a [(String, usize)])>,
    ) -> Vec<Source<'a>> {
        let mut profiles: Vec<_> = profiles.collect();
        profiles.sort_by_key(|(slug, _, _)| *slug);
        profiles
            .into_iter()
            .flat_map(|(slug, title, aliases)| {
                std::iter::once(Source {
                    kind,
                    slug,
                    text: title,
                    from_title: true,
                })
                .chain(aliases.iter().map(move |(alias, _)| Source {
                    kind,
                    slug,
                    text: alias,
                    from_title: false,
                }))
            })
            .collect()
    }
    let mut all = sources(
        TagKind::Role,
        roles.iter().map(|r| {
            (
                r.front.slug.as_str(),
                r.front.title.as_str(),
                r.front.aliases.as_slice(),
            )
        }),
    );
    all.extend(sources(
        TagKind::Skill,
        skills.iter().map(|s| {
            (
                s.front.slug.as_str(),
                s.front.title.as_str(),
                s.front.aliases.as_slice(),
            )
        }),
    ));
    all.extend(sources(
        TagKind::Profile,
        terms.iter().map(|(path, p)| {
            (
                path.as_str(),
                p.front.title.as_str(),
                p.front.aliases.as_slice(),
            )
        }),
    ));
    Autolinker::new(all)
}

pub struct Resolver<'a> {
    pub config: &'a Config,
    pub context: &'a LinkContext,
}

impl LinkResolver for Resolver<'_> {
    fn autolinker(&self) -> Option<&Autolinker> {
        self.context.autolink.as_deref()
    }

    fn shortcodes(&self) -> Option<&crate::shortcode::Shortcodes> {
        self.context.shortcodes.as_deref()
    }

    fn base_path(&self) -> &str {
        &self.config.base_path
    }

    fn image_size(&self, key: &str) -> Option<crate::images::Size> {
        self.context.images.get(key)
    }

    fn srcset(&self) -> crate::images::Srcset<'_> {
        crate::images::Srcset {
            widths: &self.config.images.widths,
            sizes: self.config.images.sizes.as_deref(),
        }
    }

    fn resolve(&self, target: &LinkTarget<'_>) -> Result<String, Unresolved> {
        match target {
            LinkTarget::Content(path) => {
                let path = path.trim_start_matches("./");
                if let Some(url) = self.context.content_urls.get(path) {
                    return Ok(self.config.url(url));
                }
                if !path.ends_with(".md") {
                    // A file beside the Markdown: it is checked once the output is made.
                    let urls = |md: &str| self.context.content_urls.get(md).cloned();
                    return Ok(self.config.url(&super::relative::asset_path(path, &urls)));
                }
                if self.context.drafts.contains(path) {
                    return Err((
                        format!("`@/{path}` links to a draft, which is not built"),
                        Some(
                            "build with --drafts, or remove the link until it is published".into(),
                        ),
                    ));
                }
                let hint = crate::error::did_you_mean(
                    path,
                    self.context.content_urls.keys().map(String::as_str),
                )
                .map(|s| format!("did you mean `@/{s}`?"))
                .unwrap_or_else(|| {
                    "paths are relative to content/, e.g. `@/guides/my-guide.md`".into()
                });
                Err((format!("`@/{path}` does not exist"), Some(hint)))
            }
            LinkTarget::Role(slug) => self.tag("role", TaxonomyId::Roles, slug),
            LinkTarget::Skill(slug) => self.tag("skill", TaxonomyId::Skills, slug),
        }
    }
}

impl Resolver<'_> {
    fn tag(&self, kind: &str, id: TaxonomyId, written: &str) -> Result<String, Unresolved> {
        let reg = &self.context.registries[id.index()];
        let dir = crossref::taxonomy_name(self.config, id);
        let slug = crate::slug::slugify(written);
        if reg.contains(&slug) {
            return Ok(self.config.url(&format!("{dir}/{}/", reg.canonical(&slug))));
        }
        let hint = match reg.suggest(&slug) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("add content/{dir}/{slug}.md or tag a guide with it"),
        };
        Err((format!("unknown {kind} `{written}`"), Some(hint)))
    }
}
