//! The kit's Python helpers (`helpers.py`), defined once per process.
use bind::prelude::*;
use std::sync::OnceLock;

const SOURCE: &str = include_str!("helpers.py");

macro_rules! helpers {
    ($($field:ident = $name:literal,)*) => {
        /// References to the objects `helpers.py` defines.
        pub(crate) struct Helpers {
            $(pub(crate) $field: Handle<PyAny>,)*
        }

        fn load(gil: Gil<'_>) -> PyResult<Helpers> {
            let globals = PyDict::new(gil);
            gil.run(SOURCE, Some(&globals), None)?;
            let get = |name: &str| -> PyResult<Handle<PyAny>> {
                globals
                    .get_item(name)?
                    .map(Owned::unbind)
                    .ok_or_else(|| bind::exceptions::PyNameError::new_err(name.to_owned()))
            };
            Ok(Helpers { $($field: get($name)?,)* })
        }
    };
}

helpers! {
    kit_error = "KitError",
    int_sub = "IntSub",
    float_sub = "FloatSub",
    str_sub = "StrSub",
    list_sub = "ListSub",
    dict_sub = "DictSub",
    index = "Index",
    lying_index = "LyingIndex",
    raising_index = "RaisingIndex",
    real = "Real",
    lying_real = "LyingReal",
    raising_real = "RaisingReal",
    attrs = "Attrs",
    namespace = "Namespace",
    record = "Record",
    seq = "Seq",
    raising_len = "RaisingLen",
    raising_items = "RaisingItems",
    raising_getattr = "RaisingGetattr",
    raising_mapping = "RaisingMapping",
    mapping_proxy = "mapping_proxy",
    opaque = "Opaque",
    as_index = "as_index",
    as_float = "as_float",
    pow2 = "pow2",
    surrogate = "surrogate",
    deep_list = "deep_list",
    self_list = "self_list",
    typed_array = "typed_array",
    recursion_limit = "recursion_limit",
    plug = "plug",
    short_repr = "short_repr",
}

/// The helpers (defined on first use).
pub(crate) fn helpers(gil: Gil<'_>) -> &'static Helpers {
    static HELPERS: OnceLock<Helpers> = OnceLock::new();
    if let Some(helpers) = HELPERS.get() {
        return helpers;
    }
    // Not `get_or_init`: running Python may hand the GIL to another thread, which would
    // then wait on the lock while holding the GIL. Two threads may both load; one wins.
    let loaded = load(gil).expect("bind-fuzz-kit: helpers.py runs");
    let _ = HELPERS.set(loaded);
    HELPERS.get().expect("set above")
}

/// `repr(value)` cut to a readable length (never fails).
pub(crate) fn short_repr(gil: Gil<'_>, value: &Owned<'_, PyAny>) -> String {
    helpers(gil)
        .short_repr
        .bind(gil)
        .call1((value,))
        .and_then(|r| r.extract::<String>())
        .unwrap_or_else(|_| format!("<{} object>", value.type_name()))
}
