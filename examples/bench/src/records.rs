//! The conversion part of the benchmark spec: `sum_dict`, `records_out`, `records_in`.
use bind::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hint::black_box;

/// Converts the dict to a native `HashMap<String, f64>`, then sums the values.
#[function]
pub fn sum_dict(d: HashMap<String, f64>) -> f64 {
    d.values().sum()
}

/// One record of the spec, converted with the serde bridge.
#[derive(Serialize, Deserialize)]
pub struct Record {
    id: i64,
    name: String,
    tags: Vec<String>,
    score: f64,
}

/// `prefix` followed by the decimal digits of `n`, in one exact allocation (what the C
/// peer's `concat_u64` does; `format!` costs more than the conversion being measured).
fn concat_num(prefix: &str, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut v = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let mut out = Vec::with_capacity(prefix.len() + digits.len() - at);
    out.extend_from_slice(prefix.as_bytes());
    out.extend_from_slice(&digits[at..]);
    // SAFETY: a `str` followed by ASCII digits is UTF-8.
    unsafe { String::from_utf8_unchecked(out) }
}

/// Builds `n` records natively and converts them with the serde bridge.
#[function]
pub fn records_out(n: usize) -> Serde<Vec<Record>> {
    Serde(
        (0..n)
            .map(|i| Record {
                id: i as i64,
                name: concat_num("name", i),
                tags: vec![concat_num("t", i % 7), "common".to_string()],
                score: (i % 100) as f64 / 100.0,
            })
            .collect(),
    )
}

/// Reads the rows back into `Vec<Record>` with the serde bridge; counts `score > 0.5`.
#[function]
pub fn records_in(rows: Serde<Vec<Record>>) -> usize {
    let rows = black_box(rows.into_inner());
    rows.iter().filter(|r| r.score > 0.5).count()
}
