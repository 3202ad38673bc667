//! The user fuzz kit (`fuzz/kit`, crate bind-fuzz-kit) over the types of
//! `examples/records`: the first byte picks a type, the rest becomes a Python value.
//!
//! Derived types: a value of the type's shape or a near-miss (wrong types, missing keys,
//! ints out of range, lone surrogates, hostile `__getattr__`/`__getitem__`/`__len__`/
//! `__index__`, deep and self-containing values); values of the shape must extract and
//! convert back to the same value, near-misses must raise an ordinary exception naming
//! the path. Serde types: a mutated sample; failures must be ordinary exceptions, and
//! what is read must convert back to a fixed point.
#![no_main]

use bind_fuzz_kit::{check_conversion, check_extraction, check_serde, samples_from_python};
use libfuzzer_sys::fuzz_target;
use records::{
    AppConfig, Event, Ids, Limits, Meters, Mixed, Pair, Point, Record, Row, Section, Shape, Tree,
};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Serde samples, read once from Python literals.
struct Samples {
    configs: Vec<AppConfig>,
    records: Vec<Vec<Record>>,
    events: Vec<Vec<Event>>,
    limits: Vec<Limits>,
}

fn samples() -> &'static Samples {
    static SAMPLES: OnceLock<Samples> = OnceLock::new();
    SAMPLES.get_or_init(|| Samples {
        configs: samples_from_python(&[
            "{'name': 'demo', 'version': (1, 2, 3), \
              'servers': [{'host': 'localhost', 'port': 8080, 'tls': False}], \
              'errors': {404: 'not found', 500: 'oops'}, 'features': {'zeta': True}, \
              'mode': {'Production': {'replicas': 3}}, 'timeout_ms': None, 'secret': b'\\x00\\xff'}",
            "{'name': '', 'version': (0, 0, 0), 'servers': [], 'errors': {}, 'features': {}, \
              'mode': 'Development', 'timeout_ms': 30, 'secret': b''}",
            "{'name': 'c', 'version': (9, 9, 9), 'servers': [], 'errors': {1: ''}, \
              'features': {'a': False, 'b': True}, 'mode': {'Custom': 'x'}, 'secret': b'k'}",
        ]),
        records: samples_from_python(&[
            "[{'id': 1, 'name': 'a', 'tags': ['x'], 'score': 0.5, 'status': 'active'}, \
              {'id': -2, 'name': '', 'tags': [], 'score': float('nan'), 'status': {'flagged': 'why'}}]",
            "[]",
        ]),
        events: samples_from_python(&[
            "[{'type': 'Click', 'x': 1, 'y': -2}, {'type': 'Key', 'code': 'Enter'}]",
        ]),
        limits: samples_from_python(&["{'max_rows': 100, 'per_user': {'ann': 3, 'bob': 0}}"]),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, data)) = data.split_first() else {
        return;
    };
    match which % 16 {
        0 => check_conversion::<Point>(data),
        1 => check_conversion::<Section>(data),
        2 => check_extraction::<Mixed>(data),
        3 => check_conversion::<Pair>(data),
        4 => check_conversion::<Meters>(data),
        5 => check_conversion::<Ids>(data),
        6 => check_conversion::<Shape>(data),
        7 => check_conversion::<Vec<Row>>(data),
        8 => check_extraction::<Tree>(data),
        9 => check_conversion::<Vec<Shape>>(data),
        10 => check_conversion::<Option<Vec<Section>>>(data),
        11 => check_conversion::<HashMap<String, Pair>>(data),
        12 => check_serde(data, &samples().configs),
        13 => check_serde(data, &samples().records),
        14 => check_serde(data, &samples().events),
        _ => check_serde(data, &samples().limits),
    }
});
