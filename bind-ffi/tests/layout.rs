//! Checks the size and every field offset of the `#[repr(C)]` structs of bind-ffi against
//! the C headers of the interpreter this build targets.
//!
//! The interpreter is the `executable=` of `bind_ffi::BUILD_CONFIG`; its include directory
//! comes from `sysconfig`. A C program printing `offsetof`/`sizeof` for the same fields is
//! generated from one field list per struct ([`layouts!`]), compiled with `gcc` (or `$CC`)
//! and run; no libpython is linked. Under `Py_LIMITED_API` the C program defines
//! `Py_LIMITED_API` too and structs that are opaque there are left out.
#![allow(non_snake_case)]

use bind_ffi::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One measured quantity: `Struct.field` (offset) or `Struct` (size).
struct Item {
    /// `Struct.field` or `Struct` (the Rust field name).
    key: String,
    /// The C expression printed by the generated program.
    c_expr: String,
    /// The value on the Rust side.
    rust: usize,
}

/// `layouts! { [cfg] Struct { rust_field [= "c_field"], ... } ... }`: each struct's field
/// list is written once and yields both the C `offsetof`/`sizeof` expressions and the
/// Rust `offset_of!`/`size_of` values. Attributes (`#[cfg(...)]`) may precede a struct
/// or a field.
macro_rules! layouts {
    ($(
        $(#[$smeta:meta])*
        $name:ident { $( $(#[$fmeta:meta])* $field:ident $(= $cfield:literal)? ),* $(,)? }
    )*) => {
        pub(crate) fn items() -> Vec<Item> {
            let mut items = Vec::new();
            $(
                $(#[$smeta])*
                {
                    items.push(Item {
                        key: stringify!($name).to_owned(),
                        c_expr: format!("sizeof({})", stringify!($name)),
                        rust: core::mem::size_of::<$name>(),
                    });
                    $(
                        $(#[$fmeta])*
                        {
                            #[allow(unused_mut, unused_assignments)]
                            let mut c_field = stringify!($field);
                            $( c_field = $cfield; )?
                            items.push(Item {
                                key: format!("{}.{}", stringify!($name), stringify!($field)),
                                c_expr: format!("offsetof({}, {})", stringify!($name), c_field),
                                rust: core::mem::offset_of!($name, $field),
                            });
                        }
                    )*
                }
            )*
            items
        }
    };
}

#[cfg(not(Py_GIL_DISABLED))]
layouts! {
    PyObject { ob_refcnt, ob_type }
}

#[cfg(Py_GIL_DISABLED)]
layouts! {
    PyObject { ob_tid, _padding, ob_mutex, ob_gc_bits, ob_ref_local, ob_ref_shared, ob_type }
}

mod common {
    //! Structs present in every configuration.
    use super::*;
    layouts! {
        PyVarObject { ob_base, ob_size }
        PyType_Slot { slot, pfunc }
        PyType_Spec { name, basicsize, itemsize, flags, slots }
        PyMethodDef { ml_name, ml_meth, ml_flags, ml_doc }
        PyMemberDef { name, type_code = "type", offset, flags, doc }
        PyGetSetDef { name, get, set, doc, closure }
        PyModuleDef_Base { ob_base, m_init, m_index, m_copy }
        PyModuleDef_Slot { slot, value }
        PyModuleDef {
            m_base, m_name, m_doc, m_size, m_methods, m_slots, m_traverse, m_clear, m_free,
        }
        PyGILState_STATE {}
        // `Py_buffer` is in the limited API from 3.11 only.
        #[cfg(any(not(Py_LIMITED_API), Py_3_11))]
        Py_buffer {
            buf, obj, len, itemsize, readonly, ndim, format, shape, strides, suboffsets,
            internal,
        }
    }
}

#[cfg(not(Py_LIMITED_API))]
mod full {
    //! Structs that are opaque (or absent) under the limited API.
    use super::*;
    layouts! {
        PyTypeObject {
            ob_base, tp_name, tp_basicsize, tp_itemsize, tp_dealloc, tp_vectorcall_offset,
            tp_getattr, tp_setattr, tp_as_async, tp_repr, tp_as_number, tp_as_sequence,
            tp_as_mapping, tp_hash, tp_call, tp_str, tp_getattro, tp_setattro, tp_as_buffer,
            tp_flags, tp_doc, tp_traverse, tp_clear, tp_richcompare, tp_weaklistoffset,
            tp_iter, tp_iternext, tp_methods, tp_members, tp_getset, tp_base, tp_dict,
            tp_descr_get, tp_descr_set, tp_dictoffset, tp_init, tp_alloc, tp_new, tp_free,
            tp_is_gc, tp_bases, tp_mro, tp_cache, tp_subclasses, tp_weaklist, tp_del,
            tp_version_tag, tp_finalize, tp_vectorcall,
            #[cfg(not(Py_3_9))] tp_print,
            #[cfg(Py_3_12)] tp_watched,
            #[cfg(Py_3_13)] tp_versions_used,
        }
        PyDateTime_CAPI {
            DateType, DateTimeType, TimeType, DeltaType, TZInfoType, TimeZone_UTC,
            Date_FromDate, DateTime_FromDateAndTime, Time_FromTime, Delta_FromDelta,
            TimeZone_FromTimeZone, DateTime_FromTimestamp, Date_FromTimestamp,
            DateTime_FromDateAndTimeAndFold, Time_FromTimeAndFold,
        }
        PyDateTime_Date { hashcode, hastzinfo, data }
        PyDateTime_DateTime { hashcode, hastzinfo, data, fold, tzinfo }
        PyDateTime_Time { hashcode, hastzinfo, data, fold, tzinfo }
        PyDateTime_Delta { hashcode, days, seconds, microseconds }
        PyAsyncMethods {
            am_await, am_aiter, am_anext,
            #[cfg(Py_3_10)] am_send,
        }
        PyNumberMethods {
            nb_add, nb_subtract, nb_multiply, nb_remainder, nb_divmod, nb_power, nb_negative,
            nb_positive, nb_absolute, nb_bool, nb_invert, nb_lshift, nb_rshift, nb_and,
            nb_xor, nb_or, nb_int, nb_reserved, nb_float, nb_inplace_add,
            nb_inplace_subtract, nb_inplace_multiply, nb_inplace_remainder, nb_inplace_power,
            nb_inplace_lshift, nb_inplace_rshift, nb_inplace_and, nb_inplace_xor,
            nb_inplace_or, nb_floor_divide, nb_true_divide, nb_inplace_floor_divide,
            nb_inplace_true_divide, nb_index, nb_matrix_multiply, nb_inplace_matrix_multiply,
        }
        PySequenceMethods {
            sq_length, sq_concat, sq_repeat, sq_item, was_sq_slice, sq_ass_item,
            was_sq_ass_slice, sq_contains, sq_inplace_concat, sq_inplace_repeat,
        }
        PyMappingMethods { mp_length, mp_subscript, mp_ass_subscript }
        PyBufferProcs { bf_getbuffer, bf_releasebuffer }
        PyListObject { ob_base, ob_item, allocated }
        PyTupleObject { ob_base, ob_item }
        Py_complex { real, imag }
        PyComplexObject { ob_base, cval }
        PyFloatObject { ob_base, ob_fval }
        PyASCIIObject {
            ob_base, length, hash, state,
            #[cfg(not(Py_3_12))] wstr,
        }
    }
}

/// All checked items of this configuration.
fn all_items() -> Vec<Item> {
    let mut all = items();
    all.extend(common::items());
    #[cfg(not(Py_LIMITED_API))]
    all.extend(full::items());
    all
}

/// The value of `key=` in `bind_ffi::BUILD_CONFIG`.
fn build_config(key: &str) -> Option<String> {
    BUILD_CONFIG.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().to_owned())
    })
}

/// The include directories of the target interpreter (`include` and `platinclude`).
fn include_dirs() -> Vec<String> {
    let python = build_config("executable")
        .filter(|e| !e.is_empty())
        .expect("BUILD_CONFIG has no `executable=` line");
    let output = Command::new(&python)
        .args([
            "-c",
            "import sysconfig; p = sysconfig.get_paths(); print(p['include']); print(p['platinclude'])",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run the target interpreter `{python}`: {e}"));
    assert!(
        output.status.success(),
        "`{python}` could not report its include directory: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut dirs: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    dirs.dedup();
    assert!(
        Path::new(&dirs[0]).join("Python.h").is_file(),
        "no Python.h in `{}` (headers of `{python}` not installed?)",
        dirs[0]
    );
    dirs
}

/// The C program printing `key value` for every item.
fn c_source(items: &[Item]) -> String {
    let mut src = String::new();
    if let Some(min) = build_config("abi3").and_then(|v| v.parse::<u32>().ok()) {
        let _ = writeln!(src, "#define Py_LIMITED_API 0x03{min:02x}0000");
    }
    src.push_str("#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#include <structmember.h>\n");
    src.push_str("#include <datetime.h>\n");
    src.push_str("#include <stddef.h>\n#include <stdio.h>\n\nint main(void) {\n");
    for item in items {
        let _ = writeln!(
            src,
            "    printf(\"%s %zu\\n\", \"{}\", (size_t)({}));",
            item.key, item.c_expr
        );
    }
    src.push_str("    return 0;\n}\n");
    src
}

/// Compiles and runs the C program; returns its `key value` lines as a map.
fn run_c(source: &str, includes: &[String]) -> BTreeMap<String, usize> {
    let dir: PathBuf = std::env::temp_dir().join(format!("bind-ffi-layout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("cannot create a temporary directory");
    let c_file = dir.join("layout.c");
    let exe = dir.join("layout");
    std::fs::write(&c_file, source).expect("cannot write the C source");
    let cc = std::env::var("CC").unwrap_or_else(|_| "gcc".to_owned());
    let mut cmd = Command::new(&cc);
    for inc in includes {
        cmd.arg(format!("-I{inc}"));
    }
    cmd.arg("-o").arg(&exe).arg(&c_file);
    let output = cmd.output().unwrap_or_else(|e| {
        panic!("the layout test needs a C compiler: cannot run `{cc}` ({e}); install gcc or set CC")
    });
    assert!(
        output.status.success(),
        "`{cc}` failed to compile the layout probe {}:\n{}",
        c_file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let run = Command::new(&exe)
        .output()
        .expect("cannot run the compiled layout probe");
    assert!(
        run.status.success(),
        "the layout probe failed: {:?}",
        run.status
    );
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(|line| {
            let (key, value) = line.rsplit_once(' ').expect("malformed probe output");
            (
                key.to_owned(),
                value.parse().expect("malformed probe value"),
            )
        })
        .collect()
}

#[test]
fn struct_layouts_match_the_c_headers() {
    let items = all_items();
    let includes = include_dirs();
    let c = run_c(&c_source(&items), &includes);
    let mut mismatches = Vec::new();
    for item in &items {
        let c_value = c[&item.key];
        if c_value != item.rust {
            let what = if item.key.contains('.') {
                "offset"
            } else {
                "size"
            };
            mismatches.push(format!(
                "{}: C {what} {c_value} ({}), Rust {what} {}",
                item.key, item.c_expr, item.rust
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} layout mismatch(es) against the headers in {}:\n  {}",
        mismatches.len(),
        includes[0],
        mismatches.join("\n  ")
    );
    eprintln!(
        "checked {} sizes and offsets against {}",
        items.len(),
        includes[0]
    );
}
