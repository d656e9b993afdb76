//! Asking a server about one URL: the only code that goes to the network. HEAD first,
//! since it costs the server no body; GET when a server refuses HEAD (many answer 405, 403
//! or 501 to it while serving the page to readers). Redirects are followed. A timeout, a
//! dropped connection, a 429 or a 5xx answer is tried again after a pause that doubles,
//! or after the wait a 429's `Retry-After` asks for, when that is short enough.

use std::time::Duration;

use crate::config::LinkChecker;

/// The first pause before trying again; it doubles with every try.
const FIRST_PAUSE: Duration = Duration::from_millis(250);
/// The longest `Retry-After` honoured: a host asking for more is reported as limiting
/// its rate, instead of holding the whole check up.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);
/// Redirects followed, as browsers and lychee do before giving up on a loop.
const MAX_REDIRECTS: u32 = 10;

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered 2xx, after any redirects.
    Works(u16),
    /// The server answered with an error status (4xx but 429, or 5xx every time).
    Status(u16),
    /// No answer could be had: the host does not exist, refused the connection, or its
    /// TLS certificate is wrong. The words say which.
    Failed(String),
    /// No answer within the timeout, every time.
    TimedOut,
    /// 429 Too Many Requests every time, or a `Retry-After` longer than we wait.
    RateLimited,
    /// A URL careersite cannot request as written (the words say why).
    Unsupported(String),
}

impl Outcome {
    pub fn works(&self) -> bool {
        matches!(self, Outcome::Works(_))
    }
}

/// One answer, or why there was none.
enum Answer {
    Status(u16, Option<Duration>),
    Timeout,
    /// `retry`: whether trying again may help (a dropped connection may; a bad
    /// certificate will not).
    Unanswered {
        why: String,
        retry: bool,
    },
}

/// Asks servers about URLs; one for the whole check, shared by every worker.
pub struct Client {
    agent: ureq::Agent,
    retries: u32,
}

impl Client {
    pub fn new(settings: &LinkChecker) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .user_agent(concat!(
                "careersite/",
                env!("CARGO_PKG_VERSION"),
                " (link checker)"
            ))
            .build();
        Client {
            agent: config.into(),
            retries: settings.retries,
        }
    }

    /// What `url` answers, after retries; `sleep` pauses between tries.
    pub fn check(&self, url: &str, sleep: &dyn Fn(Duration)) -> Outcome {
        let request = match request_url(url) {
            Ok(r) => r,
            Err(why) => return Outcome::Unsupported(why),
        };
        let mut tries = 0;
        loop {
            let answer = self.ask(&request);
            let pause = FIRST_PAUSE * 2u32.saturating_pow(tries);
            let (outcome, wait) = judge(answer, pause);
            match wait {
                Some(wait) if tries < self.retries => {
                    sleep(wait);
                    tries += 1;
                }
                _ => return outcome,
            }
        }
    }

    /// One try: HEAD, then GET when HEAD is refused.
    fn ask(&self, url: &str) -> Answer {
        let head = self.send(self.agent.head(url).call());
        match head {
            Answer::Status(405 | 403 | 501, _) => {
                // The body is never read: dropping the response closes the connection
                // rather than downloading a page only its status matters of.
                self.send(self.agent.get(url).call())
            }
            other => other,
        }
    }

    fn send(&self, result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
        match result {
            Ok(response) => {
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(retry_after);
                Answer::Status(response.status().as_u16(), retry_after)
            }
            Err(e) => transport(e),
        }
    }
}

/// What an answer means, and how long to wait before trying again when trying again may
/// help.
fn judge(answer: Answer, pause: Duration) -> (Outcome, Option<Duration>) {
    match answer {
        Answer::Status(status @ 200..=299, _) => (Outcome::Works(status), None),
        Answer::Status(429, after) => match after {
            Some(after) if after > RETRY_AFTER_CAP => (Outcome::RateLimited, None),
            Some(after) => (Outcome::RateLimited, Some(after.max(pause))),
            None => (Outcome::RateLimited, Some(pause)),
        },
        Answer::Status(status @ 500..=599, _) => (Outcome::Status(status), Some(pause)),
        Answer::Status(status, _) => (Outcome::Status(status), None),
        Answer::Timeout => (Outcome::TimedOut, Some(pause)),
        Answer::Unanswered { why, retry } => (Outcome::Failed(why), retry.then_some(pause)),
    }
}

/// A transport error in words a writer reads, and whether trying again may help.
fn transport(error: ureq::Error) -> Answer {
    use std::io::ErrorKind;
    let no_answer = |why: &str, retry: bool| Answer::Unanswered {
        why: why.to_string(),
        retry,
    };
    match error {
        ureq::Error::Timeout(_) => Answer::Timeout,
        ureq::Error::Io(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
            Answer::Timeout
        }
        ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => {
            no_answer("the host refused the connection", true)
        }
        ureq::Error::HostNotFound => no_answer("no such host", true),
        ureq::Error::TooManyRedirects => no_answer(
            &format!("more than {MAX_REDIRECTS} redirects, likely a loop"),
            false,
        ),
        ureq::Error::BadUri(why) => {
            no_answer(&format!("not a URL that can be requested: {why}"), false)
        }
        ureq::Error::Http(e) => no_answer(&format!("not a URL that can be requested: {e}"), false),
        ureq::Error::Tls(why) => no_answer(&format!("TLS failed: {why}"), false),
        ureq::Error::Rustls(e) => no_answer(&format!("TLS failed: {e}"), false),
        ureq::Error::Io(e) => no_answer(&format!("the connection failed: {e}"), true),
        other => no_answer(&format!("the request failed: {other}"), true),
    }
}

/// `Retry-After` as seconds, or as an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`), read
/// against our clock; a date already past means now.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let wait = jiff::Timestamp::now().duration_until(at);
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// The URL as a request may carry it: characters a request line cannot hold (spaces,
/// letters beyond ASCII) percent-encoded, as browsers do when they follow the link.
fn request_url(url: &str) -> Result<String, String> {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const UNSAFE: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'\\')
        .add(b'^');
    let after_scheme = url.find("//").map_or(0, |i| i + 2);
    let host_end = url[after_scheme..]
        .find(['/', '?'])
        .map_or(url.len(), |i| after_scheme + i);
    let authority = &url[..host_end];
    if !authority.is_ascii() {
        return Err(
            "its host name has letters beyond ASCII; write it in its `xn--` form to have it checked"
                .into(),
        );
    }
    Ok(format!(
        "{authority}{}",
        utf8_percent_encode(&url[host_end..], UNSAFE)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAUSE: Duration = Duration::from_millis(250);

    #[test]
    fn answers_are_judged() {
        let status = |s, after| judge(Answer::Status(s, after), PAUSE);
        assert_eq!(status(200, None), (Outcome::Works(200), None));
        assert_eq!(status(404, None), (Outcome::Status(404), None));
        assert_eq!(status(503, None), (Outcome::Status(503), Some(PAUSE)));
        assert_eq!(status(429, None), (Outcome::RateLimited, Some(PAUSE)));
        let two = Some(Duration::from_secs(2));
        assert_eq!(status(429, two), (Outcome::RateLimited, two));
        let hour = Some(Duration::from_secs(3600));
        assert_eq!(status(429, hour), (Outcome::RateLimited, None));
        assert_eq!(
            judge(Answer::Timeout, PAUSE),
            (Outcome::TimedOut, Some(PAUSE))
        );
    }

    #[test]
    fn urls_are_encoded_for_the_request_line() {
        assert_eq!(
            request_url("https://ex.org/a b/ü?q=x y").unwrap(),
            "https://ex.org/a%20b/%C3%BC?q=x%20y"
        );
        assert_eq!(
            request_url("https://ex.org/a%20b?q=1&r=2").unwrap(),
            "https://ex.org/a%20b?q=1&r=2"
        );
        assert!(request_url("https://bücher.example/").is_err());
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(100);
        let text = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&later)
            .unwrap();
        let wait = retry_after(&text).unwrap();
        assert!(wait > Duration::from_secs(90) && wait <= Duration::from_secs(100));
        assert_eq!(retry_after("soon"), None);
    }
}
