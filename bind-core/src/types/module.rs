//! [`PyModule`]: module objects: import, attributes, adding members.
use crate::conversion::IntoPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::types::{PyAny, PyDict, PyStr, PyTypeInfo};

super::native_type!(
    /// A Python module.
    PyModule,
    "module",
    PyModule_Type,
    |op| ffi::PyModule_Check(op)
);

impl PyModule {
    /// `import name` (dotted names return the leaf module, like `importlib.import_module`).
    pub fn import<'py>(gil: Gil<'py>, name: &str) -> PyResult<Owned<'py, PyModule>> {
        let name = PyStr::new(gil, name);
        // SAFETY: Import returns a new module reference or null.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyImport_Import(name.as_ptr())) }
    }

    /// A new empty module object (not registered in `sys.modules`).
    pub fn new<'py>(gil: Gil<'py>, name: &str) -> PyResult<Owned<'py, PyModule>> {
        let name = PyStr::new(gil, name);
        // SAFETY: NewObject returns a new module or null.
        unsafe { Owned::from_owned_ptr_or_err(gil, ffi::PyModule_NewObject(name.as_ptr())) }
    }

    /// Compiles and executes `source` as a new module named `name` (registered in
    /// `sys.modules`), like importing a file with that content.
    pub fn from_code<'py>(
        gil: Gil<'py>,
        source: &str,
        file_name: &str,
        name: &str,
    ) -> PyResult<Owned<'py, PyModule>> {
        let code = crate::types::run::compile(gil, source, file_name, ffi::Py_file_input)?;
        let name_c = std::ffi::CString::new(name)?;
        // SAFETY: AddModule returns a borrowed module from sys.modules (created if missing).
        let module: Owned<'py, PyModule> = unsafe {
            Owned::from_borrowed_ptr_or_err(gil, ffi::PyImport_AddModule(name_c.as_ptr()))?
        };
        let dict = module.dict();
        if !dict.contains("__builtins__")? {
            // SAFETY: GetBuiltins returns a borrowed dict of the current frame or interpreter.
            let builtins: Owned<'py, PyAny> =
                unsafe { Owned::from_borrowed_ptr(gil, ffi::PyEval_GetBuiltins()) };
            dict.set_item("__builtins__", builtins)?;
        }
        dict.set_item("__file__", file_name)?;
        // SAFETY: code is a code object, dict a dict; returns a new reference or null.
        unsafe {
            Owned::<PyAny>::from_owned_ptr_or_err(
                gil,
                ffi::PyEval_EvalCode(code.as_ptr(), dict.as_ptr(), dict.as_ptr()),
            )?
        };
        Ok(module)
    }
}

impl<'py> Owned<'py, PyModule> {
    /// The module's `__dict__`.
    pub fn dict(&self) -> Owned<'py, PyDict> {
        // SAFETY: GetDict returns a borrowed dict that lives as long as the module.
        unsafe { Owned::from_borrowed_ptr(self.gil(), ffi::PyModule_GetDict(self.as_ptr())) }
    }

    /// The module's `__name__`.
    pub fn name(&self) -> PyResult<String> {
        // SAFETY: returns a new str reference or null.
        let name: Owned<'py, PyStr> = unsafe {
            Owned::from_owned_ptr_or_err(self.gil(), ffi::PyModule_GetNameObject(self.as_ptr()))?
        };
        Ok(name.to_str()?.into_owned())
    }

    /// Adds `value` as the module attribute `name` (and to `__all__`).
    pub fn add(&self, name: &str, value: impl IntoPyObject<'py>) -> PyResult<()> {
        let gil = self.gil();
        self.index()?.append(name)?;
        let value = value.into_py(gil)?;
        self.setattr(name, value)
    }

    /// Adds a type by its Python name (`__name__`).
    pub fn add_type<T: PyTypeInfo>(&self) -> PyResult<()> {
        let ty = T::type_object(self.gil());
        let name = ty.name()?.to_str()?.into_owned();
        self.add(&name, ty)
    }

    /// Adds `sub` as a submodule attribute and registers it in `sys.modules` under
    /// `"<self>.<sub>"`, so `import pkg.sub` and `from pkg.sub import x` work too.
    pub fn add_submodule(&self, sub: &Owned<'py, PyModule>) -> PyResult<()> {
        let gil = self.gil();
        let short = sub.name()?;
        let leaf = short.rsplit('.').next().unwrap_or(&short).to_owned();
        let full = format!("{}.{}", self.name()?, leaf);
        sub.setattr("__name__", full.as_str())?;
        let modules = gil.import("sys")?.getattr("modules")?;
        modules.set_item(full.as_str(), sub.clone())?;
        self.add(&leaf, sub.clone())
    }

    /// The module's `__all__` list, created when missing.
    pub fn index(&self) -> PyResult<Owned<'py, crate::types::PyList>> {
        match self.getattr_opt("__all__")? {
            Some(all) => all.downcast_into().map_err(PyErr::from),
            None => {
                let all = crate::types::PyList::empty(self.gil());
                self.setattr("__all__", all.clone())?;
                Ok(all)
            }
        }
    }
}
