//! Construction: initializers (the value of each class level), instance allocation, and
//! the `tp_new` / type-vectorcall entry points that run a `#[new]` constructor.
use super::base::ClassBase;
use super::record::ClassRecord;
use super::PyClass;
#[cfg(not(Py_LIMITED_API))]
use crate::engine::args::ParsedArgs;
#[cfg(not(Py_LIMITED_API))]
use crate::engine::function::call_fastcall;
use crate::engine::function::call_varargs;
use crate::engine::trampoline::trampoline;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::{Borrowed, Owned};
use crate::types::PyAny;

/// The values of every bind level of a new instance: the class's own value and its base's
/// initializer. `#[new]` may return `Self`, `(Self, Base)` or an `Initializer<Self>`.
pub struct Initializer<T: PyClass> {
    value: T,
    base: <T::Base as ClassBase>::Init,
}

impl<T: PyClass> Initializer<T> {
    /// An initializer from the class's value and its base's initializer.
    pub fn new(value: T, base: <T::Base as ClassBase>::Init) -> Self {
        Initializer { value, base }
    }

    /// Extends this initializer with a subclass value: `Initializer::from(Base { .. })
    /// .add_subclass(Sub { .. })`.
    pub fn add_subclass<S>(self, value: S) -> Initializer<S>
    where
        S: PyClass,
        S::Base: ClassBase<Init = Initializer<T>>,
    {
        Initializer { value, base: self }
    }
}

impl<T: PyClass> From<T> for Initializer<T>
where
    T::Base: ClassBase<Init = ()>,
{
    fn from(value: T) -> Self {
        Initializer { value, base: () }
    }
}

impl<T, B> From<(T, B)> for Initializer<T>
where
    T: PyClass,
    B: PyClass,
    T::Base: ClassBase<Init = Initializer<B>>,
    Initializer<B>: From<B>,
{
    fn from((value, base): (T, B)) -> Self {
        Initializer {
            value,
            base: Initializer::from(base),
        }
    }
}

/// The part of an initializer that writes the base levels of an instance.
pub trait BaseInit {
    /// Moves the values into `obj`'s levels.
    ///
    /// # Safety
    /// `obj` is a freshly allocated instance of a class whose chain includes these levels.
    unsafe fn write(self, obj: *mut ffi::PyObject);
}

impl BaseInit for () {
    #[inline(always)]
    unsafe fn write(self, _obj: *mut ffi::PyObject) {}
}

impl<T: PyClass> BaseInit for Initializer<T> {
    #[inline]
    unsafe fn write(self, obj: *mut ffi::PyObject) {
        let record = T::lazy().existing();
        // SAFETY: `obj` has this level (the caller's guarantee); the slots are fresh.
        unsafe {
            init_level(record, obj);
            std::ptr::write(
                obj.cast::<u8>().add(record.layout.data_offset).cast::<T>(),
                self.value,
            );
            self.base.write(obj);
        }
    }
}

/// Writes one level's bookkeeping: borrow flag free, owner thread, empty dict/weaklist.
///
/// # Safety
/// `obj` is a fresh instance with this level.
#[inline(always)]
unsafe fn init_level(record: &ClassRecord, obj: *mut ffi::PyObject) {
    let base = obj.cast::<u8>();
    let layout = &record.layout;
    // SAFETY: the offsets lie inside the instance (computed from its basicsize).
    unsafe {
        if layout.flag_offset != 0 {
            base.add(layout.flag_offset).cast::<isize>().write(0);
        }
        if layout.thread_offset != 0 {
            base.add(layout.thread_offset)
                .cast::<usize>()
                .write(super::layout::current_thread_id());
        }
        if layout.dict_offset != 0 {
            base.add(layout.dict_offset)
                .cast::<*mut ffi::PyObject>()
                .write(std::ptr::null_mut());
        }
        if layout.weaklist_offset != 0 {
            base.add(layout.weaklist_offset)
                .cast::<*mut ffi::PyObject>()
                .write(std::ptr::null_mut());
        }
    }
}

/// Creates an instance of `subtype` (class `T` or a subclass) from `init`; returns a new
/// reference.
///
/// # Safety
/// GIL held; `subtype` is `T`'s type or a subtype of it.
#[inline]
pub unsafe fn create_instance<T: PyClass>(
    gil: Gil<'_>,
    subtype: *mut ffi::PyTypeObject,
    init: Initializer<T>,
) -> PyResult<*mut ffi::PyObject> {
    let record = super::record::<T>(gil)?;
    // SAFETY: subtype derives from T's type (caller); the new object has T's levels.
    unsafe {
        // The exact class with a kept allocation: no allocator call (inlined; the rest
        // of `allocate` is out of line).
        let obj = match reuse(record, subtype) {
            Some(obj) => obj,
            None => allocate(gil, record, subtype)?,
        };
        init.write(obj);
        Ok(obj)
    }
}

/// Creates an instance of `subtype` (class `T` or a subclass) from the value of a class
/// whose base is not a bind class (the dataclass constructor and unpickling build the
/// value from its fields); returns a new reference.
///
/// # Safety
/// GIL held; `subtype` is `T`'s type or a subtype of it.
pub(crate) unsafe fn create_root_instance<T: PyClass>(
    gil: Gil<'_>,
    subtype: *mut ffi::PyTypeObject,
    value: T,
) -> PyResult<*mut ffi::PyObject> {
    let record = super::record::<T>(gil)?;
    if record.base.is_some() {
        return Err(PyTypeError::new_err(format!(
            "cannot create '{}' instances from fields: its base is a bind class",
            record.name()
        )));
    }
    // SAFETY: subtype derives from T's type (caller); the object has exactly T's level.
    unsafe {
        let obj = match reuse(record, subtype) {
            Some(obj) => obj,
            None => allocate(gil, record, subtype)?,
        };
        init_level(record, obj);
        std::ptr::write(
            obj.cast::<u8>().add(record.layout.data_offset).cast::<T>(),
            value,
        );
        Ok(obj)
    }
}

/// An instance from the class's freelist, its header reinitialised, when `subtype` is
/// the class itself.
///
/// # Safety
/// GIL held; `subtype` derives from `record`'s type.
#[inline(always)]
unsafe fn reuse(
    record: &'static ClassRecord,
    subtype: *mut ffi::PyTypeObject,
) -> Option<*mut ffi::PyObject> {
    if subtype != record.type_object() {
        return None;
    }
    // SAFETY: GIL held (caller); a kept allocation has the class's size.
    unsafe {
        let obj = record.freelist.pop()?;
        // Reinitialise the header (refcount 1, type, a reference to the heap type).
        ffi::PyObject_Init(obj, subtype);
        if record.gc {
            ffi::PyObject_GC_Track(obj.cast());
        }
        Some(obj)
    }
}

/// Allocates an uninitialised instance of `subtype` through the chain's native root.
///
/// # Safety
/// GIL held; `subtype` derives from `record`'s type.
#[inline(never)]
unsafe fn allocate(
    gil: Gil<'_>,
    record: &'static ClassRecord,
    subtype: *mut ffi::PyTypeObject,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: see each step.
    unsafe {
        let root = chain_root(record);
        let obj = if root.native_base_is_object {
            let alloc = type_alloc(subtype);
            alloc(subtype, 0)
        } else {
            let new = native_new(root.native_base).ok_or_else(|| {
                PyTypeError::new_err(format!("cannot create '{}' instances", record.name()))
            })?;
            let args = ffi::PyTuple_New(0);
            if args.is_null() {
                return Err(PyErr::fetch(gil));
            }
            let obj = new(subtype, args, std::ptr::null_mut());
            ffi::Py_DECREF(args);
            obj
        };
        if obj.is_null() {
            Err(PyErr::fetch(gil))
        } else {
            Ok(obj)
        }
    }
}

fn chain_root(record: &'static ClassRecord) -> &'static ClassRecord {
    record.chain().last().unwrap_or(record)
}

/// `subtype->tp_alloc` (a heap type, so `PyType_GetSlot` works on every version).
///
/// # Safety
/// `subtype` is a live heap type.
unsafe fn type_alloc(subtype: *mut ffi::PyTypeObject) -> ffi::allocfunc {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: a ready type has tp_alloc set (inherited at worst from object).
    unsafe {
        (*subtype).tp_alloc.unwrap_or(ffi::PyType_GenericAlloc)
    }
    #[cfg(Py_LIMITED_API)]
    // SAFETY: heap type; the slot holds an allocfunc or null.
    unsafe {
        let slot = ffi::PyType_GetSlot(subtype, ffi::Py_tp_alloc);
        if slot.is_null() {
            ffi::PyType_GenericAlloc
        } else {
            std::mem::transmute::<*mut std::os::raw::c_void, ffi::allocfunc>(slot)
        }
    }
}

/// A native base's `tp_new` (static type: read directly, or through `PyType_GetSlot`,
/// which the builder only allows from 3.10 under the stable ABI).
///
/// # Safety
/// `ty` is a live type object.
pub(crate) unsafe fn native_new(ty: *mut ffi::PyTypeObject) -> Option<ffi::newfunc> {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: reading a field of a live type.
    unsafe {
        (*ty).tp_new
    }
    #[cfg(Py_LIMITED_API)]
    // SAFETY: the slot holds a newfunc or null.
    unsafe {
        let slot = ffi::PyType_GetSlot(ty, ffi::Py_tp_new);
        if slot.is_null() {
            ffi::PyErr_Clear();
            None
        } else {
            Some(std::mem::transmute::<*mut std::os::raw::c_void, ffi::newfunc>(slot))
        }
    }
}

/// `tp_new` of a class with a `#[new]` constructor.
pub(crate) unsafe extern "C" fn tp_new<T: PyClass>(
    subtype: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let record = T::lazy().existing();
    match record.constructor {
        // SAFETY: CPython calls tp_new with the GIL held, a tuple and a dict or null.
        Some(desc) => unsafe { call_varargs(desc, subtype.cast(), args, kwargs) },
        // SAFETY: as above.
        None => unsafe { no_constructor(record) },
    }
}

/// The type's vectorcall (3.9+, non-limited): `Point(1.0, 2.0)` without an args tuple.
#[cfg(not(Py_LIMITED_API))]
pub(crate) unsafe extern "C" fn type_vectorcall<T: PyClass>(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: forwarded from CPython's call.
    unsafe { type_vectorcall_record(callable, args, nargsf, kwnames, T::lazy().existing()) }
}

/// The body of every class's type vectorcall (one copy; `extern "C"` so that the
/// per-class entry point's call is a tail jump).
///
/// # Safety
/// As [`type_vectorcall`]; `record` is the record of the class whose type is `callable`
/// (or one of its Python subclasses).
#[cfg(not(Py_LIMITED_API))]
#[allow(improper_ctypes_definitions)]
#[inline(never)]
unsafe extern "C" fn type_vectorcall_record(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
    record: &'static ClassRecord,
) -> *mut ffi::PyObject {
    let nargs = nargsf & !ffi::PY_VECTORCALL_ARGUMENTS_OFFSET;
    match record.constructor {
        // The common call, `Point(1.0, 2.0)`: exactly the parameters, by position. The
        // argument vector is already the parser's slots, so the glue runs on it directly.
        Some(desc)
            if kwnames.is_null()
                && nargs == desc.signature.params.len()
                && desc.signature.is_plain_positional() =>
        {
            // SAFETY: CPython calls vectorcall with the GIL held and `nargs` live
            // arguments, which outlive the call; the glue receives the type as `slf`.
            unsafe {
                trampoline(|gil| {
                    let parsed = ParsedArgs::borrowed(args, nargs);
                    (desc.body)(gil, Borrowed::from_ptr(gil, callable), &parsed)
                        .map(Owned::into_ptr)
                })
            }
        }
        // SAFETY: CPython calls vectorcall with the GIL held and a valid argument vector.
        Some(desc) => unsafe { call_fastcall(desc, callable, args, nargs, kwnames) },
        // SAFETY: as above.
        None => unsafe { no_constructor(record) },
    }
}

#[cold]
#[inline(never)]
unsafe fn no_constructor(record: &'static ClassRecord) -> *mut ffi::PyObject {
    // SAFETY: called from an entry point with the GIL held.
    unsafe {
        trampoline(|_gil| -> PyResult<*mut ffi::PyObject> {
            Err(PyTypeError::new_err(format!(
                "cannot create '{}' instances",
                record.desc.qualified_name.to_string_lossy()
            )))
        })
    }
}

/// What a `#[new]` constructor of `T` may return: `T` for a class without a bind base,
/// `(T, Base)` for a class that extends one, or an [`Initializer<T>`] (any of them inside
/// `PyResult`). The constructor glue converts through it, so that another return type
/// fails to compile with a message saying what to write.
#[diagnostic::on_unimplemented(
    message = "a `#[new]` constructor of `{T}` cannot return `{Self}`",
    label = "the constructor's return type",
    note = "a class that extends another bind class returns `(Self, Base)` (its own value and its base's) or an `Initializer<Self>` for a longer chain; a class without a bind base returns `Self`; each may be wrapped in `PyResult`"
)]
pub trait ConstructorReturn<T: PyClass> {
    /// The initializer of the new instance.
    fn into_initializer(self) -> Initializer<T>;
}

impl<T: PyClass> ConstructorReturn<T> for T
where
    <T::Base as ClassBase>::Init: NoBaseValue,
{
    #[inline]
    fn into_initializer(self) -> Initializer<T> {
        Initializer {
            value: self,
            base: NoBaseValue::none(),
        }
    }
}

/// The base initializer of a class without a bind base (`()`): a constructor returning
/// `Self` alone is enough. Another (`Initializer<Base>`) means the constructor must give
/// the base's value too.
#[diagnostic::on_unimplemented(
    message = "the base class needs its own value, so `#[new]` cannot return `Self` alone",
    label = "returns `Self` alone",
    note = "return `(Self, Base)`: this class's value and its base's (or an `Initializer<Self>` for a longer chain), each may be wrapped in `PyResult`"
)]
pub trait NoBaseValue {
    /// The (empty) base initializer.
    fn none() -> Self;
}

impl NoBaseValue for () {
    #[inline(always)]
    fn none() -> Self {}
}

impl<T, B> ConstructorReturn<T> for (T, B)
where
    T: PyClass,
    B: PyClass,
    T::Base: ClassBase<Init = Initializer<B>>,
    Initializer<B>: From<B>,
{
    #[inline]
    fn into_initializer(self) -> Initializer<T> {
        self.into()
    }
}

impl<T: PyClass> ConstructorReturn<T> for Initializer<T> {
    #[inline]
    fn into_initializer(self) -> Initializer<T> {
        self
    }
}

/// The constructor glue's check of what `#[new]` returned (spanned at its return type,
/// where a wrong one is reported).
#[inline(always)]
pub fn constructor_return<T: PyClass>(value: impl ConstructorReturn<T>) -> Initializer<T> {
    value.into_initializer()
}

/// The constructor glue's last step: builds the instance of `subtype` (the class the
/// engine passes the glue as `slf`) from what `#[new]` returned; `TypeError` if
/// `subtype` is not `T`'s type or a subtype of it (as CPython's `tp_new` checks).
#[inline]
pub fn new_instance<'py, T: PyClass>(
    gil: Gil<'py>,
    subtype: Borrowed<'_, 'py, PyAny>,
    init: Initializer<T>,
) -> PyResult<Owned<'py, PyAny>> {
    let subtype = instance_type::<T>(subtype)?;
    // SAFETY: the GIL is held; `subtype` is `T`'s type or a subtype of it (checked); the
    // result is a new reference.
    unsafe {
        Ok(Owned::from_owned_ptr(
            gil,
            create_instance(gil, subtype, init)?,
        ))
    }
}

/// `cls` as a type whose instances are `T`s: `T`'s type (one compare) or a subtype of it
/// (`TypeError` otherwise), as a constructor receives it.
#[inline(always)]
pub(crate) fn instance_type<T: PyClass>(
    cls: Borrowed<'_, '_, PyAny>,
) -> PyResult<*mut ffi::PyTypeObject> {
    let ptr = cls.as_ptr().cast();
    if T::lazy().is_class(ptr) {
        Ok(ptr)
    } else {
        T::lazy().subtype_of_class(cls, T::NAME)
    }
}

impl<'py, T: PyClass> Owned<'py, T> {
    /// Creates a Python instance of class `T` from Rust.
    pub fn new(gil: Gil<'py>, init: impl Into<Initializer<T>>) -> PyResult<Owned<'py, T>> {
        let record = super::record::<T>(gil)?;
        // SAFETY: T's own type; the result is a new reference to a T instance.
        unsafe {
            let obj = create_instance(gil, record.type_object(), init.into())?;
            Ok(Owned::from_owned_ptr(gil, obj))
        }
    }
}

/// `tp_init` of a class with an `__init__` method: calls `type(self).__init__(self, *args,
/// **kwargs)` as CPython's own slot does for Python classes, so `Cls(...)` runs `__init__`
/// after the constructor, and a Python subclass may override it and call
/// `super().__init__(...)`. `__init__` must return `None`.
pub(crate) unsafe extern "C" fn init_from_method(
    slf: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> std::os::raw::c_int {
    // SAFETY: CPython calls tp_init with the GIL held, a live instance, an argument tuple
    // and a dict or null; the references are borrowed for the call.
    unsafe {
        trampoline(|gil| {
            let slf: &Owned<'_, crate::types::PyAny> = crate::Borrowed::slot_as_owned(&slf);
            let args: &Owned<'_, crate::types::PyTuple> = crate::Borrowed::slot_as_owned(&args);
            let init = slf.get_type().getattr("__init__")?;
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(slf.clone());
            all.extend(args.iter());
            let all = crate::types::PyTuple::new(gil, all)?;
            let result = Owned::<crate::types::PyAny>::from_owned_ptr_or_err(
                gil,
                ffi::PyObject_Call(init.as_ptr(), all.as_ptr(), kwargs),
            )?;
            if !result.is_none() {
                return Err(PyTypeError::new_err(format!(
                    "__init__() should return None, not '{}'",
                    result.type_name()
                )));
            }
            Ok(0)
        })
    }
}
