//! The `careersite` binary: parses arguments, calls the library, prints diagnostics, and
//! exits 0 (success), 1 (the site has errors) or 2 (bad command-line use, from clap).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use careersite::cli::{Cli, Command, NewCommand, ThemeCommand};
use careersite::pipeline::{self, BuildOptions, EmptySite};
use careersite::progress::{self, TerminalProgress};
use careersite::{SiteError, scaffold};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.config.is_some()
        && !matches!(
            cli.command,
            Command::Build(_) | Command::Check(_) | Command::Serve(_)
        )
    {
        careersite::tell!(
            "error: --config is read by build, check and serve only\n  hint: leave it out; `new` and `theme` work on the site's own folders"
        );
        return ExitCode::from(2);
    }
    match run(cli.root, cli.config, cli.command) {
        Ok(code) => code,
        Err(e) => {
            careersite::tell!("{e}");
            ExitCode::from(1)
        }
    }
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn run(root: PathBuf, config: Option<PathBuf>, command: Command) -> Result<ExitCode, SiteError> {
    match command {
        Command::Build(args) => {
            let opts = BuildOptions {
                root,
                output: args.output,
                base_url: args.base_url,
                drafts: args.drafts,
                publish: careersite::cli::window(args.future, args.expired),
                config,
                minify: args.minify,
            };
            if args.watch {
                let root = opts.root.clone();
                let mut first = true;
                careersite::watch::run(
                    opts,
                    |_, outcome| {
                        careersite::watch::print_outcome(outcome);
                        if std::mem::take(&mut first) {
                            careersite::say!(
                                "watching {} for changes; each save rebuilds the site (Ctrl+C to stop)",
                                root.display()
                            );
                        }
                    },
                    || false,
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            let empty = if args.allow_empty {
                EmptySite::Allow
            } else {
                EmptySite::Refuse
            };
            let report = if args.quiet {
                pipeline::build_with(&opts, &pipeline::Silent, empty)
            } else {
                let progress = TerminalProgress::start(progress::delay_from_env());
                let report = pipeline::build_with(&opts, &progress, empty);
                // Cleared before any error or the summary is printed.
                drop(progress);
                report
            }?;
            let warnings = report.warnings.iter().filter(|w| w.is_problem()).count();
            if warnings > 0 && !args.quiet {
                careersite::tell!(
                    "{}; run `careersite check` to see {}",
                    careersite::text::count(warnings, "warning"),
                    if warnings == 1 { "it" } else { "them" }
                );
            }
            careersite::say!("{}", report.summary("built"));
            if let Some(line) = &report.left_out {
                careersite::say!("  {line}");
            }
            if !args.quiet {
                careersite::say!("  {}", report.timing_line());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let opts = BuildOptions {
                root,
                output: None,
                base_url: None,
                drafts: args.drafts,
                publish: careersite::cli::window(args.future, args.expired),
                config,
                minify: false,
            };
            let (report, outbound) = if args.external {
                let checked = pipeline::check_with_outbound(&opts)?;
                (checked.report, Some((checked.outbound, checked.config)))
            } else {
                (pipeline::check(&opts)?, None)
            };
            for line in careersite::error::summarised(&report.warnings) {
                careersite::tell!("{line}");
            }
            careersite::say!("{}", report.summary("checked"));
            if let Some(line) = &report.left_out {
                careersite::say!("  {line}");
            }
            let mut warnings = report.warnings.iter().filter(|w| w.is_problem()).count();
            if let Some((links, config)) = outbound {
                let broken;
                (broken, warnings) = check_external(&opts.root, &config, &links, warnings);
                if broken > 0 {
                    careersite::tell!(
                        "check failed: {}",
                        careersite::text::count(broken, "broken external link")
                    );
                    return Ok(ExitCode::from(1));
                }
            }
            if args.strict && warnings > 0 {
                careersite::tell!(
                    "check failed: {} with --strict",
                    careersite::text::count(warnings, "warning")
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            careersite::serve::serve(careersite::serve::ServeOptions {
                root,
                interface: args.interface,
                port: args.port,
                open: args.open,
                drafts: args.drafts,
                publish: careersite::cli::window(args.future, args.expired),
                base_url: args.base_url,
                config,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init(args) => {
            scaffold::init(&args.dir, today())?;
            careersite::say!("created a site in {}", args.dir.display());
            careersite::say!("next: careersite build --root {}", args.dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New(NewCommand::Role(args)) => {
            let path =
                scaffold::new_profile(&root, scaffold::ProfileKind::Role, &args.title, today())?;
            careersite::say!("created {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New(NewCommand::Skill(args)) => {
            let path =
                scaffold::new_profile(&root, scaffold::ProfileKind::Skill, &args.title, today())?;
            careersite::say!("created {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New(NewCommand::Page(args)) => {
            let path = scaffold::new_page(&root, &args.title, today())?;
            careersite::say!("created {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Theme(ThemeCommand::Eject(args)) => {
            let written = scaffold::eject(&root, &args.names, args.force)?;
            careersite::say!(
                "copied {} into {}",
                careersite::text::count(written.len(), "template"),
                root.join("templates").display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::New(NewCommand::Guide(args)) => {
            let path = scaffold::new_guide(&root, &args.title, &args.roles, &args.skills, today())?;
            careersite::say!("created {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `check --external` after the site passed: prints every broken or unanswered link (all
/// of them: each names a different URL to fix) and the summary line. Returns the number
/// of broken links and the warnings so far plus its own.
fn check_external(
    root: &std::path::Path,
    config: &careersite::config::Config,
    links: &[careersite::verify::Outbound],
    warnings: usize,
) -> (usize, usize) {
    use careersite::text::count;
    let external = careersite::external::check_links(root, config, links, &|urls, hosts| {
        if urls > 0 {
            careersite::tell!(
                "asking {} about {}…",
                count(hosts, "host"),
                count(urls, "external link")
            );
        }
    });
    for d in &external.diagnostics {
        careersite::tell!("{d}");
    }
    careersite::say!("{}", external.summary.line());
    let summary = &external.summary;
    (summary.broken, warnings + summary.warnings)
}
