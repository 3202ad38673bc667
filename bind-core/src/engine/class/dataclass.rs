//! Dataclass behaviours read back from the field descriptors: the generated constructor
//! (`init`), `__repr__` (`repr`), comparisons (`eq`, `order`), `__hash__` (`eq` with
//! `frozen`), `__match_args__` (`match_args`) and what the `dataclasses` module reads
//! (`dataclass`). Pickling and copying live in `pickle.rs`.
//!
//! Every behaviour walks the class's [`FieldDesc`]s and calls the typed glue of their
//! [`DataFieldDesc`]: a clone-out to Python, a conversion into uninitialised memory, a
//! default writer, a drop. The derive emits nothing else. The repr and comparisons of a
//! class whose fields are all primitives read them through the
//! `PrimitivePlan` of its record (`primitive_plan.rs`) instead: offsets and types
//! decoded once, the repr's text built once.
use super::borrow::{
    acquire_shared, check_readable_pair, mutably_borrowed, release_shared, LevelBorrow,
};
use super::primitive_plan::{Primitive, PrimitivePlan};
use super::record::{ClassRecord, LazyClass};
use super::PyClass;
use crate::conversion::FromPyObject;
use crate::engine::args::{argument_error, ParsedArgs};
use crate::engine::function::{FnBody, FnDesc};
use crate::engine::trampoline::trampoline;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::reflect::{
    DataFieldDesc, FieldDesc, FieldFlags, FieldInit, FieldKind, TypeDesc, TypeFlags,
};
use crate::reflect::{Param, ParamKind, Signature};
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
    /// The hooks of class `T`, if its options ask for them (`T::DATA_HOOKS`; the branch
    /// is decided at compile time, so a class without them instantiates none).
    pub(crate) fn of<T: PyClass>() -> Option<DataHooks> {
        if T::DATA_HOOKS {
            Some(DataHooks {
                construct: construct_from_args::<T>,
                repr: repr::<T>,
                richcompare: richcompare::<T>,
                hash: hash::<T>,
                reduce: super::pickle::reduce::<T>,
                from_fields: super::pickle::from_fields::<T>,
            })
        } else {
            None
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
    hooks: Option<&DataHooks>,
    user_constructor: bool,
) -> PyResult<Option<&'static FnDesc>> {
    let building = desc.flags.contains(TypeFlags::INIT) || desc.flags.contains(TypeFlags::PICKLE);
    if building && desc.fields.iter().any(|f| f.data.is_none()) {
        return Err(build_error(
            desc,
            "a field without dataclass glue (the descriptor must list every field)",
        ));
    }
    let (true, Some(hooks)) = (desc.flags.contains(TypeFlags::INIT), hooks) else {
        return Ok(None);
    };
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
    hooks: Option<&DataHooks>,
    taken: &dyn Fn(c_int) -> bool,
) -> Vec<ffi::PyType_Slot> {
    let mut slots = Vec::new();
    let Some(hooks) = hooks else {
        return slots;
    };
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
    subtype: Borrowed<'_, 'py, PyAny>,
    args: &ParsedArgs<'py>,
) -> PyResult<Owned<'py, PyAny>> {
    let subtype = super::init::instance_type::<T>(subtype)?;
    // SAFETY: `subtype` is `T`'s type or a subtype (checked); the descriptor lists every
    // field; the result is a new reference.
    unsafe {
        let obj = construct::<T, _>(gil, subtype, params_in_order(T::desc()), |i| {
            args.get(i).cloned()
        })?;
        Ok(Owned::from_owned_ptr(gil, obj))
    }
}

/// `__repr__`: `Name(field=repr(value), ...)`.
unsafe extern "C" fn repr<T: PyClass>(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the slot with the GIL held on an instance of T.
    unsafe { repr_slot(slf, T::lazy()) }
}

/// The generated `tp_repr` of the class `lazy` holds (one copy for every class): the
/// plan's text and values of an all-primitive class, else field by field. `extern "C"`
/// (called from Rust only) for a tail call from the per-class slot, as [`compare_slot`].
///
/// # Safety
/// Called from `tp_repr` with the GIL held; `slf` is an instance of the class.
#[allow(improper_ctypes_definitions)]
#[inline(never)]
unsafe extern "C" fn repr_slot(
    slf: *mut ffi::PyObject,
    lazy: &'static LazyClass,
) -> *mut ffi::PyObject {
    // SAFETY: the caller's guarantee.
    unsafe {
        trampoline(|gil| {
            let record = lazy.existing();
            match &record.primitives {
                Some(plan) => repr_planned(gil, record, plan, slf),
                None => repr_of(gil, record, slf),
            }
        })
    }
}

/// The text of a repr: bytes on the stack while they fit, on the heap beyond.
struct ReprBuf {
    /// Bytes written to `stack`, or [`SPILLED`] once the text moved to `heap`.
    len: usize,
    /// All the text once it outgrew `stack`.
    heap: Vec<u8>,
    stack: [MaybeUninit<u8>; REPR_STACK],
}

/// Bytes of a repr kept on the stack.
const REPR_STACK: usize = 160;

/// `ReprBuf::len` once the text lives on the heap: larger than the stack, so a push takes
/// one comparison to know where to go (adding a slice's length cannot overflow it).
const SPILLED: usize = usize::MAX / 2;

impl ReprBuf {
    #[inline(always)]
    fn new() -> ReprBuf {
        ReprBuf {
            len: 0,
            heap: Vec::new(),
            stack: [MaybeUninit::uninit(); REPR_STACK],
        }
    }

    #[inline(always)]
    fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if end <= REPR_STACK {
            // SAFETY: `len..end` lies inside `stack`; `bytes` is another object.
            unsafe {
                copy_short(
                    bytes.as_ptr(),
                    self.stack.as_mut_ptr().add(self.len).cast::<u8>(),
                    bytes.len(),
                )
            };
            self.len = end;
        } else {
            self.spill(bytes);
        }
    }

    /// Appends on the heap (moving the text there first).
    #[cold]
    #[inline(never)]
    fn spill(&mut self, bytes: &[u8]) {
        if self.len != SPILLED {
            let stack = self.stack_bytes();
            let mut heap = Vec::with_capacity(2 * (stack.len() + bytes.len()));
            heap.extend_from_slice(stack);
            self.heap = heap;
            self.len = SPILLED;
        }
        self.heap.extend_from_slice(bytes);
    }

    fn push_str(&mut self, text: &str) {
        self.push(text.as_bytes());
    }

    #[inline(always)]
    fn stack_bytes(&self) -> &[u8] {
        // SAFETY: `push` wrote the first `len` bytes of `stack` (`len` is at most
        // `REPR_STACK` until the text spills).
        unsafe { std::slice::from_raw_parts(self.stack.as_ptr().cast::<u8>(), self.len) }
    }

    #[inline(always)]
    fn as_bytes(&self) -> &[u8] {
        if self.len == SPILLED {
            &self.heap
        } else {
            self.stack_bytes()
        }
    }

    /// The text as a new Python `str`.
    #[inline(always)]
    fn to_py(&self, gil: Gil<'_>) -> PyResult<*mut ffi::PyObject> {
        let ascii = self.as_bytes().is_ascii();
        self.to_py_known(gil, ascii)
    }

    /// The text as a new Python `str`, `ascii` telling whether every byte is below 128
    /// (then it is copied straight into a new compact ASCII string where the full API
    /// allows it).
    #[inline(always)]
    fn to_py_known(&self, gil: Gil<'_>, ascii: bool) -> PyResult<*mut ffi::PyObject> {
        let bytes = self.as_bytes();
        #[cfg(not(Py_LIMITED_API))]
        if ascii {
            debug_assert!(bytes.is_ascii());
            return new_ascii_str(gil, bytes);
        }
        #[cfg(Py_LIMITED_API)]
        let _ = ascii;
        // SAFETY: UTF-8 text (names, CPython's reprs, number formatting).
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

/// Copies `n` bytes from `src` to `dst` (non-overlapping): short lengths (the pieces of a
/// repr) with a few overlapping moves inline, longer ones with `memcpy`.
///
/// # Safety
/// `src` is readable and `dst` writable for `n` bytes; the ranges do not overlap.
#[inline(always)]
unsafe fn copy_short(src: *const u8, dst: *mut u8, n: usize) {
    // SAFETY: every access lies in `0..n` of its range (the caller's guarantee); the
    // moves of each branch cover `0..n` together, overlapping in the middle.
    unsafe {
        if n > 16 {
            std::ptr::copy_nonoverlapping(src, dst, n);
        } else if n >= 8 {
            let head = src.cast::<u64>().read_unaligned();
            let tail = src.add(n - 8).cast::<u64>().read_unaligned();
            dst.cast::<u64>().write_unaligned(head);
            dst.add(n - 8).cast::<u64>().write_unaligned(tail);
        } else if n >= 4 {
            let head = src.cast::<u32>().read_unaligned();
            let tail = src.add(n - 4).cast::<u32>().read_unaligned();
            dst.cast::<u32>().write_unaligned(head);
            dst.add(n - 4).cast::<u32>().write_unaligned(tail);
        } else if n > 0 {
            let (first, middle, last) = (*src, *src.add(n / 2), *src.add(n - 1));
            *dst = first;
            *dst.add(n / 2) = middle;
            *dst.add(n - 1) = last;
        }
    }
}

/// A new `str` holding the ASCII text `bytes`.
#[cfg(not(Py_LIMITED_API))]
#[inline(always)]
fn new_ascii_str(gil: Gil<'_>, bytes: &[u8]) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: `PyUnicode_New(n, 127)` makes a compact ASCII string of `n` characters
    // (NUL-terminated already); its characters are written before anyone else sees it,
    // with bytes below 128 only (the caller's word, checked in debug builds).
    unsafe {
        let obj = ffi::PyUnicode_New(bytes.len() as ffi::Py_ssize_t, 127);
        if obj.is_null() {
            return Err(PyErr::fetch(gil));
        }
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), ffi::PyUnicode_ASCII_DATA(obj), bytes.len());
        Ok(obj)
    }
}

/// Whether `slf` is an instance of `record`'s class itself, not of a subclass.
fn is_exact(record: &ClassRecord, slf: *mut ffi::PyObject) -> bool {
    // SAFETY: live object.
    unsafe { ffi::Py_TYPE(slf) == record.type_object() }
}

/// Appends the `__qualname__` of `slf`'s class (a Python subclass: the repr shows it, as
/// `dataclasses` shows `type(self).__qualname__`). Runs Python code.
#[cold]
#[inline(never)]
fn push_qualname(gil: Gil<'_>, slf: *mut ffi::PyObject, out: &mut ReprBuf) -> PyResult<()> {
    // SAFETY: live object; its type is live while it is; a new reference is taken.
    let ty: Owned<'_, PyAny> = unsafe { Owned::from_borrowed_ptr(gil, ffi::Py_TYPE(slf).cast()) };
    out.push_str(&ty.getattr("__qualname__")?.extract::<String>()?);
    Ok(())
}

/// The repr of an instance of an all-primitive class: the plan's text, and the values
/// formatted from memory under a shared borrow (formatting a float allocates, and a
/// failed allocation may run Python code).
///
/// A float's text is copied one field later, after the next float is formatted: CPython
/// has just written it, and reading it at once waits for those stores (as the C peer,
/// which formats both floats before reading either).
///
/// # Safety
/// GIL held; `slf` is a live instance of `record`'s class (or a subclass).
#[inline(always)]
unsafe fn repr_planned(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    plan: &PrimitivePlan,
    slf: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    let mut out = ReprBuf::new();
    let exact = is_exact(record, slf);
    if !exact {
        push_qualname(gil, slf, &mut out)?;
    }
    let mut pending: Option<FloatText<'_>> = None;
    let mut formatted = true;
    {
        // SAFETY: the caller's guarantee; released at the end of the block.
        let _borrow = unsafe { LevelBorrow::shared(record, slf)? };
        let base = slf.cast::<u8>().cast_const();
        for (field, piece) in plan.repr_parts(exact) {
            // SAFETY: the plan's offset lies in the instance and holds its kind's type.
            let ptr = unsafe { base.add(field.offset) };
            // SAFETY: as above.
            match unsafe { float_value(field.kind, ptr) } {
                Some(value) => {
                    let Some(text) = FloatText::new(gil, value) else {
                        formatted = false;
                        break;
                    };
                    if let Some(previous) = pending.replace(text) {
                        out.push(previous.bytes());
                    }
                    out.push(piece);
                }
                None => {
                    if let Some(previous) = pending.take() {
                        out.push(previous.bytes());
                    }
                    out.push(piece);
                    // SAFETY: as above.
                    unsafe { push_integer(&mut out, field.kind, ptr) };
                }
            }
        }
    }
    if !formatted {
        return Err(PyErr::fetch(gil));
    }
    if let Some(last) = pending {
        out.push(last.bytes());
    }
    out.push(plan.repr_tail(exact));
    // The plan's text and formatted numbers are ASCII when the names are; a subclass's
    // qualified name is checked.
    if exact {
        out.to_py_known(gil, plan.repr_ascii())
    } else {
        out.to_py(gil)
    }
}

unsafe fn repr_of(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    slf: *mut ffi::PyObject,
) -> PyResult<*mut ffi::PyObject> {
    let mut out = ReprBuf::new();
    if is_exact(record, slf) {
        out.push(record.desc.name.to_bytes());
    } else {
        push_qualname(gil, slf, &mut out)?;
    }
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
            let primitive = match field.kind {
                FieldKind::Primitive(code) => Primitive::of_code(code),
                _ => None,
            };
            if let Some(kind) = primitive {
                match float_value(kind, ptr) {
                    Some(value) => match FloatText::new(gil, value) {
                        Some(text) => out.push(text.bytes()),
                        None => return Err(PyErr::fetch(gil)),
                    },
                    None => push_integer(&mut out, kind, ptr),
                }
                return Ok(());
            }
            let value = Owned::from_owned_ptr(gil, (data.value)(gil, ptr)?);
            objects.push((out.as_bytes().len(), value));
            Ok(())
        })?;
    }
    if objects.is_empty() {
        out.push_str(")");
        return out.to_py(gil);
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
    text.to_py(gil)
}

/// The value of a float field as an `f64` (`None` for the other kinds).
///
/// # Safety
/// `ptr` points at a value of the type `kind` names.
#[inline(always)]
unsafe fn float_value(kind: Primitive, ptr: *const u8) -> Option<f64> {
    // SAFETY: the caller's guarantee.
    unsafe {
        match kind {
            Primitive::F64 => Some(ptr.cast::<f64>().read_unaligned()),
            Primitive::F32 => Some(f64::from(ptr.cast::<f32>().read_unaligned())),
            _ => None,
        }
    }
}

/// Appends the `repr` of an integer or `bool` value read from memory (nothing for a
/// float kind).
///
/// # Safety
/// `ptr` points at a value of the type `kind` names.
#[inline(always)]
unsafe fn push_integer(out: &mut ReprBuf, kind: Primitive, ptr: *const u8) {
    // SAFETY: the caller's guarantee.
    unsafe {
        match kind {
            Primitive::F64 | Primitive::F32 => {}
            Primitive::Bool => out.push(if *ptr != 0 { b"True" } else { b"False" }),
            Primitive::U8 => push_int(out, false, u64::from(ptr.read())),
            Primitive::I8 => push_signed(out, i64::from(ptr.cast::<i8>().read())),
            Primitive::I16 => push_signed(out, i64::from(ptr.cast::<i16>().read_unaligned())),
            Primitive::U16 => push_int(out, false, u64::from(ptr.cast::<u16>().read_unaligned())),
            Primitive::I32 => push_signed(out, i64::from(ptr.cast::<i32>().read_unaligned())),
            Primitive::U32 => push_int(out, false, u64::from(ptr.cast::<u32>().read_unaligned())),
            Primitive::I64 => push_signed(out, ptr.cast::<i64>().read_unaligned()),
            Primitive::U64 => push_int(out, false, ptr.cast::<u64>().read_unaligned()),
            Primitive::Isize => push_signed(out, ptr.cast::<isize>().read_unaligned() as i64),
        }
    }
}

/// Appends `repr(int(value))`.
fn push_signed(out: &mut ReprBuf, value: i64) {
    push_int(out, value < 0, value.unsigned_abs());
}

/// Appends the decimal digits of `magnitude`, after a `-` when `negative`.
fn push_int(out: &mut ReprBuf, negative: bool, magnitude: u64) {
    let mut text = [0u8; 21];
    let mut at = text.len();
    let mut rest = magnitude;
    loop {
        at -= 1;
        text[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if negative {
        at -= 1;
        text[at] = b'-';
    }
    out.push(&text[at..]);
}

/// `repr(float(value))` as CPython writes it (its own `PyOS_double_to_string`), in a
/// buffer of CPython's, freed on drop (tied to the GIL: CPython's allocator needs it).
struct FloatText<'py>(
    std::ptr::NonNull<std::os::raw::c_char>,
    std::marker::PhantomData<Gil<'py>>,
);

impl<'py> FloatText<'py> {
    /// The text of `value`; `None` (an exception set) if CPython could not format it.
    #[inline(always)]
    fn new(_gil: Gil<'py>, value: f64) -> Option<FloatText<'py>> {
        // SAFETY: the GIL is held (the token); plain arguments.
        let buf = unsafe {
            ffi::PyOS_double_to_string(
                value,
                b'r' as _,
                0,
                ffi::Py_DTSF_ADD_DOT_0,
                std::ptr::null_mut(),
            )
        };
        std::ptr::NonNull::new(buf).map(|text| FloatText(text, std::marker::PhantomData))
    }

    /// The text, without its NUL.
    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        // SAFETY: a NUL-terminated buffer that lives until `self` drops.
        unsafe { std::ffi::CStr::from_ptr(self.0.as_ptr()).to_bytes() }
    }
}

impl Drop for FloatText<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: `PyOS_double_to_string` allocated it with `PyMem_Malloc`; freed once,
        // with the GIL held (`'py`).
        unsafe { ffi::PyMem_Free(self.0.as_ptr().cast()) };
    }
}

/// `tp_richcompare`: field by field, for instances of exactly the same class.
unsafe extern "C" fn richcompare<T: PyClass>(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls the slot with the GIL held; `slf` is an instance of T.
    unsafe { compare_slot(slf, other, op, T::lazy()) }
}

/// The generated `tp_richcompare` of the class `lazy` holds (one copy for every class).
///
/// The common case answers before the trampoline: two instances of an all-primitive
/// class, neither mutably borrowed, an operator the options allow. It reads numbers and
/// returns `True` or `False`: no Python code runs, nothing can fail or panic, no reference
/// is dropped. Everything else (and a pending release of references) takes the general
/// path, which also raises the errors.
///
/// `extern "C"` (called from Rust only) makes it and the general path `nounwind`, so the
/// per-class slot and this function reach them by tail calls (the slot's arguments come
/// first, so they stay in their registers).
///
/// # Safety
/// Called from `tp_richcompare` with the GIL held; `slf` is an instance of the class.
#[allow(improper_ctypes_definitions)]
#[inline(never)]
unsafe extern "C" fn compare_slot(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
    lazy: &'static LazyClass,
) -> *mut ffi::PyObject {
    if let Some(plan) = lazy.get().and_then(|record| record.primitives.as_ref()) {
        // SAFETY: the caller's guarantee: live objects, the GIL held; `other` is checked to
        // be an instance of the same class before it is read.
        unsafe {
            if plan.fast(op)
                && ffi::Py_TYPE(slf) == ffi::Py_TYPE(other)
                && !mutably_borrowed(plan.flag_offset, slf)
                && !mutably_borrowed(plan.flag_offset, other)
                && !crate::gil::has_pending_releases()
            {
                // Reading primitives runs no Python code: checking the flags suffices, no
                // borrow needs to be held while they are read.
                let result = plan_compare(plan, slf, other, op);
                let object = if result {
                    ffi::Py_True()
                } else {
                    ffi::Py_False()
                };
                ffi::Py_INCREF(object);
                return object;
            }
        }
    }
    // SAFETY: forwarded.
    unsafe { compare_general(slf, other, op, lazy) }
}

/// Everything [`compare_slot`] does not answer itself, under the trampoline.
///
/// # Safety
/// As [`compare_slot`].
#[allow(improper_ctypes_definitions)]
#[inline(never)]
unsafe extern "C" fn compare_general(
    slf: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
    lazy: &'static LazyClass,
) -> *mut ffi::PyObject {
    // SAFETY: the caller's guarantee.
    unsafe {
        trampoline(|gil| {
            let record = lazy.existing();
            let flags = record.desc.flags;
            let allowed = match op {
                ffi::Py_EQ | ffi::Py_NE => flags.contains(TypeFlags::EQ),
                _ => flags.contains(TypeFlags::ORDER),
            };
            if !allowed || ffi::Py_TYPE(slf) != ffi::Py_TYPE(other) {
                return Ok(crate::engine::protocols::not_implemented());
            }
            match &record.primitives {
                Some(plan) => {
                    check_readable_pair(record, slf, other)?;
                    Ok(gil.bool(plan_compare(plan, slf, other, op)).into_ptr())
                }
                None => compare_tuples(gil, record, slf, other, op),
            }
        })
    }
}

/// The comparison of two instances of an all-primitive class, read from memory as
/// Python compares tuples of the values: the first pair that is not equal decides (a
/// `NaN` is unequal to everything and orders neither way).
///
/// # Safety
/// GIL held; `a` and `b` are live instances of the planned level, neither mutably
/// borrowed (nor owned by another thread).
#[inline(always)]
unsafe fn plan_compare(
    plan: &PrimitivePlan,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: c_int,
) -> bool {
    let (a, b) = (a.cast::<u8>().cast_const(), b.cast::<u8>().cast_const());
    // SAFETY: the caller's guarantee.
    unsafe {
        match op {
            ffi::Py_EQ => plan.equal(a, b),
            ffi::Py_NE => !plan.equal(a, b),
            _ => order_holds(op, plan.first_difference(a, b)),
        }
    }
}

/// Whether the ordering `op` holds, given the order of the first unequal pair of fields
/// (`None`: all equal; `Some(None)`: a `NaN` decides).
fn order_holds(op: c_int, decided: Option<Option<std::cmp::Ordering>>) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    match decided {
        None => matches!(op, ffi::Py_EQ | ffi::Py_LE | ffi::Py_GE),
        Some(order) => match op {
            ffi::Py_EQ => false,
            ffi::Py_NE => true,
            ffi::Py_LT => order == Some(Less),
            ffi::Py_LE => matches!(order, Some(Less | Equal)),
            ffi::Py_GT => order == Some(Greater),
            _ => matches!(order, Some(Greater | Equal)),
        },
    }
}

/// The comparison of two instances through tuples of their field values.
///
/// # Safety
/// GIL held; `a` and `b` are live instances of `record`'s class.
#[inline(never)]
unsafe fn compare_tuples(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    a: *mut ffi::PyObject,
    b: *mut ffi::PyObject,
    op: c_int,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: the caller's guarantee; the tuples are owned while compared.
    unsafe {
        let mine = field_tuple(gil, record, a)?;
        let theirs = field_tuple(gil, record, b)?;
        let result = ffi::PyObject_RichCompare(mine.as_ptr(), theirs.as_ptr(), op);
        if result.is_null() {
            Err(PyErr::fetch(gil))
        } else {
            Ok(result)
        }
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
