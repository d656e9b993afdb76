//! `serve`: builds the site into a temporary folder, watches it, and serves it on loopback
//! with live reload. The server only listens for "rebuilt" and "failed" from the watch
//! session; it never runs the pipeline itself.

pub mod files;
pub mod inject;
pub mod limits;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::error::SiteError;
use crate::pipeline::BuildOptions;
use crate::watch::{self, Outcome};
use files::Target;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Drafts are left out unless asked for, as in `build` (and in Zola and Hugo).
    pub drafts: bool,
    /// `--future` / `--expired`, as in `build`.
    pub publish: crate::publish::Window,
    /// The URL pages link to, when not the server's own (behind a proxy or a tunnel).
    pub base_url: Option<String>,
    /// `--config FILE`, as in `build`.
    pub config: Option<PathBuf>,
}

struct Shared {
    out: PathBuf,
    /// The last rebuild's errors while they last, shown over every page.
    error: Mutex<Option<String>>,
    events: broadcast::Sender<String>,
}

/// Binds `port`, or the next free one (said on the terminal); 0 lets the system choose.
fn bind(interface: IpAddr, port: u16) -> Result<TcpListener, SiteError> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(100)
    };
    for p in port..=last {
        match TcpListener::bind(SocketAddr::new(interface, p)) {
            Ok(l) => {
                if p != port {
                    crate::say!("port {port} is taken; using {p}");
                }
                return Ok(l);
            }
            Err(e) if p == last => {
                return Err(SiteError::fatal(format!(
                    "cannot listen on {interface}:{p}: {e}"
                )));
            }
            Err(_) => {}
        }
    }
    Err(SiteError::fatal(format!("no free port from {port}")))
}

pub fn serve(opts: ServeOptions) -> Result<(), SiteError> {
    if !opts.interface.is_loopback() {
        crate::tell!(
            "warning: serving on {}: anyone who can reach this machine can read the preview; use the default 127.0.0.1 unless you mean it",
            opts.interface
        );
    }
    let listener = bind(opts.interface, opts.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| SiteError::fatal(e.to_string()))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| SiteError::fatal(e.to_string()))?;
    let address = match addr.ip() {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    };
    let base_url = opts.base_url.clone().unwrap_or_else(|| address.clone());
    let tmp = tempfile::Builder::new()
        .prefix("careersite-serve-")
        .tempdir()
        .map_err(|e| SiteError::fatal(format!("cannot create a temporary folder: {e}")))?;
    let out = tmp.path().join("site");
    let (events, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        out: out.clone(),
        error: Mutex::new(None),
        events,
    });
    let build = BuildOptions {
        root: opts.root.clone(),
        output: Some(out),
        base_url: Some(base_url),
        drafts: opts.drafts,
        publish: opts.publish,
        config: opts.config.clone(),
        minify: false,
    };

    let stop = Arc::new(AtomicBool::new(false));
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<(), SiteError>>();
    let watcher = {
        let shared = shared.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut first = Some(ready_tx);
            let result = watch::run(
                build,
                |_, outcome| {
                    watch::print_outcome(outcome);
                    publish(&shared, outcome);
                    if let Some(tx) = first.take() {
                        let _ = tx.send(Ok(()));
                    }
                },
                || stop.load(Ordering::Relaxed),
            );
            if let (Err(e), Some(tx)) = (&result, first.take()) {
                let _ = tx.send(Err(SiteError::fatal(e.to_string())));
            }
            result
        })
    };
    match ready_rx.recv() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(e),
        Err(_) => {
            return Err(SiteError::fatal(
                "the watcher stopped before the first build",
            ));
        }
    }

    crate::say!(
        "serving {} at {address}; watching it for changes, open pages reload after each rebuild (Ctrl+C to stop)",
        opts.root.display()
    );
    if opts.open
        && let Err(e) = open::that_detached(&address)
    {
        crate::tell!("warning: cannot open a browser: {e}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| SiteError::fatal(e.to_string()))?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| SiteError::fatal(e.to_string()))?;
        let app = Router::new()
            .route(inject::EVENTS_PATH, get(event_stream))
            .fallback(file)
            .with_state(shared);
        axum::serve(limits::Bounded::new(listener), app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| SiteError::fatal(format!("server error: {e}")))
    });
    stop.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    drop(tmp);
    result
}

/// Tells browsers what a rebuild did, and keeps the error for pages opened meanwhile.
fn publish(shared: &Shared, outcome: &Outcome) {
    let mut error = shared.error.lock().unwrap_or_else(|e| e.into_inner());
    let message = match outcome {
        Outcome::Failed(errors) => {
            let text = errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n");
            *error = Some(text.clone());
            serde_json::json!({ "type": "error", "text": text })
        }
        Outcome::Built { css_only, .. } => {
            let recovered = error.take().is_some();
            let kind = if *css_only && !recovered {
                "css"
            } else {
                "reload"
            };
            serde_json::json!({ "type": kind })
        }
        Outcome::Unchanged => return,
    };
    let _ = shared.events.send(message.to_string());
}

async fn event_stream(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let rx = shared.events.subscribe();
    let stream = BroadcastStream::new(rx).filter_map(|m| {
        m.ok()
            .map(|data| Ok::<_, Infallible>(Event::default().data(data)))
    });
    // More often than the idle timeout, so an open tab keeps its connection.
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::default().interval(limits::IDLE_TIMEOUT / 3))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn status(code: StatusCode) -> Response {
    let mut r = (code, code.canonical_reason().unwrap_or("error").to_string()).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn file(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return status(StatusCode::METHOD_NOT_ALLOWED);
    }
    // Absolute-form requests (`GET http://host/path`) are for proxies, not for us.
    if req.uri().scheme().is_some() || req.uri().authority().is_some() {
        return status(StatusCode::BAD_REQUEST);
    }
    let head = req.method() == Method::HEAD;
    match files::resolve(&shared.out, req.uri().path(), req.uri().query()) {
        Target::Refused(414) => status(StatusCode::URI_TOO_LONG),
        Target::Refused(400) => status(StatusCode::BAD_REQUEST),
        Target::Refused(_) => not_found(&shared, head).await,
        Target::AddSlash(location) => {
            let mut r = status(StatusCode::MOVED_PERMANENTLY);
            if let Ok(v) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Target::File(path) => match files::contained(&shared.out, &path) {
            Some(real) => match tokio::fs::read(&real).await {
                Ok(bytes) => respond(&shared, &real, bytes, StatusCode::OK, head),
                Err(_) => not_found(&shared, head).await,
            },
            None => not_found(&shared, head).await,
        },
    }
}

async fn not_found(shared: &Shared, head: bool) -> Response {
    let page = shared.out.join("404.html");
    match tokio::fs::read(&page).await {
        Ok(bytes) => respond(shared, &page, bytes, StatusCode::NOT_FOUND, head),
        Err(_) => placeholder(shared, head).await,
    }
}

/// When the output has no page to show, because no build has succeeded yet (503) or the
/// theme has no `404.html` (404), the server's own page stands in. Like every HTML
/// response it gets the live-reload script and the error, so the browser shows what is
/// wrong and reloads once it is fixed.
async fn placeholder(shared: &Shared, head: bool) -> Response {
    let built = tokio::fs::metadata(&shared.out)
        .await
        .is_ok_and(|m| m.is_dir());
    let (code, page) = if built {
        (StatusCode::NOT_FOUND, inject::NOT_FOUND_PAGE)
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, inject::NOT_BUILT_PAGE)
    };
    let path = std::path::Path::new("placeholder.html");
    respond(shared, path, page.as_bytes().to_vec(), code, head)
}

fn respond(
    shared: &Shared,
    path: &std::path::Path,
    bytes: Vec<u8>,
    code: StatusCode,
    head: bool,
) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html {
        let error = shared
            .error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        inject::inject(&String::from_utf8_lossy(&bytes), error.as_deref()).into_bytes()
    } else {
        bytes
    };
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript"
            || mime.essence_str() == "application/xml"
            || mime.essence_str() == "image/svg+xml" =>
        {
            format!("{}; charset=utf-8", mime.essence_str())
        }
        _ => mime.essence_str().to_string(),
    };
    let len = body.len();
    let mut r = Response::new(if head {
        Body::empty()
    } else {
        Body::from(body)
    });
    *r.status_mut() = code;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}
