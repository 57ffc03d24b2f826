//! One GET at a time against Kolada, with retries: 429 and 5xx (and dropped connections) are
//! tried again after a growing pause (0,5 s, 1 s, 2 s, 4 s, or what `Retry-After` says), other
//! answers and timeouts fail at once with a Swedish message. TLS trusts the platform's
//! certificate roots as well as the bundled Mozilla roots (an organisation's inspecting proxy
//! has its own root in the platform store); `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
//! `NO_PROXY` are honoured (by ureq). The pause and the notices are injected, so tests neither
//! sleep nor print.

use std::io::ErrorKind;
use std::time::Duration;

use anyhow::{Result, anyhow};

pub use super::refusal::{NotFound, Rejected, error_detail, said};

/// How often and how long to wait before trying a request again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The pause before each new try; its length is the number of retries.
    pub delays: Vec<Duration>,
    /// The longest `Retry-After` honoured.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            delays: [500, 1000, 2000, 4000].map(Duration::from_millis).to_vec(),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// The HTTP side of a fetch: an agent, the retry policy and counters.
pub struct Http {
    agent: ureq::Agent,
    timeout: Duration,
    retry: RetryPolicy,
    sleep: Box<dyn FnMut(Duration)>,
    notice: Box<dyn FnMut(&str)>,
    /// Requests sent, retries included.
    pub requests: usize,
    /// Requests that were tries again.
    pub retries: usize,
}

/// What one try gave.
enum Try {
    Done(String),
    Again { why: String, wait: Option<Duration> },
    Fail(anyhow::Error),
}

impl Http {
    /// A client that sleeps for real and prints retry notices on stderr.
    pub fn new(retry: RetryPolicy) -> Http {
        Http::with_hooks(
            retry,
            Box::new(std::thread::sleep),
            Box::new(|line| eprintln!("{line}")),
        )
    }

    /// A client with injected pause and notice functions (tests record them).
    pub fn with_hooks(
        retry: RetryPolicy,
        sleep: Box<dyn FnMut(Duration)>,
        notice: Box<dyn FnMut(&str)>,
    ) -> Http {
        Http {
            agent: agent(DEFAULT_TIMEOUT),
            timeout: DEFAULT_TIMEOUT,
            retry,
            sleep,
            notice,
            requests: 0,
            retries: 0,
        }
    }

    /// The same client with requests that may take at most `timeout` each.
    pub fn with_timeout(mut self, timeout: Duration) -> Http {
        self.agent = agent(timeout);
        self.timeout = timeout;
        self
    }

    /// Tells the user something (on stderr unless a test hooked it).
    pub fn notice(&mut self, line: &str) {
        (self.notice)(line);
    }

    /// The body of `url`, after as many tries as the policy allows.
    pub fn get(&mut self, url: &str) -> Result<String> {
        let tries = self.retry.delays.len() + 1;
        for attempt in 0..tries {
            self.requests += 1;
            match self.try_once(url) {
                Try::Done(body) => return Ok(body),
                Try::Fail(err) => return Err(err),
                Try::Again { why, wait } => {
                    let Some(&delay) = self.retry.delays.get(attempt) else {
                        return Err(gave_up(url, &why, tries));
                    };
                    let wait = wait.map_or(delay, |w| w.min(self.retry.max_retry_after));
                    (self.notice)(&format!(
                        "Kolada svarade {why}; försöker igen om {} (försök {} av {tries})",
                        seconds(wait),
                        attempt + 2
                    ));
                    (self.sleep)(wait);
                    self.retries += 1;
                }
            }
        }
        unreachable!("the last try returns")
    }

    fn try_once(&mut self, url: &str) -> Try {
        let mut response = match self.agent.get(url).call() {
            Ok(r) => r,
            Err(e) => return transport_error(url, e, self.timeout),
        };
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return match response
                .body_mut()
                .with_config()
                .limit(256 * 1024 * 1024)
                .read_to_string()
            {
                Ok(body) => Try::Done(body),
                Err(e) => transport_error(url, e, self.timeout),
            };
        }
        if status == 429 || status >= 500 {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Try::Again {
                why: format!("{status} ({})", status_reason(status)),
                wait,
            };
        }
        let detail = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .ok()
            .and_then(|body| error_detail(&body));
        let url = url.to_string();
        Try::Fail(match status {
            404 => NotFound { url, detail }.into(),
            400 | 414 | 422 => Rejected {
                status,
                url,
                detail,
            }
            .into(),
            _ => anyhow!(
                "Kolada svarade {status} på {url}{}",
                said(detail.as_deref())
            ),
        })
    }
}

/// How long one request may take unless `--tidsgräns` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(180);

/// An agent that keeps HTTP errors as responses, trusts the platform's and the bundled roots
/// and takes its proxy from the environment.
fn agent(timeout: Duration) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(root_certs())
        .build();
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(15).min(timeout)))
        .timeout_global(Some(timeout))
        .user_agent(concat!("kvalitet/", env!("CARGO_PKG_VERSION")))
        .tls_config(tls)
        .proxy(ureq::Proxy::try_from_env())
        .build()
        .into()
}

/// The bundled Mozilla roots and every root the platform trusts (the Windows and macOS
/// certificate stores, `/etc/ssl/certs` and `SSL_CERT_FILE` elsewhere). A platform store that
/// cannot be read only leaves the bundled roots.
fn root_certs() -> ureq::tls::RootCerts {
    let bundled = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned());
    let platform = rustls_native_certs::load_native_certs()
        .certs
        .into_iter()
        .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned());
    bundled.chain(platform).collect::<Vec<_>>().into()
}

/// Network failures: an unknown host or a refused connection fails at once with the message
/// that the report still works from local data; a timeout fails at once with what to do; a
/// dropped connection is tried again.
fn transport_error(url: &str, err: ureq::Error, timeout: Duration) -> Try {
    let unreachable = |reason: &str| Try::Fail(unreachable(url, reason));
    match &err {
        ureq::Error::HostNotFound => unreachable("namnet kunde inte slås upp"),
        ureq::Error::ConnectionFailed => unreachable("anslutningen misslyckades"),
        ureq::Error::Timeout(_) => Try::Fail(timed_out(url, timeout)),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => unreachable("anslutningen nekades"),
            ErrorKind::TimedOut => Try::Fail(timed_out(url, timeout)),
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::BrokenPipe
            | ErrorKind::UnexpectedEof
            | ErrorKind::Interrupted => Try::Again {
                why: "inte: anslutningen bröts".into(),
                wait: None,
            },
            ErrorKind::NotFound
            | ErrorKind::AddrNotAvailable
            | ErrorKind::NetworkUnreachable
            | ErrorKind::HostUnreachable => unreachable("nätverket kan inte nås"),
            // getaddrinfo failures carry no kind of their own.
            _ if io.to_string().contains("lookup") => unreachable("namnet kunde inte slås upp"),
            kind => unreachable(&format!("nätverksfel ({kind})")),
        },
        ureq::Error::BadUri(_) => Try::Fail(anyhow!(
            "adressen {url} går inte att använda: kontrollera --bas-url"
        )),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => unreachable(
            "den säkra anslutningen (TLS) misslyckades; går trafiken genom en granskande proxy \
             måste dess rotcertifikat finnas i datorns certifikatlager",
        ),
        _ => unreachable("nätverksfel"),
    }
}

/// The message for "no network": the report can still be made from local data.
pub fn unreachable(url: &str, reason: &str) -> anyhow::Error {
    anyhow!(
        "Kunde inte nå Kolada ({}: {reason}): kontrollera nätverket eller använd --bas-url. \
         Rapporten kan fortfarande skapas från lokala data.",
        origin(url)
    )
}

/// The message for a request that took longer than `--tidsgräns`.
fn timed_out(url: &str, timeout: Duration) -> anyhow::Error {
    anyhow!(
        "Kolada svarade inte inom {} ({}). Försök igen senare, hämta färre nyckeltal eller \
         kommuner åt gången eller ge mer tid med --tidsgräns. Går trafiken genom en proxy, \
         ange den med HTTPS_PROXY (och undantag med NO_PROXY). Rapporten kan fortfarande \
         skapas från lokala data.",
        seconds(timeout),
        origin(url)
    )
}

fn gave_up(url: &str, why: &str, tries: usize) -> anyhow::Error {
    if why.starts_with("inte") {
        unreachable(url, &format!("svarade {why} efter {tries} försök"))
    } else {
        anyhow!("Kolada svarade {why} även efter {tries} försök ({url}); försök igen senare")
    }
}

/// `https://api.kolada.se` of `https://api.kolada.se/v3/kpi`.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url, |i| &url[..after_scheme + i])
}

fn status_reason(status: u16) -> &'static str {
    match status {
        429 => "för många anrop",
        500 => "internt serverfel",
        502 => "felaktig gateway",
        503 => "tjänsten är inte tillgänglig",
        504 => "gatewayens tidsgräns",
        _ => "serverfel",
    }
}

/// `0,5 s`, `2 s`.
fn seconds(d: Duration) -> String {
    let tenths = (d.as_millis() + 50) / 100;
    if tenths.is_multiple_of(10) {
        format!("{} s", tenths / 10)
    } else {
        format!("{},{} s", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_are_written_the_swedish_way() {
        assert_eq!(seconds(Duration::from_millis(500)), "0,5 s");
        assert_eq!(seconds(Duration::from_secs(4)), "4 s");
        assert_eq!(seconds(Duration::ZERO), "0 s");
    }

    #[test]
    fn origin_of_a_url() {
        assert_eq!(
            origin("https://api.kolada.se/v3/kpi"),
            "https://api.kolada.se"
        );
        assert_eq!(origin("http://127.0.0.1:9"), "http://127.0.0.1:9");
    }

    #[test]
    fn tls_trusts_the_bundled_roots_and_the_platform_roots() {
        let ureq::tls::RootCerts::Specific(certs) = root_certs() else {
            panic!("an explicit root list");
        };
        let platform = rustls_native_certs::load_native_certs().certs.len();
        assert_eq!(
            certs.len(),
            webpki_root_certs::TLS_SERVER_ROOT_CERTS.len() + platform
        );
    }

    #[test]
    fn the_default_policy_doubles_from_half_a_second() {
        assert_eq!(
            RetryPolicy::default().delays,
            [500, 1000, 2000, 4000].map(Duration::from_millis).to_vec()
        );
    }
}
