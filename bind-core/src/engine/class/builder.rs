//! The type builder: reads a [`TypeDesc`] once and creates the heap type with
//! `PyType_FromSpecWithBases` — members for the primitive fields of `frozen` classes,
//! borrow-checked getsets for every other field (specialised per primitive type, or the
//! generic one) and for properties, methods, protocol slots — and the [`ClassRecord`]
//! kept beside it.
use super::base::{BaseInfo, ClassBase};
use super::dataclass::{self, DataHooks};
use super::getset::{field_get, field_set, property_get, property_set, FieldSlot, PropertySlot};
use super::layout::Layout;
use super::primitive_field;
use super::record::ClassRecord;
use super::PyClass;
use crate::engine::module::runtime_minor;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyRuntimeError;
use crate::ffi;
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::{FieldFlags, FieldKind, ImplItems, TypeDesc, TypeFlags};
use crate::types::{PyAny, PyType};
use std::ffi::CStr;
use std::os::raw::{c_int, c_uint, c_void};

/// The generic entry points instantiated for one class.
pub(crate) struct Hooks {
    new: ffi::newfunc,
    dealloc: ffi::destructor,
    traverse: ffi::traverseproc,
    clear: ffi::inquiry,
    #[cfg(not(Py_LIMITED_API))]
    vectorcall: ffi::vectorcallfunc,
    /// The dataclass behaviours (used when the class options ask for them).
    /// `None` when the class options ask for none of them (see `PyClass::DATA_HOOKS`).
    data: Option<DataHooks>,
    /// `PyClass::FIXED_LAYOUT`, which must match the layout computed here.
    fixed_layout: Option<Layout>,
}

/// Creates class `T`'s type and record.
pub(crate) fn build<T: PyClass>(gil: Gil<'_>) -> PyResult<&'static ClassRecord> {
    let base = <T::Base as ClassBase>::base_info(gil)?;
    let hooks = Hooks {
        new: super::init::tp_new::<T>,
        dealloc: super::slots::dealloc::<T>,
        traverse: super::slots::traverse::<T>,
        clear: super::slots::clear::<T>,
        #[cfg(not(Py_LIMITED_API))]
        vectorcall: super::init::type_vectorcall::<T>,
        data: DataHooks::of::<T>(),
        fixed_layout: T::FIXED_LAYOUT,
    };
    build_type(gil, T::desc(), base, &hooks)
}

fn leak<T>(items: Vec<T>) -> &'static mut [T] {
    Box::leak(items.into_boxed_slice())
}

#[cold]
fn unsupported(desc: &TypeDesc, what: &str) -> PyErr {
    PyRuntimeError::new_err(format!("cannot create class '{}': {what}", desc.name_str()))
}

/// The non-generic part of [`build`].
fn build_type(
    gil: Gil<'_>,
    desc: &'static TypeDesc,
    base: BaseInfo,
    hooks: &Hooks,
) -> PyResult<&'static ClassRecord> {
    let minor = runtime_minor();
    let data = match &hooks.data {
        Some(data) => Some(data),
        None if desc.flags.intersects(TypeFlags::DATA_HOOKS) => {
            return Err(unsupported(
                desc,
                "its options ask for dataclass behaviours, but `PyClass::DATA_HOOKS` is false",
            ))
        }
        None => None,
    };
    let parts: Vec<&'static ImplItems> = (desc.items)().into_iter().collect();

    // The native type at the root of the chain.
    let (native_base, native_is_object) = match base.record {
        Some(record) => {
            let root = record.chain().last().unwrap_or(record);
            (root.native_base, root.native_base_is_object)
        }
        None => {
            let object = std::ptr::addr_of_mut!(ffi::PyBaseObject_Type);
            (base.type_object, base.type_object == object)
        }
    };
    if let Some(record) = base.record {
        if !record.desc.flags.contains(TypeFlags::SUBCLASS) {
            return Err(unsupported(
                desc,
                &format!(
                    "its base '{}' is not declared with `subclass`",
                    record.name()
                ),
            ));
        }
    }
    if cfg!(Py_LIMITED_API) && !native_is_object && minor < 10 {
        return Err(unsupported(
            desc,
            "extending a native type other than `object` needs Python 3.10+ in an abi3 build",
        ));
    }
    let wants_dict = desc.flags.contains(TypeFlags::DICT);
    let wants_weakref = desc.flags.contains(TypeFlags::WEAKREF);
    if cfg!(Py_LIMITED_API) && minor < 9 && (wants_dict || wants_weakref) {
        return Err(unsupported(
            desc,
            "`dict` and `weakref` need Python 3.9+ in an abi3 build",
        ));
    }

    let base_type: Owned<'_, PyType> =
        // SAFETY: base type objects live for the process; a new reference is taken.
        unsafe { Owned::from_borrowed_ptr(gil, base.type_object.cast()) };
    let base_size: usize = base_type.getattr("__basicsize__")?.extract()?;
    let layout = Layout::compute(desc, base_size);
    if hooks.fixed_layout.is_some_and(|fixed| fixed != layout) {
        return Err(unsupported(
            desc,
            "its compile-time layout differs from the base type's (unexpected __basicsize__)",
        ));
    }

    // gc: asked for, needed for `__dict__`, inherited from a bind base, or a gc native root.
    // SAFETY: live type objects.
    let native_gc = !native_is_object && unsafe { ffi::PyType_IS_GC(native_base) };
    let custom_traverse = parts.iter().any(|p| {
        p.protocols
            .methods
            .iter()
            .any(|m| m.dunder == crate::reflect::Dunder::Traverse)
    });
    let own_gc = desc.flags.contains(TypeFlags::GC)
        || custom_traverse
        || wants_dict
        || base.record.is_some_and(|r| r.gc && !native_gc);
    let gc = own_gc || native_gc;
    let native_hooks = if native_gc && base.record.is_none() {
        // SAFETY: live static type; the stable-ABI path is only reached on 3.10+.
        unsafe { native_gc_hooks(native_base) }
    } else {
        (None, None)
    };

    let user_constructor = parts.iter().find_map(|p| p.constructor);
    let constructor = match dataclass::constructor(desc, data, user_constructor.is_some())? {
        Some(generated) => Some(generated),
        None => user_constructor,
    };
    let record: &'static ClassRecord = Box::leak(Box::new(ClassRecord::new(
        desc,
        layout,
        base.record,
        native_base,
        native_is_object,
        gc,
        native_hooks,
        constructor,
    )));

    // Fields. CPython may read a primitive field itself (a member) only where no `&mut`
    // to the value can ever exist: `frozen` classes. Every other field goes through a
    // getset that checks the borrow flag of the level it belongs to (the getset lives on
    // that level's type, so a subclass instance is checked against the right flag).
    let frozen = desc.flags.contains(TypeFlags::FROZEN);
    let mut members = Vec::new();
    let mut getsets = Vec::new();
    for field in desc.fields {
        let readable = field.flags.contains(FieldFlags::GET);
        let writable = field.flags.contains(FieldFlags::SET);
        let doc = field.doc.map_or(std::ptr::null(), CStr::as_ptr);
        match field.kind {
            FieldKind::Primitive(code) if frozen && readable => {
                members.push(ffi::PyMemberDef {
                    name: field.name.as_ptr(),
                    type_code: code,
                    offset: (layout.data_offset + field.offset) as ffi::Py_ssize_t,
                    flags: ffi::READONLY,
                    doc,
                });
            }
            FieldKind::Primitive(code) if readable || writable => {
                let accessors = primitive_field::accessors(code).ok_or_else(|| {
                    unsupported(desc, &format!("field type code {code} is unknown"))
                })?;
                let slot: &'static FieldSlot = Box::leak(Box::new(FieldSlot { field, record }));
                getsets.push(ffi::PyGetSetDef {
                    name: field.name.as_ptr(),
                    get: readable.then_some(accessors.get),
                    set: writable.then_some(accessors.set),
                    doc,
                    closure: slot as *const FieldSlot as *mut c_void,
                });
            }
            FieldKind::Accessor { get, set } if get.is_some() || set.is_some() => {
                let slot: &'static FieldSlot = Box::leak(Box::new(FieldSlot { field, record }));
                getsets.push(ffi::PyGetSetDef {
                    name: field.name.as_ptr(),
                    get: Some(field_get),
                    set: Some(field_set),
                    doc,
                    closure: slot as *const FieldSlot as *mut c_void,
                });
            }
            _ => {}
        }
    }
    if minor >= 9 {
        if wants_dict {
            members.push(offset_member(c"__dictoffset__", layout.dict_offset));
        }
        if wants_weakref {
            members.push(offset_member(c"__weaklistoffset__", layout.weaklist_offset));
        }
    }

    // Properties, merged by name across impl blocks.
    let mut properties: Vec<PropertySlot> = Vec::new();
    for part in &parts {
        for p in part.properties {
            let name = p.name.to_str().unwrap_or("?");
            match properties.iter_mut().find(|q| q.name == name) {
                Some(q) => {
                    q.get = q.get.or(p.get);
                    q.set = q.set.or(p.set);
                    q.delete = q.delete.or(p.delete);
                }
                None => properties.push(PropertySlot {
                    name,
                    class: desc.name_str(),
                    get: p.get,
                    set: p.set,
                    delete: p.delete,
                }),
            }
        }
    }
    for slot in properties {
        let name = std::ffi::CString::new(slot.name).expect("no NUL in a Rust identifier");
        let doc = parts
            .iter()
            .flat_map(|p| p.properties.iter())
            .find(|p| p.name.to_bytes() == slot.name.as_bytes())
            .and_then(|p| p.doc);
        let slot: &'static PropertySlot = Box::leak(Box::new(slot));
        getsets.push(ffi::PyGetSetDef {
            name: Box::leak(name.into_boxed_c_str()).as_ptr(),
            get: Some(property_get),
            set: Some(property_set),
            doc: doc.map_or(std::ptr::null(), CStr::as_ptr),
            closure: slot as *const PropertySlot as *mut c_void,
        });
    }
    if wants_dict {
        getsets.push(super::instance_dict::dict_getset(layout.dict_offset));
    }

    let mut methods: Vec<ffi::PyMethodDef> = parts
        .iter()
        .flat_map(|p| p.methods.iter().map(|m| m.def))
        .collect();
    methods.extend(super::pickle::methods(desc, data));
    methods.extend(super::buffer::methods(desc));
    // An `__init__` method runs after the constructor, through `tp_init`; its entry must
    // replace the slot wrapper CPython puts in the type's dict for `tp_init`
    // (METH_COEXIST), or `__init__` would call the slot, which calls `__init__`.
    let mut has_init = false;
    for def in &mut methods {
        // SAFETY: `ml_name` of a method descriptor is a static NUL-terminated string.
        let name = unsafe { CStr::from_ptr(def.ml_name) };
        if name == c"__init__" && def.ml_flags & (ffi::METH_CLASS | ffi::METH_STATIC) == 0 {
            def.ml_flags |= ffi::METH_COEXIST;
            has_init = true;
        }
    }

    let mut slots: Vec<ffi::PyType_Slot> = Vec::new();
    let mut push = |slot: c_int, pfunc: *mut c_void| slots.push(ffi::PyType_Slot { slot, pfunc });
    push(ffi::Py_tp_new, hooks.new as *mut c_void);
    if has_init {
        push(
            ffi::Py_tp_init,
            super::init::init_from_method as *mut c_void,
        );
    }
    push(ffi::Py_tp_dealloc, hooks.dealloc as *mut c_void);
    if let Some(doc) = desc.doc {
        push(ffi::Py_tp_doc, doc.as_ptr() as *mut c_void);
    }
    if !members.is_empty() {
        members.push(ffi::PyMemberDef::SENTINEL);
        push(ffi::Py_tp_members, leak(members).as_mut_ptr().cast());
    }
    if !getsets.is_empty() {
        getsets.push(ffi::PyGetSetDef::SENTINEL);
        push(ffi::Py_tp_getset, leak(getsets).as_mut_ptr().cast());
    }
    if !methods.is_empty() {
        methods.push(ffi::PyMethodDef::SENTINEL);
        push(ffi::Py_tp_methods, leak(methods).as_mut_ptr().cast());
    }
    if own_gc {
        push(ffi::Py_tp_traverse, hooks.traverse as *mut c_void);
        push(ffi::Py_tp_clear, hooks.clear as *mut c_void);
    }
    for s in record.protocols.type_slots() {
        push(s.slot, s.pfunc);
    }
    for (slot, pfunc) in super::buffer::type_slots(desc, minor) {
        push(slot, pfunc);
    }
    // The generated dataclass slots fill what the protocol table leaves: a magic method
    // written by hand wins.
    let taken = |id: c_int| record.protocols.fills(id);
    slots.extend(dataclass::type_slots(desc, data, &taken));
    slots.push(ffi::PyType_Slot {
        slot: 0,
        pfunc: std::ptr::null_mut(),
    });

    let mut flags = ffi::Py_TPFLAGS_DEFAULT;
    if desc.flags.contains(TypeFlags::SUBCLASS) {
        flags |= ffi::Py_TPFLAGS_BASETYPE;
    }
    if own_gc {
        flags |= ffi::Py_TPFLAGS_HAVE_GC;
    }
    if minor >= 10 {
        flags |= record.protocols.type_flags();
    }
    let mut spec = ffi::PyType_Spec {
        name: spec_name(desc).as_ptr(),
        basicsize: layout.basicsize as c_int,
        itemsize: 0,
        flags: flags as c_uint,
        slots: leak(slots).as_mut_ptr(),
    };
    let bases = crate::types::PyTuple::new(gil, [base_type.clone().into_any()])?;
    // SAFETY: the spec and everything it points to is leaked (lives for the process); the
    // bases tuple is live. Returns a new type reference or null.
    let ty: Owned<'_, PyAny> = unsafe {
        Owned::from_owned_ptr_or_err(
            gil,
            ffi::PyType_FromSpecWithBases(&mut spec, bases.as_ptr()),
        )?
    };
    record.register_bind_subclass(gil, ty.as_ptr());
    #[cfg(not(Py_LIMITED_API))]
    let type_ptr = ty.as_ptr().cast::<ffi::PyTypeObject>();
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: the type was just created and is not shared yet; the fields exist in every
    // supported version.
    unsafe {
        if minor < 9 {
            // 3.8 ignores the special offset members.
            if wants_dict {
                (*type_ptr).tp_dictoffset = layout.dict_offset as ffi::Py_ssize_t;
            }
            if wants_weakref {
                (*type_ptr).tp_weaklistoffset = layout.weaklist_offset as ffi::Py_ssize_t;
            }
        }
        super::buffer::patch_type(desc, type_ptr, minor);
        if minor >= 9 && constructor.is_some() && native_is_object && !has_init {
            // Fast construction: `Point(x, y)` is a vectorcall without an args tuple.
            (*type_ptr).tp_vectorcall = Some(hooks.vectorcall);
        }
        if let Some(signature) = parts.iter().find_map(|p| p.constructor_signature) {
            super::text_signature::install(type_ptr, desc, signature);
        }
    }

    record.protocols.finish_type(&ty)?;
    #[cfg(feature = "stubs")]
    crate::engine::stubs::record_class(ty.as_ptr(), desc);
    record.set_type_object(ty.into_ptr().cast());
    Ok(record)
}

/// Completes a type once its record is published (see [`super::LazyClass`]): sets the
/// class attributes, which may be instances of the class itself (`const ORIGIN: Self`),
/// so creating them needs the type to be findable, then makes the type immutable.
pub(super) fn finish(gil: Gil<'_>, record: &'static ClassRecord) -> PyResult<()> {
    // SAFETY: the type object lives for the process; a new reference is taken.
    let ty: Owned<'_, PyAny> =
        unsafe { Owned::from_borrowed_ptr(gil, record.type_object().cast()) };
    for part in (record.desc.items)() {
        for attr in part.class_attrs {
            let value = (attr.value)(gil)?;
            ty.setattr(attr.name, value)?;
        }
    }
    dataclass::install(gil, &ty, record.desc)?;
    // Immutable like a built-in type (`Point.x = 1` raises TypeError), from 3.10 where
    // CPython has the flag; set last, once the class attributes are in. Python
    // subclasses do not inherit it. Under the stable ABI the flags cannot be changed
    // after creation, and before 3.10 there is no flag: those classes stay mutable.
    #[cfg(not(Py_LIMITED_API))]
    if runtime_minor() >= 10 {
        // SAFETY: `tp_flags` exists in every version; the GIL is held.
        unsafe { (*record.type_object()).tp_flags |= ffi::Py_TPFLAGS_IMMUTABLETYPE };
    }
    Ok(())
}

/// `PyType_Spec.name`: the descriptor's qualified name, or, for a class without a `module`
/// option created while a module body runs, `"<that module>.<Name>"` (so `__module__` is
/// the module the class is added to rather than `builtins`).
fn spec_name(desc: &'static TypeDesc) -> &'static CStr {
    match (desc.module, crate::engine::module::executing_module()) {
        (None, Some(module)) => {
            let name = format!("{module}.{}", desc.name_str());
            // Leaked: CPython ≤ 3.10 keeps pointing into the spec's name.
            std::ffi::CString::new(name).map_or(desc.qualified_name, |name| {
                Box::leak(name.into_boxed_c_str())
            })
        }
        _ => desc.qualified_name,
    }
}

fn offset_member(name: &'static CStr, offset: usize) -> ffi::PyMemberDef {
    ffi::PyMemberDef {
        name: name.as_ptr(),
        type_code: ffi::T_PYSSIZET,
        offset: offset as ffi::Py_ssize_t,
        flags: ffi::READONLY,
        doc: std::ptr::null(),
    }
}

/// A gc native base's traverse and clear.
///
/// # Safety
/// `ty` is a live type; under the stable ABI only called on 3.10+.
unsafe fn native_gc_hooks(
    ty: *mut ffi::PyTypeObject,
) -> (Option<ffi::traverseproc>, Option<ffi::inquiry>) {
    #[cfg(not(Py_LIMITED_API))]
    // SAFETY: reading fields of a live type.
    unsafe {
        ((*ty).tp_traverse, (*ty).tp_clear)
    }
    #[cfg(Py_LIMITED_API)]
    // SAFETY: PyType_GetSlot works on static types from 3.10; slots hold these fn types.
    unsafe {
        let t = ffi::PyType_GetSlot(ty, ffi::Py_tp_traverse);
        let c = ffi::PyType_GetSlot(ty, ffi::Py_tp_clear);
        (
            (!t.is_null()).then(|| std::mem::transmute::<*mut c_void, ffi::traverseproc>(t)),
            (!c.is_null()).then(|| std::mem::transmute::<*mut c_void, ffi::inquiry>(c)),
        )
    }
}
