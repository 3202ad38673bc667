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
use std::sync::Once;

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
    /// Whether `init` filled the cells.
    prepared: Once,
}

// SAFETY: the cells are written only once, inside `ModuleDef::init`'s `Once`, before any
// caller (CPython included) has their address; CPython's later writes (`PyModuleDef_Init`)
// happen with the GIL held, after it.
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
            prepared: Once::new(),
        }
    }

    /// The body of `PyInit_<name>`: the definition for multi-phase initialisation (PEP 489).
    /// It touches no interpreter state, so any thread may call it, with or without the GIL
    /// or an interpreter: the first call fills the definition's slots and object type under
    /// a `Once`, and CPython's own `PyModuleDef_Init` (the definition's index) runs when an
    /// import builds the module from it, with the GIL held.
    pub fn init(&'static self) -> *mut ffi::PyObject {
        self.prepared.call_once(|| {
            // SAFETY: inside `call_once`, the only writer of the cells; no caller, CPython
            // included, has the definition's address before the `Once` completes.
            unsafe { self.prepare() }
        });
        self.def.get().cast()
    }

    /// Fills the slots (`Py_mod_exec`; from 3.12 `Py_mod_multiple_interpreters`, a slot
    /// id only the *running* interpreter must know) and the definition's object type,
    /// which `PyInit_<name>` callers check (`PyModuleDef_Type`).
    ///
    /// # Safety
    /// No other thread reads or writes the cells meanwhile.
    unsafe fn prepare(&'static self) {
        let runtime_minor = runtime_minor();
        // SAFETY: exclusive access (the caller's guarantee).
        let (slots, def) = unsafe { (&mut *self.slots.get(), &mut *self.def.get()) };
        slots[0] = ffi::PyModuleDef_Slot {
            slot: ffi::Py_mod_exec,
            value: exec_module as *mut std::os::raw::c_void,
        };
        // bind keeps per-process state (type objects), so a second interpreter is refused.
        if runtime_minor >= 12 {
            slots[1] = ffi::PyModuleDef_Slot {
                slot: ffi::Py_mod_multiple_interpreters,
                value: ffi::Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED,
            };
        }
        def.m_slots = slots.as_mut_ptr();
        // What `PyModuleDef_Init` would set first; it sets the same type again, and the
        // index, when the import runs it.
        def.m_base.ob_base.ob_type = std::ptr::addr_of_mut!(ffi::PyModuleDef_Type);
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
            refuse_subinterpreter(&module)?;
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

/// bind keeps per-process state (type objects, interned names), so a module is refused in
/// any interpreter but the main one (id 0, also after a restart). From 3.12 the
/// `Py_mod_multiple_interpreters` slot makes CPython refuse first; 3.8 has no stable way to
/// ask, so there the check is skipped.
fn refuse_subinterpreter(module: &Owned<'_, PyModule>) -> PyResult<()> {
    #[cfg(Py_3_9)]
    {
        // SAFETY: the exec slot runs with the GIL held, so this thread has a current
        // interpreter.
        let id = unsafe { ffi::PyInterpreterState_GetID(ffi::PyInterpreterState_Get()) };
        if id != 0 {
            return Err(crate::exceptions::PyImportError::new_err(format!(
                "module {} does not support loading in subinterpreters (bind keeps per-process state)",
                module.name()?
            )));
        }
    }
    #[cfg(not(Py_3_9))]
    let _ = module;
    Ok(())
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
