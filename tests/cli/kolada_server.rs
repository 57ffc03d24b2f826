//! A local stand-in for Kolada's API v3, on 127.0.0.1 in a thread: serves the real-format
//! samples in `tests/fixtures/kolada/` in pages linked by `next_url`, refuses lists of more than
//! 25 ids (or fewer when told) with 422 like Kolada, fails the first requests when told to, and
//! logs every request. When told, it also refuses group ids in data requests, answers 404 with
//! a `detail` body for a KPI, links an empty last page onwards, sends `next_url` on another
//! host, answers slowly, and tunnels `CONNECT` like an HTTPS proxy.
//!
//! It knows one group the embedded catalog lacks, [`LOCAL_GROUP`], whose members are the eight
//! municipalities of the group sample; its data values are its members' unweighted mean.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

/// The server's address and state; it runs until the test process ends.
pub struct Kolada {
    /// `http://127.0.0.1:PORT/v3/`
    pub base: String,
    state: Arc<Mutex<State>>,
}

/// A group Kolada has and the embedded catalog does not.
pub const LOCAL_GROUP: &str = "G99001";
/// Its members: the municipalities of the group sample.
pub const LOCAL_GROUP_MEMBERS: [&str; 8] = [
    "0319", "0562", "0687", "1082", "1083", "1885", "1984", "2084",
];

#[derive(Default)]
struct State {
    requests: Vec<String>,
    failures: VecDeque<(u16, Option<u64>)>,
    page_size: usize,
    max_ids: usize,
    always_fail: Option<u16>,
    refuse_groups: Option<u16>,
    missing_kpi: Option<String>,
    endless_pages: bool,
    foreign_next: bool,
    delay: std::time::Duration,
}

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/kolada/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The list of a fixture: its `values`, or the fixture itself when it is a bare list.
fn list(name: &str) -> Vec<Value> {
    match fixture(name) {
        Value::Object(mut o) => match o.remove("values") {
            Some(Value::Array(v)) => v,
            _ => panic!("{name} has no values"),
        },
        Value::Array(v) => v,
        _ => panic!("{name} is not a list"),
    }
}

/// Every data row of a municipality: 240 rows for N03702 and N03703, 11 municipalities.
pub fn data_rows() -> Vec<Value> {
    let mut rows = list("v3_data_N03702_N03703_cities_reconstructed.json");
    rows.extend(list("v3_data_N03702_N03703_group_reconstructed.json"));
    rows
}

/// [`LOCAL_GROUP`]'s rows: per KPI and year the unweighted mean of its members' totals.
pub fn group_rows() -> Vec<Value> {
    let mut sums: std::collections::BTreeMap<(String, i64), (f64, u32)> = Default::default();
    for row in data_rows() {
        if !LOCAL_GROUP_MEMBERS.contains(&row["municipality"].as_str().unwrap()) {
            continue;
        }
        for v in row["values"].as_array().unwrap() {
            if let (Some("T"), Some(x)) = (v["gender"].as_str(), v["value"].as_f64()) {
                let key = (
                    row["kpi"].as_str().unwrap().to_string(),
                    row["period"].as_i64().unwrap(),
                );
                let e = sums.entry(key).or_default();
                e.0 += x;
                e.1 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|((kpi, period), (sum, n))| {
            json!({"kpi": kpi, "municipality": LOCAL_GROUP, "period": period, "values": [
                {"gender": "T", "count": n, "status": "", "value": sum / f64::from(n), "isdeleted": false}
            ]})
        })
        .collect()
}

/// The groups the server knows: the IFO sample and [`LOCAL_GROUP`].
fn groups() -> Vec<Value> {
    let mut out = list("v3_municipality_groups_ifo_reconstructed.json");
    let members: Vec<Value> = LOCAL_GROUP_MEMBERS
        .iter()
        .map(|m| json!({"member_id": m, "member_title": format!("Kommun {m}")}))
        .collect();
    out.push(
        json!({"id": LOCAL_GROUP, "title": "Egen jämförelsegrupp (lokal)", "members": members}),
    );
    out
}

/// The rows Kolada reports as changed since a date: the 2019 values of N03702 raised by 1000,
/// and Stockholm's 2018 value of N03702 deleted.
fn changed_rows() -> Vec<Value> {
    let mut out = Vec::new();
    for mut row in data_rows() {
        if row["kpi"] == "N03702" && row["period"] == 2019 {
            for v in row["values"].as_array_mut().unwrap() {
                v["value"] = json!(v["value"].as_f64().unwrap() + 1000.0);
            }
            out.push(row);
        } else if row["kpi"] == "N03702" && row["period"] == 2018 && row["municipality"] == "0180" {
            for v in row["values"].as_array_mut().unwrap() {
                v["isdeleted"] = json!(true);
            }
            out.push(row);
        }
    }
    out
}

impl Kolada {
    /// Starts a server with pages of 50 objects.
    pub fn start() -> Kolada {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            page_size: 50,
            max_ids: 25,
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        let origin = format!("http://{addr}");
        let origin_for_thread = origin.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = handle(stream, &origin_for_thread, &shared);
            }
        });
        Kolada {
            base: format!("{origin}/v3/"),
            state,
        }
    }

    pub fn page_size(&self, n: usize) {
        self.state.lock().unwrap().page_size = n;
    }

    /// Lists longer than `n` ids are refused with 422 (Kolada's limit is 25).
    pub fn max_ids(&self, n: usize) {
        self.state.lock().unwrap().max_ids = n;
    }

    /// The next requests get these statuses, with `Retry-After` when given.
    pub fn fail_first(&self, failures: &[(u16, Option<u64>)]) {
        self.state.lock().unwrap().failures.extend(failures);
    }

    /// Every request gets this status (with `Retry-After: 0`).
    pub fn always_fail(&self, status: u16) {
        self.state.lock().unwrap().always_fail = Some(status);
    }

    /// Data requests with a group id get this status and a `detail` body.
    pub fn refuse_groups(&self, status: u16) {
        self.state.lock().unwrap().refuse_groups = Some(status);
    }

    /// Data requests for this KPI get 404 with `{"detail": "No data found"}`, and requests for
    /// it by id 404 with `{"detail": "Not found"}`.
    pub fn missing_kpi(&self, kpi: &str) {
        self.state.lock().unwrap().missing_kpi = Some(kpi.to_string());
    }

    /// Every page, the empty ones after the data too, links to the next page.
    pub fn endless_pages(&self) {
        self.state.lock().unwrap().endless_pages = true;
    }

    /// `next_url` points at another host.
    pub fn foreign_next(&self) {
        self.state.lock().unwrap().foreign_next = true;
    }

    /// Every answer waits this long first.
    pub fn delay(&self, d: std::time::Duration) {
        self.state.lock().unwrap().delay = d;
    }

    /// Path and query of every data request so far.
    pub fn data_requests(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .filter(|r| r.starts_with("/v3/data/"))
            .collect()
    }

    /// Path and query of every request so far.
    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }
}

/// The request line, after reading the headers.
fn request_line(reader: &mut BufReader<TcpStream>) -> std::io::Result<String> {
    let mut first = String::new();
    reader.read_line(&mut first)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    Ok(first)
}

fn handle(stream: TcpStream, origin: &str, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut first = request_line(&mut reader)?;
    if let Some(rest) = first.strip_prefix("CONNECT ") {
        // As a proxy: log the tunnel, then answer the request sent through it.
        let host = rest.split_whitespace().next().unwrap_or("").to_string();
        state
            .lock()
            .unwrap()
            .requests
            .push(format!("CONNECT {host}"));
        (&stream).write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
        first = request_line(&mut reader)?;
    }
    let mut target = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    if let Some(rest) = target.strip_prefix("http://") {
        // As a plain HTTP proxy: the target is an absolute URL.
        let host = rest.split('/').next().unwrap_or("").to_string();
        state.lock().unwrap().requests.push(format!("PROXY {host}"));
        target = rest[host.len()..].to_string();
    }
    let (status, retry_after, body) = {
        let mut st = state.lock().unwrap();
        st.requests.push(target.clone());
        if let Some(status) = st.always_fail {
            (status, Some(0), String::new())
        } else if let Some((status, retry)) = st.failures.pop_front() {
            (status, retry, String::new())
        } else {
            respond(&target, origin, &st)
        }
    };
    let delay = state.lock().unwrap().delay;
    std::thread::sleep(delay);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(secs) = retry_after {
        head.push_str(&format!("Retry-After: {secs}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

fn respond(target: &str, origin: &str, st: &State) -> (u16, Option<u64>, String) {
    let (page_size, max_ids) = (st.page_size, st.max_ids);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let params: Vec<(&str, &str)> = query.split('&').filter_map(|p| p.split_once('=')).collect();
    let param = |k: &str| params.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
    let parts: Vec<&str> = path.trim_start_matches("/v3/").split('/').collect();
    let ids = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
    if parts.iter().any(|p| p.split(',').count() > max_ids) {
        return (422, None, json!({"error": "too many ids"}).to_string());
    }
    let by_id = |objects: Vec<Value>, wanted: Option<&&str>| -> Vec<Value> {
        match wanted {
            None => objects,
            Some(w) => {
                let w = ids(w);
                objects
                    .into_iter()
                    .filter(|o| w.iter().any(|id| o["id"] == id.as_str()))
                    .collect()
            }
        }
    };
    if let (Some(x), ["kpi", wanted]) = (&st.missing_kpi, parts.as_slice())
        && ids(wanted).contains(x)
    {
        return (404, None, json!({"detail": "Not found"}).to_string());
    }
    let objects = match parts.as_slice() {
        ["data", "kpi", k, "municipality", m, rest @ ..] => {
            let (k, m) = (ids(k), ids(m));
            if let Some(status) = st.refuse_groups
                && m.iter().any(|id| id.starts_with('G'))
            {
                let detail = json!({"detail": "municipality groups are not supported here"});
                return (status, None, detail.to_string());
            }
            if st.missing_kpi.as_ref().is_some_and(|x| k.contains(x)) {
                return (404, None, json!({"detail": "No data found"}).to_string());
            }
            let years = match rest {
                ["year", y] => Some(ids(y)),
                [] => None,
                _ => return (404, None, String::new()),
            };
            let mut rows = if param("from_date").is_some() {
                changed_rows()
            } else {
                data_rows()
            };
            rows.extend(group_rows());
            rows.into_iter()
                .filter(|r| {
                    k.iter().any(|x| r["kpi"] == x.as_str())
                        && m.iter().any(|x| r["municipality"] == x.as_str())
                        && years
                            .as_ref()
                            .is_none_or(|y| y.contains(&r["period"].to_string()))
                })
                .collect()
        }
        ["kpi", rest @ ..] => by_id(list("v3_kpi_N03702_N03703_extract.json"), rest.first()),
        ["municipality", rest @ ..] => by_id(
            list("v3_municipality_full_reconstructed.json"),
            rest.first(),
        ),
        ["municipality_groups", rest @ ..] => by_id(groups(), rest.first()),
        _ => return (404, None, json!({"detail": "not found"}).to_string()),
    };
    let page: usize = param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let start = (page - 1) * page_size;
    let chunk: Vec<Value> = objects
        .iter()
        .skip(start)
        .take(page_size)
        .cloned()
        .collect();
    let link = |n: usize| {
        let mut q: Vec<String> = params
            .iter()
            .filter(|(k, _)| *k != "page")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        q.push(format!("page={n}"));
        let origin = if st.foreign_next {
            "http://kolada.example.invalid"
        } else {
            origin
        };
        format!("{origin}{path}?{}", q.join("&"))
    };
    let more = start + page_size < objects.len() || st.endless_pages;
    let next = more.then(|| link(page + 1));
    let previous = (page > 1).then(|| link(page - 1));
    let body = json!({
        "values": chunk,
        "count": chunk.len(),
        "next_url": next,
        "previous_url": previous,
    });
    (200, None, body.to_string())
}
