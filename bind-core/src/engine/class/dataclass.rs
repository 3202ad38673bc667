//! Dataclass behaviours read back from the field descriptors: the generated constructor
//! (`init`), `__repr__` (`repr`), comparisons (`eq`, `order`), `__hash__` (`eq` with
//! `frozen`), `__match_args__` (`match_args`) and what the `dataclasses` module reads
//! (`dataclass`). Pickling and copying live in `pickle.rs`.
//!
//! Every behaviour walks the class's [`FieldDesc`]s and calls the typed glue of their
//! [`DataFieldDesc`]: a clone-out to Python, a conversion into uninitialised memory, a
//! default writer, a drop. The derive emits nothing else.
use super::borrow::{acquire_shared, check_readable, release_shared};
use super::record::ClassRecord;
use super::PyClass;
use crate::conversion::FromPyObject;
use crate::engine::args::{argument_error, ParsedArgs};
use crate::engine::function::{FnBody, FnDesc};
use crate::engine::signature::{Param, ParamKind, Signature};
use crate::engine::trampoline::trampoline;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::{
    DataFieldDesc, FieldDesc, FieldFlags, FieldInit, FieldKind, TypeDesc, TypeFlags,
};
use crate::types::{PyAny, PyDict, PyList, PyTuple};
use std::mem::MaybeUninit;
use std::os::raw::{c_int, c_void};

/// Typed glue of a field's conversion from Python into uninitialised memory.
///
/// # Safety
/// `ptr` points at uninitialised, aligned memory for an `F`.
pub unsafe fn init_field<F>(_gil: Gil<'_>, ptr: *mut u8, value: &Owned<'_, PyAny>) -> PyResult<()>
where
    F: for<'a, 'py> FromPyObject<'a, 'py>,
{
    let new = F::extract(value)?;
    // SAFETY: the caller's guarantee.
    unsafe { ptr.cast::<F>().write(new) };
    Ok(())
}

/// A field's Rust default (`default = expr` / `default_factory = path`), implemented by
/// the derive on a marker type per field.
pub trait FieldDefaultValue {
    /// The field's type.
    type Value;
    /// A fresh default.
    fn value() -> Self::Value;
}

/// Typed glue writing a field's default.
///
/// # Safety
/// `ptr` points at uninitialised, aligned memory for an `H::Value`.
pub unsafe fn write_default<H: FieldDefaultValue>(ptr: *mut u8) {
    // SAFETY: the caller's guarantee.
    unsafe { ptr.cast::<H::Value>().write(H::value()) }
}

/// The probe the derive calls `init_glue()` on: finds a field type's conversion from
/// Python by autoref specialisation, or `None`.
pub struct InitProbe<F>(std::marker::PhantomData<F>);

impl<F> InitProbe<F> {
    /// The probe value.
    pub const NEW: Self = InitProbe(std::marker::PhantomData);
}

/// Chosen when the field type converts from Python.
pub trait InitViaExtract {
    /// The conversion glue.
    fn init_glue(&self) -> Option<FieldInit>;
}

impl<F: for<'a, 'py> FromPyObject<'a, 'py>> InitViaExtract for InitProbe<F> {
    fn init_glue(&self) -> Option<FieldInit> {
        Some(init_field::<F>)
    }
}

/// Chosen (one autoref later) when it does not.
pub trait InitFallback {
    /// No conversion.
    fn init_glue(&self) -> Option<FieldInit> {
        None
    }
}

impl<F> InitFallback for &InitProbe<F> {}

/// The entry points of the dataclass behaviours, instantiated for one class.
pub(crate) struct DataHooks {
    construct: FnBody,
    repr: ffi::reprfunc,
    richcompare: ffi::richcmpfunc,
    hash: ffi::hashfunc,
    pub(crate) reduce: ffi::PyCFunction,
    pub(crate) from_fields: ffi::PyCFunction,
}

impl DataHooks {
    /// The hooks of class `T`.
    pub(crate) fn of<T: PyClass>() -> DataHooks {
        DataHooks {
            construct: construct_from_args::<T>,
            repr: repr::<T>,
            richcompare: richcompare::<T>,
            hash: hash::<T>,
            reduce: super::pickle::reduce::<T>,
            from_fields: super::pickle::from_fields::<T>,
        }
    }
}

/// The fields that take part in the dataclass behaviours, in declaration order.
pub(crate) fn data_fields(
    desc: &'static TypeDesc,
) -> impl Iterator<Item = (&'static FieldDesc, &'static DataFieldDesc)> + Clone {
    desc.fields
        .iter()
        .filter_map(|f| f.data.map(|data| (f, data)))
}

/// The constructor's parameters in order: positional fields, then keyword-only ones (as
/// `dataclasses` orders `__init__`).
fn params_in_order(
    desc: &'static TypeDesc,
) -> impl Iterator<Item = (&'static FieldDesc, &'static DataFieldDesc)> + Clone {
    let positional = data_fields(desc).filter(|(f, _)| !f.flags.contains(FieldFlags::KW_ONLY));
    let keyword = data_fields(desc).filter(|(f, _)| f.flags.contains(FieldFlags::KW_ONLY));
    positional.chain(keyword)
}

#[cold]
fn build_error(desc: &TypeDesc, what: &str) -> PyErr {
    PyTypeError::new_err(format!("cannot create class '{}': {what}", desc.name_str()))
}

/// The generated constructor of class option `init` (`None` without it). A `#[new]`
/// constructor and `init` exclude each other.
pub(crate) fn constructor(
    desc: &'static TypeDesc,
    hooks: &DataHooks,
    user_constructor: bool,
) -> PyResult<Option<&'static FnDesc>> {
    let building = desc.flags.contains(TypeFlags::INIT) || desc.flags.contains(TypeFlags::PICKLE);
    if building && desc.fields.iter().any(|f| f.data.is_none()) {
        return Err(build_error(
            desc,
            "a field without dataclass glue (the descriptor must list every field)",
        ));
    }
    if !desc.flags.contains(TypeFlags::INIT) {
        return Ok(None);
    }
    if user_constructor {
        return Err(build_error(
            desc,
            "the class option `init` generates the constructor: remove `#[new]` or `init`",
        ));
    }
    let mut params = Vec::new();
    for (field, data) in params_in_order(desc) {
        let name = field.name.to_str().unwrap_or("?");
        if (data.init)().is_none() {
            return Err(build_error(
                desc,
                &format!(
                    "field '{name}' of type {} has no conversion from Python (the \
                     class option `init` needs one)",
                    data.type_name
                ),
            ));
        }
        params.push(Param {
            name,
            kind: if field.flags.contains(FieldFlags::KW_ONLY) {
                ParamKind::KeywordOnly
            } else {
                ParamKind::PositionalOrKeyword
            },
            required: data.default.is_none(),
        });
    }
    let params: &'static [Param] = Box::leak(params.into_boxed_slice());
    let fn_desc = FnDesc {
        signature: Signature::new(desc.name_str(), params, false, false),
        body: hooks.construct,
    };
    Ok(Some(Box::leak(Box::new(fn_desc))))
}

/// The type slots the options ask for, skipping those an impl block fills itself.
pub(crate) fn type_slots(
    desc: &'static TypeDesc,
    hooks: &DataHooks,
    taken: &dyn Fn(c_int) -> bool,
) -> Vec<ffi::PyType_Slot> {
    let mut slots = Vec::new();
    let mut push = |slot: c_int, pfunc: *mut c_void| {
        if !taken(slot) {
            slots.push(ffi::PyType_Slot { slot, pfunc });
        }
    };
    let flags = desc.flags;
    if flags.contains(TypeFlags::REPR) {
        push(ffi::Py_tp_repr, hooks.repr as *mut c_void);
    }
    if flags.contains(TypeFlags::EQ) || flags.contains(TypeFlags::ORDER) {
        push(ffi::Py_tp_richcompare, hooks.richcompare as *mut c_void);
    }
    if flags.contains(TypeFlags::EQ) {
        // As `@dataclass(eq=True)`: hashable by the fields when frozen, else unhashable.
        let hash = if flags.contains(TypeFlags::FROZEN) {
            hooks.hash as *mut c_void
        } else {
            ffi::PyObject_HashNotImplemented as *mut c_void
        };
        push(ffi::Py_tp_hash, hash);
    }
    slots
}

/// Sets the class attributes the options ask for: `__match_args__`, and (`init`,
/// `dataclass`) `__signature__`, `__dataclass_fields__`, `__dataclass_params__`.
pub(crate) fn install(
    gil: Gil<'_>,
    ty: &Owned<'_, PyAny>,
    desc: &'static TypeDesc,
) -> PyResult<()> {
    let flags = desc.flags;
    if flags.contains(TypeFlags::MATCH_ARGS) {
        let names = data_fields(desc)
            .filter(|(f, _)| {
                !(flags.contains(TypeFlags::INIT) && f.flags.contains(FieldFlags::KW_ONLY))
            })
            .map(|(f, _)| f.name.to_str().unwrap_or("?"))
            .collect::<Vec<_>>();
        ty.setattr("__match_args__", PyTuple::new(gil, names)?)?;
    }
    if !(flags.contains(TypeFlags::INIT) || flags.contains(TypeFlags::DATACLASS)) {
        return Ok(());
    }
    let fields = PyList::new(gil, std::iter::empty::<Owned<'_, PyAny>>())?;
    for (field, data) in data_fields(desc) {
        let default = match data.default {
            Some(write) => Some(default_to_py(gil, data, write)?),
            None => None,
        };
        let spec = PyDict::new(gil);
        spec.set_item("name", field.name.to_str().unwrap_or("?"))?;
        spec.set_item("type", data.type_name)?;
        spec.set_item("has_default", default.is_some())?;
        spec.set_item("default", default)?;
        spec.set_item("factory", field.flags.contains(FieldFlags::DEFAULT_FACTORY))?;
        spec.set_item("kw_only", field.flags.contains(FieldFlags::KW_ONLY))?;
        fields.append(spec)?;
    }
    let options = PyDict::new(gil);
    options.set_item("init", flags.contains(TypeFlags::INIT))?;
    options.set_item("repr", flags.contains(TypeFlags::REPR))?;
    options.set_item("eq", flags.contains(TypeFlags::EQ))?;
    options.set_item("order", flags.contains(TypeFlags::ORDER))?;
    options.set_item("frozen", flags.contains(TypeFlags::FROZEN))?;
    let globals = PyDict::new(gil);
    gil.run(include_str!("dataclass_support.py"), Some(&globals), None)?;
    let describe = globals
        .get_item("describe")?
        .ok_or_else(|| build_error(desc, "the dataclass support code did not load"))?;
    let attrs = describe.call1((
        ty.clone(),
        fields,
        options,
        flags.contains(TypeFlags::DATACLASS),
    ))?;
    let attrs: Owned<'_, PyDict> = attrs.downcast_into::<PyDict>().map_err(PyErr::from)?;
    for (name, value) in attrs.iter() {
        ty.setattr(name.extract::<String>()?.as_str(), value)?;
    }
    Ok(())
}

/// A field's default as a Python value (for the signature and `dataclasses.Field`):
/// written once into a buffer of the field's layout, cloned out, dropped.
fn default_to_py<'py>(
    gil: Gil<'py>,
    data: &DataFieldDesc,
    write: crate::reflect::FieldDefault,
) -> PyResult<Owned<'py, PyAny>> {
    let layout = std::alloc::Layout::from_size_align(data.size.max(1), data.align.max(1))
        .map_err(|_| PyTypeError::new_err("invalid field layout"))?;
    // SAFETY: a buffer of the field's size and alignment; the default is written, read
    // and dropped in it, then the buffer is freed.
    unsafe {
        let buf = std::alloc::alloc(layout);
        if buf.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        write(buf);
        let value = (data.value)(gil, buf);
        (data.drop)(buf);
        std::alloc::dealloc(buf, layout);
        Ok(Owned::from_owned_ptr(gil, value?))
    }
}

/// Reads the fields of `obj` (class level `record`) under a shared borrow, calling `each`
/// with each field and a pointer to its value.
///
/// # Safety
/// GIL held; `obj` is a live instance of `record`'s class (or a subclass).
pub(crate) unsafe fn read_fields<'py>(
    gil: Gil<'py>,
    record: &'static ClassRecord,
    obj: *mut ffi::PyObject,
    mut each: impl FnMut(&'static FieldDesc, &'static DataFieldDesc, *const u8) -> PyResult<()>,
) -> PyResult<()> {
    let _ = gil;
    // SAFETY: the caller's guarantee; the borrow is released on every path.
    unsafe {
        let data = acquire_shared(record, obj)?;
        let mut result = Ok(());
        for (field, desc) in data_fields(record.desc) {
            result = each(field, desc, data.add(field.offset));
            if result.is_err() {
                break;
            }
        }
        release_shared(record, obj);
        result
    }
}

/// The field values of `obj` as a tuple (comparison, hashing, pickling).
///
/// # Safety
/// As [`read_fields`].
pub(crate) unsafe fn field_tuple<'py>(
    gil: Gil<'py>,
    record: &'static ClassRecord,
    obj: *mut ffi::PyObject,
) -> PyResult<Owned<'py, PyTuple>> {
    let mut values: smallvec::SmallVec<[Owned<'py, PyAny>; 8]> = smallvec::SmallVec::new();
    // SAFETY: forwarded; the glue returns a new reference.
    unsafe {
        read_fields(gil, record, obj, |_, data, ptr| {
            let value = (data.value)(gil, ptr)?;
            values.push(Owned::from_owned_ptr(gil, value));
            Ok(())
        })?;
    }
    PyTuple::new(gil, values)
}

/// Builds a `T` from one Python value per field (`arg(i)` for the `i`-th field of
/// `order`, `None` to take the field's default) and creates the instance of `subtype`.
///
/// # Safety
/// GIL held; `subtype` is `T`'s type or a subtype of it; `order` yields every field of
/// `T` exactly once (the descriptor of a class with dataclass options lists them all).
pub(crate) unsafe fn construct<'py, T: PyClass, A>(
    gil: Gil<'py>,
    subtype: *mut ffi::PyTypeObject,
    order: impl Iterator<Item = (&'static FieldDesc, &'static DataFieldDesc)> + Clone,
    mut arg: A,
) -> PyResult<*mut ffi::PyObject>
where
    A: FnMut(usize) -> Option<Owned<'py, PyAny>>,
{
    let mut value = MaybeUninit::<T>::uninit();
    let base = value.as_mut_ptr().cast::<u8>();
    for (index, (field, data)) in order.clone().enumerate() {
        // SAFETY: the offset lies in `value`; the glue writes the field's type there.
        let written = unsafe {
            let ptr = base.add(field.offset);
            match (arg(index), data.default) {
                (Some(v), _) => match (data.init)() {
                    Some(init) => init(gil, ptr, &v)
                        .map_err(|e| argument_error(gil, e, field.name.to_str().unwrap_or("?"))),
                    None => Err(no_conversion(T::desc(), field, data)),
                },
                (None, Some(default)) => {
                    default(ptr);
                    Ok(())
                }
                (None, None) => Err(PyTypeError::new_err(format!(
                    "{}() missing required argument '{}'",
                    T::desc().name_str(),
                    field.name.to_string_lossy()
                ))),
            }
        };
        if let Err(err) = written {
            for (done, data) in order.take(index) {
                // SAFETY: written above, not used again.
                unsafe { (data.drop)(base.add(done.offset)) };
            }
            return Err(err);
        }
    }
    // SAFETY: every field was written (the caller's guarantee on `order`).
    let value = unsafe { value.assume_init() };
    // SAFETY: forwarded.
    unsafe { super::init::create_root_instance::<T>(gil, subtype, value) }
}

#[cold]
pub(crate) fn no_conversion(desc: &TypeDesc, field: &FieldDesc, data: &DataFieldDesc) -> PyErr {
    PyTypeError::new_err(format!(
        "cannot build '{}' from Python values: field '{}' of type {} has no conversion \
         from Python",
        desc.name_str(),
        field.name.to_string_lossy(),
        data.type_name
    ))
}

/// The generated constructor's body (the engine's parser has matched the arguments to
/// the parameters of [`constructor`]).
fn construct_from_args<'py, T: PyClass>(
    gil: Gil<'py>,
    subtype: *mut ffi::PyObject,
    args: &ParsedArgs<'py>,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: the engine passes the subtype as `slf`; the descriptor lists every field.
    unsafe {
        construct::<T, _>(gil, subtype.cast(), params_in_order(T::desc()), |i| {
            args.get(i).cloned()
        })
    }
}

/// `__repr__`: `Name(field=repr(value), ...)`.
unsafe extern "C" fn repr<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the slot with the GIL held on an instance of T.
    unsafe { trampoline(|gil| repr_of(gil, T::lazy().existing(), slf)) }
}

/// The text of a repr: bytes on the stack while they fit, on the heap beyond.
struct ReprBuf {
    stack: [u8; REPR_STACK],
    len: usize,
    heap: Vec<u8>,
}

/// Bytes of a repr kept on the stack.
const REPR_STACK: usize = 160;

impl ReprBuf {
    fn new() -> ReprBuf {
        ReprBuf {
            stack: [0; REPR_STACK],
            len: 0,
            heap: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, bytes: &[u8]) {
        if self.heap.is_empty() && self.len + bytes.len() <= REPR_STACK {
            self.stack[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            self.spill(bytes);
        }
    }

    #[cold]
    fn spill(&mut self, bytes: &[u8]) {
        if self.heap.is_empty() {
            self.heap.extend_from_slice(&self.stack[..self.len]);
        }
        self.heap.extend_from_slice(bytes);
    }

    fn push_str(&mut self, text: &str) {
        self.push(text.as_bytes());
    }

    fn as_bytes(&self) -> &[u8] {
        if self.heap.is_empty() {
            &self.stack[..self.len]
        } else {
            &self.heap
        }
    }

    /// The text as a new Python `str`.
    fn into_py(self, gil: Gil<'_>) -> PyResult<*mut ffi::PyObject> {
        let bytes = self.as_bytes();
        // SAFETY: UTF-8 text (names, CPython's reprs, Rust's number formatting).
        let obj = unsafe {
            ffi::PyUnicode_FromStringAndSize(bytes.as_ptr().cast(), bytes.len() as ffi::Py_ssize_t)
        };
        if obj.is_null() {
            Err(PyErr::fetch(gil))
        } else {
            Ok(obj)
        }
    }
}

impl std::fmt::Write for ReprBuf {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

/// The class name shown by the repr: the class's own name, or the `__qualname__` of a
/// Python subclass (as `dataclasses` shows `type(self).__qualname__`).
fn repr_name(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    slf: *mut ffi::PyObject,
    out: &mut ReprBuf,
) -> PyResult<()> {
    // SAFETY: live object; its type is live while it is.
    let ty = unsafe { ffi::Py_TYPE(slf) };
    if ty == record.type_object() {
        out.push(record.desc.name.to_bytes());
        return Ok(());
    }
    // SAFETY: as above; a new reference is taken.
    let ty: Owned<'_, PyAny> = unsafe { Owned::from_borrowed_ptr(gil, ty.cast()) };
    out.push_str(&ty.getattr("__qualname__")?.extract::<String>()?);
    Ok(())
}

unsafe fn repr_of(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    slf: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    let mut out = ReprBuf::new();
    repr_name(gil, record, slf, &mut out)?;
    out.push_str("(");
    // Primitive fields are formatted from memory under the shared borrow; the values of
    // other fields are cloned out then, and their `repr` runs once the borrow is released
    // (it may run any Python code). `objects` keeps each one's insertion point.
    let mut objects: smallvec::SmallVec<[(usize, Owned<'_, PyAny>); 4]> = smallvec::SmallVec::new();
    let mut first = true;
    // SAFETY: slf is an instance; primitive fields hold the type their code names.
    unsafe {
        read_fields(gil, record, slf, |field, data, ptr| {
            if !first {
                out.push_str(", ");
            }
            first = false;
            out.push(field.name.to_bytes());
            out.push(b"=");
            if let FieldKind::Primitive(code) = field.kind {
                if format_primitive(&mut out, code, ptr)? {
                    return Ok(());
                }
            }
            let value = Owned::from_owned_ptr(gil, (data.value)(gil, ptr)?);
            objects.push((out.as_bytes().len(), value));
            Ok(())
        })?;
    }
    if objects.is_empty() {
        out.push_str(")");
        return out.into_py(gil);
    }
    // As `reprlib.recursive_repr` in `dataclasses`: a cycle shows `...`.
    // SAFETY: live object, GIL held.
    match unsafe { ffi::Py_ReprEnter(slf) } {
        0 => {}
        r if r > 0 => return Ok(crate::types::PyStr::new(gil, "...").into_ptr()),
        _ => return Err(PyErr::fetch(gil)),
    }
    let shown: PyResult<Vec<String>> = objects
        .iter()
        .map(|(_, value)| Ok(value.repr()?.to_str()?.into_owned()))
        .collect();
    // SAFETY: entered above.
    unsafe { ffi::Py_ReprLeave(slf) };
    let shown = shown?;
    let mut text = ReprBuf::new();
    let mut copied = 0;
    for ((at, _), repr) in objects.iter().zip(&shown) {
        text.push(&out.as_bytes()[copied..*at]);
        text.push_str(repr);
        copied = *at;
    }
    text.push(&out.as_bytes()[copied..]);
    text.push_str(")");
    text.into_py(gil)
}

/// Appends the `repr` of a primitive field read from memory; false for a code it does
/// not format itself.
///
/// # Safety
/// `ptr` points at a value of the type `code` names.
unsafe fn format_primitive(out: &mut ReprBuf, code: c_int, ptr: *const u8) -> PyResult<bool> {
    use std::fmt::Write;
    // SAFETY: the caller's guarantee (codes come from the sealed `MemberType`).
    unsafe {
        let _ = match code {
            ffi::T_DOUBLE => return Ok(format_float(out, ptr.cast::<f64>().read_unaligned())),
            ffi::T_FLOAT => {
                return Ok(format_float(
                    out,
                    f64::from(ptr.cast::<f32>().read_unaligned()),
                ))
            }
            ffi::T_BOOL => {
                out.push_str(if *ptr != 0 { "True" } else { "False" });
                return Ok(true);
            }
            ffi::T_BYTE => write!(out, "{}", ptr.cast::<i8>().read()),
            ffi::T_UBYTE => write!(out, "{}", ptr.read()),
            ffi::T_SHORT => write!(out, "{}", ptr.cast::<i16>().read_unaligned()),
            ffi::T_USHORT => write!(out, "{}", ptr.cast::<u16>().read_unaligned()),
            ffi::T_INT => write!(out, "{}", ptr.cast::<i32>().read_unaligned()),
            ffi::T_UINT => write!(out, "{}", ptr.cast::<u32>().read_unaligned()),
            ffi::T_LONGLONG => write!(out, "{}", ptr.cast::<i64>().read_unaligned()),
            ffi::T_ULONGLONG => write!(out, "{}", ptr.cast::<u64>().read_unaligned()),
            ffi::T_PYSSIZET => write!(out, "{}", ptr.cast::<isize>().read_unaligned()),
            _ => return Ok(false),
        };
    }
    Ok(true)
}

/// Appends `repr(float(value))`; false (nothing appended) if CPython could not format it.
fn format_float(out: &mut ReprBuf, value: f64) -> bool {
    // SAFETY: `PyOS_double_to_string` returns a NUL-terminated buffer owned by us (or
    // null with an exception set, cleared here: the caller falls back to `repr`).
    unsafe {
        let buf = ffi::PyOS_double_to_string(
            value,
            b'r' as _,
            0,
            ffi::Py_DTSF_ADD_DOT_0,
            std::ptr::null_mut(),
        );
        if buf.is_null() {
            ffi::PyErr_Clear();
            return false;
        }
        out.push(std::ffi::CStr::from_ptr(buf).to_bytes());
        ffi::PyMem_Free(buf.cast());
    }
    true
}

/// `tp_richcompare`: the fields as tuples, for instances of exactly the same class.
unsafe extern "C" fn richcompare<T: PyClass>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the slot with the GIL held; `slf` is an instance of T.
    unsafe {
        trampoline(|gil| {
            let record = T::lazy().existing();
            let flags = record.desc.flags;
            let allowed = match op {
                ffi::Py_EQ | ffi::Py_NE => flags.contains(TypeFlags::EQ),
                _ => flags.contains(TypeFlags::ORDER),
            };
            if !allowed || ffi::Py_TYPE(slf) != ffi::Py_TYPE(other) {
                return Ok(crate::engine::protocols::not_implemented());
            }
            if let Some(result) = compare_primitives(record, slf, other, op)? {
                return Ok(gil.bool(result).into_ptr());
            }
            let mine = field_tuple(gil, record, slf)?;
            let theirs = field_tuple(gil, record, other)?;
            let result = ffi::PyObject_RichCompare(mine.as_ptr(), theirs.as_ptr(), op);
            if result.is_null() {
                Err(PyErr::fetch(gil))
            } else {
                Ok(result)
            }
        })
    }
}

/// The comparison of two instances whose fields are all primitives, read from memory
/// as Python compares tuples of them: the first pair that is not equal decides (a `NaN`
/// is unequal to everything and orders neither way). `None` when a field is not a
/// primitive (the tuple path compares those).
///
/// # Safety
/// GIL held; `a` and `b` are live instances of `record`'s class.
unsafe fn compare_primitives(
    record: &'static ClassRecord,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: c_int,
) -> PyResult<Option<bool>> {
    if !record.primitive_fields {
        return Ok(None);
    }
    let fields = record.desc.fields;
    // SAFETY: the caller's guarantee. Reading primitives runs no Python code, so checking
    // that neither value is mutably borrowed (nor owned by another thread) is enough: no
    // borrow needs to be held while they are read.
    unsafe {
        check_readable(record, a)?;
        check_readable(record, b)?;
        let left = a.cast::<u8>().add(record.layout.data_offset);
        let right = b.cast::<u8>().add(record.layout.data_offset);
        let mut decided = None;
        for field in fields {
            let FieldKind::Primitive(code) = field.kind else {
                continue;
            };
            let order = primitive_order(code, left.add(field.offset), right.add(field.offset));
            if order != Some(std::cmp::Ordering::Equal) {
                decided = Some(order);
                break;
            }
        }
        use std::cmp::Ordering::{Equal, Greater, Less};
        Ok(Some(match decided {
            None => matches!(op, ffi::Py_EQ | ffi::Py_LE | ffi::Py_GE),
            Some(order) => match op {
                ffi::Py_EQ => false,
                ffi::Py_NE => true,
                ffi::Py_LT => order == Some(Less),
                ffi::Py_LE => matches!(order, Some(Less | Equal)),
                ffi::Py_GT => order == Some(Greater),
                _ => matches!(order, Some(Greater | Equal)),
            },
        }))
    }
}

/// Orders two primitive values of the type `code` names (`None`: a `NaN` is involved).
///
/// # Safety
/// Both pointers point at values of that type.
unsafe fn primitive_order(code: c_int, a: *const u8, b: *const u8) -> Option<std::cmp::Ordering> {
    macro_rules! cmp {
        ($ty:ty) => {
            // SAFETY: the caller's guarantee.
            unsafe {
                a.cast::<$ty>()
                    .read_unaligned()
                    .partial_cmp(&b.cast::<$ty>().read_unaligned())
            }
        };
    }
    match code {
        ffi::T_DOUBLE => cmp!(f64),
        ffi::T_FLOAT => cmp!(f32),
        ffi::T_BOOL | ffi::T_UBYTE => cmp!(u8),
        ffi::T_BYTE => cmp!(i8),
        ffi::T_SHORT => cmp!(i16),
        ffi::T_USHORT => cmp!(u16),
        ffi::T_INT => cmp!(i32),
        ffi::T_UINT => cmp!(u32),
        ffi::T_LONGLONG => cmp!(i64),
        ffi::T_ULONGLONG => cmp!(u64),
        ffi::T_PYSSIZET => cmp!(isize),
        _ => None,
    }
}

/// `tp_hash` of a frozen `eq` class: the hash of the field tuple.
unsafe extern "C" fn hash<T: PyClass>(slf: *mut ffi::PyObject) -> ffi::Py_hash_t {
    // SAFETY: CPython calls the slot with the GIL held; `slf` is an instance of T.
    unsafe {
        trampoline(|gil| {
            let values = field_tuple(gil, T::lazy().existing(), slf)?;
            let h = ffi::PyObject_Hash(values.as_ptr());
            if h == -1 {
                Err(PyErr::fetch(gil))
            } else {
                Ok(h)
            }
        })
    }
}
