//! Command-line arguments (clap derive): one struct per command, as SPEC.md lists them.
//!
//! Flags follow Zola's and Hugo's where writers' fingers already go: `--root` (`-r`) before
//! or after the command, `-c`/`--config FILE`, `-o`/`--output-dir` beside `--output`, `-p`,
//! `-i`, `build --minify`, and `serve --drafts` / `--base-url`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "careersite",
    version,
    about = "A static site generator for career-guide websites"
)]
pub struct Cli {
    /// The site's folder (before or after the command)
    #[arg(long, short = 'r', global = true, default_value = ".")]
    pub root: PathBuf,
    /// The settings file to use instead of the site's site.toml (build, check and serve)
    #[arg(long, short = 'c', global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output folder
    Build(BuildArgs),
    /// Validate the site and report warnings, writing nothing
    Check(CheckArgs),
    /// Build, watch and serve the site on loopback with live reload
    Serve(ServeArgs),
    /// Create a new site that builds at once
    Init(InitArgs),
    /// Create new content
    #[command(subcommand)]
    New(NewCommand),
    /// Work with the theme
    #[command(subcommand)]
    Theme(ThemeCommand),
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy the default theme's templates (all, or the ones named) into templates/
    Eject(EjectArgs),
}

#[derive(Debug, Args)]
pub struct EjectArgs {
    /// Template names (`guide.html`, `partials/guide-card.html`); none copies them all
    pub names: Vec<String>,
    /// Replace templates the site already has
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site (default: `output_dir` from site.toml)
    #[arg(long, short = 'o', visible_alias = "output-dir")]
    pub output: Option<PathBuf>,
    /// Override `base_url` (for preview deploys)
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include guides and pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Include guides and pages whose `publish_date` is still to come
    #[arg(long)]
    pub future: bool,
    /// Include guides and pages whose `expiry_date` has passed
    #[arg(long)]
    pub expired: bool,
    /// Keep rebuilding when files change
    #[arg(long)]
    pub watch: bool,
    /// Print only errors and the summary line
    #[arg(long, short)]
    pub quiet: bool,
    /// Replace an output holding guides even when the site now has none
    #[arg(long)]
    pub allow_empty: bool,
    /// Remove comments and extra whitespace from HTML, CSS and JavaScript, as `minify = true`
    #[arg(long)]
    pub minify: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub strict: bool,
    /// Check drafts too
    #[arg(long)]
    pub drafts: bool,
    /// Include guides and pages whose `publish_date` is still to come
    #[arg(long)]
    pub future: bool,
    /// Include guides and pages whose `expiry_date` has passed
    #[arg(long)]
    pub expired: bool,
    /// Also ask the servers the site links to whether its outbound links work
    #[arg(long)]
    pub external: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; anything but loopback exposes the preview to the network
    #[arg(long, short = 'i', default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,
    /// The port (the next free one is used when it is taken; 0 lets the system choose)
    #[arg(long, short = 'p', default_value_t = 1111)]
    pub port: u16,
    /// Include guides and pages marked `draft: true` (left out by default, as in a build)
    #[arg(long)]
    pub drafts: bool,
    /// Include guides and pages whose `publish_date` is still to come
    #[arg(long)]
    pub future: bool,
    /// Include guides and pages whose `expiry_date` has passed
    #[arg(long)]
    pub expired: bool,
    /// The base URL pages link to (default: the server's own address)
    #[arg(long, short = 'u')]
    pub base_url: Option<String>,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
}

/// The publish window the `--future` and `--expired` flags ask for.
pub fn window(future: bool, expired: bool) -> crate::publish::Window {
    crate::publish::Window { future, expired }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in (must be new or empty)
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Create content/guides/<slug>.md with front matter filled in, as a draft
    Guide(NewGuideArgs),
    /// Create content/roles/<slug>.md, a role profile
    Role(NewProfileArgs),
    /// Create content/skills/<slug>.md, a skill profile
    Skill(NewProfileArgs),
    /// Create content/<slug>.md, a standalone page
    Page(NewProfileArgs),
}

#[derive(Debug, Args)]
pub struct NewProfileArgs {
    /// The profile's title
    pub title: String,
}

#[derive(Debug, Args)]
pub struct NewGuideArgs {
    /// The guide's title
    pub title: String,
    /// Role tags, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub roles: Vec<String>,
    /// Skill tags, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub skills: Vec<String>,
}
