//! A local stand-in for Kolada's API v3, on 127.0.0.1 in a thread: serves the real-format
//! samples in `tests/fixtures/kolada/` in pages linked by `next_url`, refuses lists of more than
//! 25 ids (or fewer when told) with 422 like Kolada, fails the first requests when told to, and logs every request.

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

struct State {
    requests: Vec<String>,
    failures: VecDeque<(u16, Option<u64>)>,
    page_size: usize,
    max_ids: usize,
    always_fail: Option<u16>,
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

/// Every data row the server knows: 240 rows for N03702 and N03703, 11 municipalities.
pub fn data_rows() -> Vec<Value> {
    let mut rows = list("v3_data_N03702_N03703_cities_reconstructed.json");
    rows.extend(list("v3_data_N03702_N03703_group_reconstructed.json"));
    rows
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
            requests: Vec::new(),
            failures: VecDeque::new(),
            page_size: 50,
            max_ids: 25,
            always_fail: None,
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

    /// Path and query of every request so far.
    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }
}

fn handle(stream: TcpStream, origin: &str, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, retry_after, body) = {
        let mut st = state.lock().unwrap();
        st.requests.push(target.clone());
        if let Some(status) = st.always_fail {
            (status, Some(0), String::new())
        } else if let Some((status, retry)) = st.failures.pop_front() {
            (status, retry, String::new())
        } else {
            respond(&target, origin, st.page_size, st.max_ids)
        }
    };
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

fn respond(
    target: &str,
    origin: &str,
    page_size: usize,
    max_ids: usize,
) -> (u16, Option<u64>, String) {
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
    let objects = match parts.as_slice() {
        ["data", "kpi", k, "municipality", m, rest @ ..] => {
            let (k, m) = (ids(k), ids(m));
            let years = match rest {
                ["year", y] => Some(ids(y)),
                [] => None,
                _ => return (404, None, String::new()),
            };
            let rows = if param("from_date").is_some() {
                changed_rows()
            } else {
                data_rows()
            };
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
        ["municipality_groups", rest @ ..] => by_id(
            list("v3_municipality_groups_ifo_reconstructed.json"),
            rest.first(),
        ),
        _ => return (404, None, String::new()),
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
        format!("{origin}{path}?{}", q.join("&"))
    };
    let next = (start + page_size < objects.len()).then(|| link(page + 1));
    let previous = (page > 1).then(|| link(page - 1));
    let body = json!({
        "values": chunk,
        "count": chunk.len(),
        "next_url": next,
        "previous_url": previous,
    });
    (200, None, body.to_string())
}
