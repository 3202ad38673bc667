//! The runtime record of a class, built once beside its type object, and the per-class
//! cell that holds both.
use super::layout::Layout;
use super::PyClass;
use crate::engine::function::FnDesc;
use crate::err::PyResult;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Borrowed;
use crate::reflect::TypeDesc;
use crate::types::PyAny;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

/// What the engine needs on hot paths, computed when the type is created.
pub struct ClassRecord {
    /// The type object (a strong reference kept for the life of the process); set once,
    /// right after creation (the record exists first, getset closures point to it).
    type_object: AtomicPtr<ffi::PyTypeObject>,
    /// The descriptor.
    pub desc: &'static TypeDesc,
    /// This level's offsets.
    pub layout: Layout,
    /// The record of the base class when it is a bind class.
    pub base: Option<&'static ClassRecord>,
    /// The native type at the root of the chain (`object`, `dict`, …).
    pub native_base: *mut ffi::PyTypeObject,
    /// Whether the root is a native type other than `object`.
    pub native_base_is_object: bool,
    /// Whether instances are gc-tracked.
    pub gc: bool,
    /// The native root's `tp_traverse` when it is a gc type other than `object`.
    pub native_traverse: Option<ffi::traverseproc>,
    /// The native root's `tp_clear`, likewise.
    pub native_clear: Option<ffi::inquiry>,
    /// The `#[new]` constructor.
    pub constructor: Option<&'static FnDesc>,
    /// The magic methods of the class and its bind bases (read by the protocol slots).
    pub(crate) protocols: crate::engine::protocols::ProtocolTable,
    /// Freed instances kept for reuse (`freelist = N`).
    pub(crate) freelist: FreeList,
    /// Dealloc has nothing to do but free: one level on `object`, no gc, dict, weakref,
    /// owner thread, and no drop glue.
    pub(crate) trivial_dealloc: bool,
    /// Every field is a primitive with dataclass glue: the plan the generated comparisons
    /// and repr read them from memory with.
    pub(crate) primitives: Option<super::primitive_plan::PrimitivePlan>,
    /// The type objects of the bind classes built on this one (at any depth): a
    /// constructor of this class must not build their instances, whose own levels it
    /// would leave uninitialised. Only touched with the GIL held.
    bind_subclasses: UnsafeCell<Vec<*mut ffi::PyObject>>,
}

// SAFETY: the raw pointers are type objects that live for the process; the free list and
// the bind-subclass list are only touched with the GIL held.
unsafe impl Send for ClassRecord {}
// SAFETY: as above.
unsafe impl Sync for ClassRecord {}

impl ClassRecord {
    /// The type object.
    #[inline(always)]
    pub fn type_object(&self) -> *mut ffi::PyTypeObject {
        self.type_object.load(Ordering::Relaxed)
    }

    pub(crate) fn set_type_object(&self, ty: *mut ffi::PyTypeObject) {
        self.type_object.store(ty, Ordering::Relaxed);
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        desc: &'static TypeDesc,
        layout: Layout,
        base: Option<&'static ClassRecord>,
        native_base: *mut ffi::PyTypeObject,
        native_base_is_object: bool,
        gc: bool,
        native_gc: (Option<ffi::traverseproc>, Option<ffi::inquiry>),
        constructor: Option<&'static FnDesc>,
    ) -> ClassRecord {
        let protocols = crate::engine::protocols::ProtocolTable::collect(
            base.map(|b| &b.protocols),
            &(desc.items)(),
        );
        let finalizer = protocols.has(crate::reflect::Dunder::Del);
        ClassRecord {
            type_object: AtomicPtr::new(std::ptr::null_mut()),
            desc,
            layout,
            base,
            native_base,
            native_base_is_object,
            gc,
            native_traverse: native_gc.0,
            native_clear: native_gc.1,
            constructor,
            protocols,
            freelist: FreeList::new(desc.freelist as usize),
            trivial_dealloc: base.is_none()
                && !finalizer
                && native_base_is_object
                && !gc
                && !desc.needs_drop
                && layout.dict_offset == 0
                && layout.weaklist_offset == 0
                && layout.thread_offset == 0,
            primitives: super::primitive_plan::PrimitivePlan::new(desc, &layout),
            bind_subclasses: UnsafeCell::new(Vec::new()),
        }
    }

    /// Marks `ty`, this record's new type object, on every bind base of its class.
    pub(crate) fn register_bind_subclass(&'static self, _gil: Gil<'_>, ty: *mut ffi::PyObject) {
        for base in self.chain().skip(1) {
            // SAFETY: the GIL is held (the token), which serialises every access.
            unsafe { (*base.bind_subclasses.get()).push(ty) };
        }
    }

    /// Whether `ty` is (or derives from) a bind class built on this one.
    fn is_under_bind_subclass(&self, _gil: Gil<'_>, ty: *mut ffi::PyTypeObject) -> bool {
        // SAFETY: the GIL is held (the token), which serialises every access; the list
        // holds type objects kept for the life of the process, and `ty` is a live type.
        unsafe {
            (*self.bind_subclasses.get())
                .iter()
                .any(|&sub| ffi::PyType_IsSubtype(ty, sub.cast()) != 0)
        }
    }

    /// The class name for error messages.
    pub fn name(&self) -> &'static str {
        self.desc.name_str()
    }

    /// This level and its bind bases, most derived first.
    pub fn chain(&'static self) -> impl Iterator<Item = &'static ClassRecord> {
        std::iter::successors(Some(self), |r| r.base)
    }
}

/// Freed objects of the exact class kept for reuse; accessed only with the GIL held.
pub(crate) struct FreeList {
    capacity: usize,
    items: UnsafeCell<Vec<*mut ffi::PyObject>>,
}

impl FreeList {
    pub(crate) fn new(capacity: usize) -> FreeList {
        FreeList {
            capacity,
            items: UnsafeCell::new(Vec::with_capacity(capacity)),
        }
    }

    /// Keeps `obj`'s memory for reuse; false when the list is full (or disabled).
    ///
    /// # Safety
    /// GIL held; `obj` is a dead object of this class whose memory may be reused.
    #[inline(always)]
    pub(crate) unsafe fn push(&self, obj: *mut ffi::PyObject) -> bool {
        // SAFETY: the GIL serialises all access to the list.
        let items = unsafe { &mut *self.items.get() };
        if items.len() < self.capacity {
            items.push(obj);
            true
        } else {
            false
        }
    }

    /// A kept allocation, if any.
    ///
    /// # Safety
    /// GIL held.
    #[inline(always)]
    pub(crate) unsafe fn pop(&self) -> Option<*mut ffi::PyObject> {
        if self.capacity == 0 {
            return None;
        }
        // SAFETY: the GIL serialises all access to the list.
        unsafe { (*self.items.get()).pop() }
    }
}

/// The per-class cell: the type object and its record, created on first use and kept for
/// the life of the process (one per process: subinterpreters are not supported yet).
pub struct LazyClass {
    record: OnceLock<&'static ClassRecord>,
    /// The published record's type object (null before): one load for the receiver
    /// checks of method glue, which compare an object's type with it.
    type_object: AtomicPtr<ffi::PyTypeObject>,
}

impl LazyClass {
    /// An empty cell.
    pub const fn new() -> LazyClass {
        LazyClass {
            record: OnceLock::new(),
            type_object: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// Checks that `slf`, the receiver of the method (property, magic method) `name` of
    /// class `class`, is an instance of it (or of a subclass): its type compared with the
    /// class's first (one load), then `PyType_IsSubtype` out of line; `TypeError` as
    /// CPython's descriptors word it otherwise (also before the type is created).
    #[inline(always)]
    pub(crate) fn check_receiver(
        &'static self,
        slf: Borrowed<'_, '_, PyAny>,
        class: &'static str,
        name: &'static str,
    ) -> PyResult<()> {
        // SAFETY: `slf` is live (a `Borrowed`), so its type is readable.
        if self.is_class(unsafe { ffi::Py_TYPE(slf.as_ptr()) }) {
            Ok(())
        } else {
            self.check_receiver_subtype(slf, class, name)
        }
    }

    /// [`LazyClass::check_receiver`] for a receiver whose type is not the class's.
    #[inline(never)]
    fn check_receiver_subtype(
        &'static self,
        slf: Borrowed<'_, '_, PyAny>,
        class: &'static str,
        name: &'static str,
    ) -> PyResult<()> {
        // SAFETY: `slf` is live (a `Borrowed`), so its type is readable.
        if self.is_subtype(unsafe { ffi::Py_TYPE(slf.as_ptr()) }) {
            return Ok(());
        }
        Err(not_an_instance(slf, class, name))
    }

    /// Whether `ty` is the class's type or a subtype of it (`false` before the type is
    /// created).
    #[inline(always)]
    pub(crate) fn is_class_or_subtype(&'static self, ty: *mut ffi::PyTypeObject) -> bool {
        self.is_class(ty) || self.is_subtype(ty)
    }

    /// Whether `ty` is the class's type (`false` before the type is created).
    #[inline(always)]
    pub(crate) fn is_class(&'static self, ty: *mut ffi::PyTypeObject) -> bool {
        ty == self.type_object.load(Ordering::Relaxed)
    }

    /// `cls` as a subtype of the class `class` (whose type is not `cls`): a constructor's
    /// check of the class it instantiates; `TypeError` if `cls` is not a type, not a
    /// subtype, or a bind subclass (or derives from one) ("descriptor '__new__' for 'Point' objects doesn't apply to a 'type'
    /// object").
    #[inline(never)]
    pub(crate) fn subtype_of_class(
        &'static self,
        cls: Borrowed<'_, '_, PyAny>,
        class: &'static str,
    ) -> PyResult<*mut ffi::PyTypeObject> {
        let ptr = cls.as_ptr();
        // SAFETY: `cls` is live; `PyType_Check` reads its type's flags, and only a type
        // reaches `is_subtype`.
        let is_subtype = unsafe { ffi::PyType_Check(ptr) } && self.is_subtype(ptr.cast());
        // A bind subclass has levels of its own, which this class's constructor would
        // leave uninitialised (CPython's `tp_new` refuses `Base.__new__(Sub)` likewise).
        let under_bind_subclass =
            |record: &ClassRecord| record.is_under_bind_subclass(cls.gil(), ptr.cast());
        if is_subtype && !self.get().is_some_and(under_bind_subclass) {
            return Ok(ptr.cast());
        }
        Err(not_an_instance(cls, class, "__new__"))
    }

    /// Whether `ty` is a subtype of the class (`false` before the type is created).
    #[inline(never)]
    pub(crate) fn is_subtype(&'static self, ty: *mut ffi::PyTypeObject) -> bool {
        let class = self.type_object.load(Ordering::Relaxed);
        // SAFETY: `ty` is a live type (callers pass an object's type or a checked type
        // object), `class` a type object kept for the life of the process.
        !class.is_null() && unsafe { ffi::PyType_IsSubtype(ty, class) } != 0
    }

    /// The record, creating the type on first use.
    #[inline]
    pub fn record<T: PyClass>(&'static self, gil: Gil<'_>) -> PyResult<&'static ClassRecord> {
        match self.record.get() {
            Some(record) => Ok(*record),
            None => self.init::<T>(gil),
        }
    }

    /// The record, if the type was created.
    #[inline(always)]
    pub(crate) fn get(&'static self) -> Option<&'static ClassRecord> {
        self.record.get().copied()
    }

    /// The record of a class whose type already exists (instances exist).
    #[inline]
    pub fn existing(&'static self) -> &'static ClassRecord {
        match self.record.get() {
            Some(record) => record,
            None => not_created(),
        }
    }

    /// [`LazyClass::existing`] out of line (one copy), for error reports.
    #[cold]
    #[inline(never)]
    pub(crate) fn existing_out_of_line(&'static self) -> &'static ClassRecord {
        self.existing()
    }

    #[cold]
    #[inline(never)]
    fn init<T: PyClass>(&'static self, gil: Gil<'_>) -> PyResult<&'static ClassRecord> {
        let record = super::builder::build::<T>(gil)?;
        self.publish(gil, record)
    }

    /// Keeps the first record built for this cell and finishes its class (one copy for
    /// every class: nothing here depends on the type).
    #[cold]
    #[inline(never)]
    fn publish(
        &'static self,
        gil: Gil<'_>,
        record: &'static ClassRecord,
    ) -> PyResult<&'static ClassRecord> {
        // Another build may have finished first (type creation can run Python code);
        // the first one wins and the extra type object is kept alive, unused.
        let mut won = false;
        let published = *self.record.get_or_init(|| {
            won = true;
            record
        });
        self.type_object
            .store(published.type_object(), Ordering::Relaxed);
        if won {
            // Class attributes come after publishing: they may be instances of `T`.
            super::builder::finish(gil, published)?;
        }
        Ok(published)
    }
}

/// The `TypeError` of a receiver (or a constructor's class) the method `name` of `class`
/// does not apply to, worded as CPython's descriptors word it.
#[cold]
#[inline(never)]
fn not_an_instance(obj: Borrowed<'_, '_, PyAny>, class: &str, name: &str) -> crate::err::PyErr {
    crate::exceptions::PyTypeError::new_err(format!(
        "descriptor '{name}' for '{class}' objects doesn't apply to a '{}' object",
        obj.type_name()
    ))
}

/// The panic of [`LazyClass::existing`], out of line: one copy, not one per method glue.
#[cold]
#[inline(never)]
fn not_created() -> ! {
    panic!("an instance exists, so its type was created")
}

impl Default for LazyClass {
    fn default() -> Self {
        Self::new()
    }
}
