//! Module definitions: the `PyInit_<name>` entry point and multi-phase initialisation
//! (PEP 489) driven by a static [`ModuleDef`].
use crate::engine::function::FnDef;
use crate::engine::trampoline::trampoline;
use crate::err::PyResult;
use crate::ffi;
use crate::handle::Owned;
use crate::types::PyModule;
use std::cell::UnsafeCell;
use std::ffi::CStr;
use std::os::raw::c_int;

/// The user's module body: adds classes, functions and constants to the new module.
pub type ModuleBody = for<'py> fn(&Owned<'py, PyModule>) -> PyResult<()>;

/// A module definition, emitted by `#[module]` as a `static`. CPython keeps pointers into
/// it for the life of the process.
#[repr(C)]
pub struct ModuleDef {
    // Must stay first: the exec slot recovers the `ModuleDef` from `PyModule_GetDef`.
    def: UnsafeCell<ffi::PyModuleDef>,
    slots: UnsafeCell<[ffi::PyModuleDef_Slot; 3]>,
    body: ModuleBody,
}

// SAFETY: the cells are written only by `ModuleDef::init`, with the GIL held (checked, or
// taken under the stable ABI), which serialises the writes with CPython's reads.
unsafe impl Sync for ModuleDef {}

impl ModuleDef {
    /// A definition for module `name` with docstring `doc` whose body is `body`.
    pub const fn new(name: &'static CStr, doc: &'static CStr, body: ModuleBody) -> ModuleDef {
        ModuleDef {
            def: UnsafeCell::new(ffi::PyModuleDef {
                m_base: ffi::PyModuleDef_HEAD_INIT,
                m_name: name.as_ptr(),
                m_doc: doc.as_ptr(),
                m_size: 0,
                m_methods: std::ptr::null_mut(),
                m_slots: std::ptr::null_mut(),
                m_traverse: None,
                m_clear: None,
                m_free: None,
            }),
            slots: UnsafeCell::new(
                [ffi::PyModuleDef_Slot {
                    slot: 0,
                    value: std::ptr::null_mut(),
                }; 3],
            ),
            body,
        }
    }

    /// The body of `PyInit_<name>`: returns the definition for multi-phase initialisation,
    /// or null (without an exception: none can be set) when no interpreter runs or this
    /// thread does not hold the GIL (`PyGILState_Check`; in the stable ABI, which lacks
    /// it, whether the thread has a current thread state, from 3.12). In the stable ABI
    /// before 3.12, which cannot ask at all, it takes the GIL (`PyGILState_Ensure`, a
    /// counter increment for the importing thread, which holds it already).
    pub fn init(&'static self) -> *mut ffi::PyObject {
        // SAFETY: `Py_IsInitialized` may be called at any time.
        if unsafe { ffi::Py_IsInitialized() } == 0 {
            return std::ptr::null_mut();
        }
        #[cfg(not(Py_LIMITED_API))]
        {
            // SAFETY: the interpreter runs (checked above).
            if unsafe { ffi::PyGILState_Check() } == 0 {
                return std::ptr::null_mut();
            }
            // SAFETY: this thread holds the GIL (checked).
            unsafe { self.init_with_gil() }
        }
        #[cfg(Py_LIMITED_API)]
        {
            if runtime_minor() >= 12 {
                // 3.12+ keeps the current thread state per thread: this thread has one (a
                // thread dict) exactly when it holds the GIL. (No `PyGILState_Ensure`
                // there: in a subinterpreter it would switch to the main interpreter.)
                // SAFETY: may be called at any time once the interpreter runs.
                if unsafe { ffi::PyThreadState_GetDict() }.is_null() {
                    return std::ptr::null_mut();
                }
                // SAFETY: this thread holds the GIL (checked).
                return unsafe { self.init_with_gil() };
            }
            // SAFETY: the interpreter runs (checked above); the state is released below,
            // on the same thread.
            let state = unsafe { ffi::PyGILState_Ensure() };
            // SAFETY: this thread holds the GIL until the release.
            let def = unsafe { self.init_with_gil() };
            // SAFETY: pairs with the `PyGILState_Ensure` above.
            unsafe { ffi::PyGILState_Release(state) };
            def
        }
    }

    /// [`ModuleDef::init`] once the GIL is held.
    ///
    /// # Safety
    /// This thread holds the GIL.
    unsafe fn init_with_gil(&'static self) -> *mut ffi::PyObject {
        let runtime_minor = crate::engine::module::runtime_minor();
        // SAFETY: the GIL is held (the caller's guarantee), so no other thread touches the
        // cells; CPython has not seen this definition yet, or has seen an identical one (a
        // second call rewrites the same values).
        unsafe {
            let slots = &mut *self.slots.get();
            slots[0] = ffi::PyModuleDef_Slot {
                slot: ffi::Py_mod_exec,
                value: exec_module as *mut std::os::raw::c_void,
            };
            // The slot id must be known to the *running* interpreter (3.12+): bind keeps
            // per-process state (type objects), so a second interpreter is refused.
            if runtime_minor >= 12 {
                slots[1] = ffi::PyModuleDef_Slot {
                    slot: ffi::Py_mod_multiple_interpreters,
                    value: ffi::Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED,
                };
            }
            let def = &mut *self.def.get();
            def.m_slots = slots.as_mut_ptr();
            ffi::PyModuleDef_Init(def)
        }
    }
}

/// The `Py_mod_exec` slot shared by every bind module.
unsafe extern "C" fn exec_module(module: *mut ffi::PyObject) -> c_int {
    // SAFETY: CPython calls the exec slot with the GIL held and a fresh module object whose
    // definition is the first field of a static `ModuleDef`.
    unsafe {
        trampoline(|gil| {
            let def = ffi::PyModule_GetDef(module).cast::<ModuleDef>();
            let module: Owned<'_, PyModule> = Owned::from_borrowed_ptr(gil, module);
            // Registers the interpreter's shared `bind.PanicException` (importable as
            // `bind` from now on, e.g. by `pickle`).
            let _ =
                <crate::panic::PanicException as crate::types::PyTypeInfo>::type_object_raw(gil);
            crate::shutdown::watch(gil);
            let _executing = Executing::enter(module.name()?);
            ((*def).body)(&module)?;
            #[cfg(feature = "stubs")]
            crate::engine::stubs::install(&module)?;
            Ok(0)
        })
    }
}

thread_local! {
    /// The names of the modules whose body runs on this thread, innermost last.
    static EXECUTING: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Marks a module body as running on this thread until dropped.
struct Executing(());

impl Executing {
    fn enter(name: String) -> Executing {
        EXECUTING.with(|names| names.borrow_mut().push(name));
        Executing(())
    }
}

impl Drop for Executing {
    fn drop(&mut self) {
        EXECUTING.with(|names| names.borrow_mut().pop());
    }
}

/// The module whose body is running on this thread (the innermost), if any: classes
/// created meanwhile without a `module` option take its name as `__module__`.
pub(crate) fn executing_module() -> Option<String> {
    EXECUTING.with(|names| names.borrow().last().cloned())
}

/// The minor version of the interpreter running this code (not the one built against).
pub fn runtime_minor() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static MINOR: AtomicU32 = AtomicU32::new(0);
    let cached = MINOR.load(Ordering::Relaxed);
    if cached != 0 {
        return cached;
    }
    // SAFETY: Py_GetVersion returns a static NUL-terminated string such as "3.12.1 (...)".
    let version = unsafe { CStr::from_ptr(ffi::Py_GetVersion()) };
    let minor = version
        .to_str()
        .ok()
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| {
            m.trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse()
                .ok()
        })
        .unwrap_or(8);
    MINOR.store(minor, Ordering::Relaxed);
    minor
}

impl<'py> Owned<'py, PyModule> {
    /// Adds a function defined with `#[function]` (see `bind::wrap!`).
    pub fn add_function(&self, def: &'static FnDef) -> PyResult<()> {
        let function = def.create(self)?;
        let name = function.getattr("__name__")?;
        let name = name.extract::<String>()?;
        #[cfg(feature = "stubs")]
        crate::engine::stubs::record_function(&self.name()?, &name, def.desc());
        self.add(&name, function)
    }
}
