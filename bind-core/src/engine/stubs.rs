//! Typed stubs (`.pyi`) generated from the descriptors.
//!
//! The engine records what it builds: every function added to a module (its [`FnDesc`])
//! and every class it creates (its [`TypeDesc`]). [`module_stubs`] walks a module's public
//! names and renders each from those records: functions and methods with their full
//! signatures and the [`TypeHint`]s the macros copied from the conversion traits, fields
//! (read-only ones as properties), class and static methods, constructors, magic methods
//! (from the slots the type fills), class attributes, constants (annotated by their
//! runtime type), exceptions and submodules (one stub each). With the feature `stubs`
//! (off by default: only writing stubs needs it), every bind module carries a
//! hidden `__bind_stubs__()` returning them, which the repository's stub command writes
//! into each example's stub package.
use crate::engine::function::FnDesc;
use crate::err::PyResult;
use crate::handle::Owned;
use crate::reflect::{FieldFlags, FieldKind, MethodKind, TypeDesc, TypeHint};
use crate::reflect::{ParamKind, Signature};
use crate::types::{PyAny, PyModule};
use std::fmt::Write;
use std::sync::Mutex;

/// A function added to a module, by module name.
struct RecordedFunction {
    module: String,
    name: String,
    desc: &'static FnDesc,
}

/// A class the engine created, by its type object's address (types live for the process).
struct RecordedClass {
    type_object: usize,
    desc: &'static TypeDesc,
}

static FUNCTIONS: Mutex<Vec<RecordedFunction>> = Mutex::new(Vec::new());
static CLASSES: Mutex<Vec<RecordedClass>> = Mutex::new(Vec::new());

/// Records that `module` got the function `name` described by `desc`.
pub(crate) fn record_function(module: &str, name: &str, desc: &'static FnDesc) {
    let mut functions = FUNCTIONS.lock().unwrap_or_else(|e| e.into_inner());
    functions.push(RecordedFunction {
        module: module.to_owned(),
        name: name.to_owned(),
        desc,
    });
}

/// Records the type object the engine built from `desc` (a type that is never freed).
pub(crate) fn record_class(type_object: *mut crate::ffi::PyObject, desc: &'static TypeDesc) {
    let mut classes = CLASSES.lock().unwrap_or_else(|e| e.into_inner());
    classes.push(RecordedClass {
        type_object: type_object as usize,
        desc,
    });
}

fn function_desc(module: &str, name: &str) -> Option<&'static FnDesc> {
    let functions = FUNCTIONS.lock().unwrap_or_else(|e| e.into_inner());
    functions
        .iter()
        .rev()
        .find(|f| f.module == module && f.name == name)
        .map(|f| f.desc)
}

fn class_desc(ty: &Owned<'_, PyAny>) -> Option<&'static TypeDesc> {
    let classes = CLASSES.lock().unwrap_or_else(|e| e.into_inner());
    classes
        .iter()
        .find(|c| c.type_object == ty.as_ptr() as usize)
        .map(|c| c.desc)
}

/// Adds the hidden `__bind_stubs__()` to a module: it returns a `dict` mapping the module's
/// dotted name, and each submodule's, to its stub text.
pub(crate) fn install(module: &Owned<'_, PyModule>) -> PyResult<()> {
    let name = module.name()?;
    let stubs = crate::engine::closure::new_closure(
        module.gil(),
        "__bind_stubs__",
        Some("The typed stubs (.pyi text) of this module and its submodules, by module name."),
        move |args, _kwargs| {
            let gil = args.gil();
            let module = gil.import(name.as_str())?;
            let dict = crate::types::PyDict::new(gil);
            for (module_name, text) in module_stubs(&module)? {
                dict.set_item(module_name.as_str(), text.as_str())?;
            }
            Ok(dict.unbind())
        },
    )?;
    module.setattr("__bind_stubs__", stubs)
}

/// The stub text of `module` and of each of its submodules, as (dotted name, text) pairs,
/// the module first.
pub fn module_stubs(module: &Owned<'_, PyModule>) -> PyResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    render_module(module, &mut out)?;
    Ok(out)
}

fn render_module(module: &Owned<'_, PyModule>, out: &mut Vec<(String, String)>) -> PyResult<()> {
    let module_name = module.name()?;
    let names = public_names(module.as_any())?;
    let mut body = String::new();
    let mut submodules = Vec::new();
    let all = module.getattr_opt("__all__")?;
    if let Some(all) = &all {
        let all: Vec<String> = all.extract()?;
        let quoted: Vec<String> = all.iter().map(|n| format!("{n:?}")).collect();
        let _ = writeln!(body, "__all__ = [{}]\n", quoted.join(", "));
    }
    for name in &names {
        let value = module.getattr(name.as_str())?;
        if value.is_instance_of::<PyModule>() {
            let sub: Owned<'_, PyModule> = value.downcast_into()?;
            let _ = writeln!(body, "from . import {name} as {name}");
            submodules.push(sub);
        } else if let Some(desc) = function_desc(&module_name, name) {
            body.push('\n');
            render_function(&mut body, "", name, &desc.signature, Receiver::None);
        } else if value.is_instance_of::<crate::types::PyType>() {
            body.push('\n');
            render_type(&mut body, name, &value, &module_name)?;
        } else {
            let _ = writeln!(body, "{name}: {}", runtime_annotation(&value)?);
        }
    }
    let mut text =
        String::from("# Generated by bind from the module's descriptors: do not edit.\n");
    for import in [
        "collections.abc",
        "datetime",
        "enum",
        "inspect",
        "ipaddress",
        "os",
        "pathlib",
        "sys",
        "typing",
    ] {
        if body.contains(&format!("{import}.")) {
            let _ = writeln!(text, "import {import}");
        }
    }
    text.push('\n');
    text.push_str(body.trim_start_matches('\n'));
    out.push((module_name, text));
    for sub in submodules {
        render_module(&sub, out)?;
    }
    Ok(())
}

/// The names a stub must cover: `__all__` when the object has one, else every name not
/// starting with `_`.
fn public_names(obj: &Owned<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Some(all) = obj.getattr_opt("__all__")? {
        return all.extract();
    }
    let dir = obj.gil().import("builtins")?.getattr("dir")?;
    let names: Vec<String> = dir.call1((obj.clone(),))?.extract()?;
    Ok(names.into_iter().filter(|n| !n.starts_with('_')).collect())
}

/// A constant's annotation from its runtime type: builtin scalars and containers by
/// name, anything else `typing.Any`.
fn runtime_annotation(value: &Owned<'_, PyAny>) -> PyResult<String> {
    let ty = value.type_name();
    Ok(match ty.as_str() {
        "int" | "float" | "str" | "bytes" | "bool" | "complex" => ty,
        "NoneType" => "None".to_owned(),
        "list" | "dict" | "set" | "frozenset" | "tuple" => format!("{ty}[typing.Any]")
            .replace("dict[typing.Any]", "dict[typing.Any, typing.Any]")
            .replace("tuple[typing.Any]", "tuple[typing.Any, ...]"),
        _ => "typing.Any".to_owned(),
    })
}

/// What a callable receives before its parameters.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Receiver {
    /// A module function or static method.
    None,
    /// `self`.
    Instance,
    /// `cls`.
    Class,
}

fn render_hint(hint: &TypeHint, out: &mut String) {
    match hint {
        TypeHint::Any => out.push_str("typing.Any"),
        TypeHint::Name(name) => out.push_str(with_type_parameters(name)),
        TypeHint::Generic { name, args } if *name == "typing.Union" => {
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(" | ");
                }
                render_hint(arg, out);
            }
        }
        TypeHint::Generic { name, args } => {
            out.push_str(name);
            out.push('[');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render_hint(arg, out);
            }
            out.push(']');
        }
        TypeHint::Optional(inner) => {
            render_hint(inner, out);
            if **inner != TypeHint::Any {
                out.push_str(" | None");
            }
        }
    }
}

/// A bare generic builtin (the annotation of `Owned<'py, PyList>`, a base class) with
/// explicit `Any` parameters, as `mypy --strict` wants; other names unchanged.
fn with_type_parameters(name: &str) -> &str {
    match name {
        "list" => "list[typing.Any]",
        "dict" => "dict[typing.Any, typing.Any]",
        "set" => "set[typing.Any]",
        "frozenset" => "frozenset[typing.Any]",
        "tuple" => "tuple[typing.Any, ...]",
        "type" => "type[typing.Any]",
        other => other,
    }
}

fn hint_text(hint: &TypeHint) -> String {
    let mut out = String::new();
    render_hint(hint, &mut out);
    out
}

/// `def name(params) -> result: ...` at `indent`, from a signature and its hints.
fn render_function(
    out: &mut String,
    indent: &str,
    name: &str,
    signature: &Signature,
    receiver: Receiver,
) {
    let hints = signature.hints;
    let (var_args, var_kwargs) = hints.map_or(("args", "kwargs"), |h| {
        (h.var_names.args, h.var_names.kwargs)
    });
    let mut parts: Vec<String> = Vec::new();
    match receiver {
        Receiver::None => {}
        Receiver::Instance => parts.push("self".to_owned()),
        Receiver::Class => parts.push("cls".to_owned()),
    }
    let mut star_done = false;
    for (i, param) in signature.params.iter().enumerate() {
        if param.kind == ParamKind::KeywordOnly && !star_done {
            parts.push(if signature.var_args {
                format!("*{var_args}: typing.Any")
            } else {
                "*".to_owned()
            });
            star_done = true;
        }
        let hint = hints.map_or(TypeHint::Any, |h| h.params[i]);
        let default = if param.required { "" } else { " = ..." };
        parts.push(format!("{}: {}{default}", param.name, hint_text(&hint)));
        let next_is_positional_only = matches!(
            signature.params.get(i + 1),
            Some(p) if p.kind == ParamKind::PositionalOnly
        );
        if param.kind == ParamKind::PositionalOnly && !next_is_positional_only {
            parts.push("/".to_owned());
        }
    }
    if signature.var_args && !star_done {
        parts.push(format!("*{var_args}: typing.Any"));
    }
    if signature.var_kwargs {
        parts.push(format!("**{var_kwargs}: typing.Any"));
    }
    let returns = match hints.and_then(|h| h.returns) {
        Some(hint) => hint_text(&hint),
        None if name == "__init__" => "None".to_owned(),
        None => "typing.Any".to_owned(),
    };
    let _ = writeln!(
        out,
        "{indent}def {name}({}) -> {returns}: ...",
        parts.join(", ")
    );
}

/// Magic methods a type gets from the slots it fills, as CPython names their wrappers,
/// with the stub line of each. A type's own dict holds a wrapper exactly for the slots it
/// fills.
const MAGIC_METHODS: &[(&str, &str)] = &[
    ("__repr__", "def __repr__(self) -> str: ..."),
    ("__str__", "def __str__(self) -> str: ..."),
    ("__hash__", "def __hash__(self) -> int: ..."),
    (
        "__iter__",
        "def __iter__(self) -> typing.Iterator[typing.Any]: ...",
    ),
    ("__next__", "def __next__(self) -> typing.Any: ..."),
    (
        "__call__",
        "def __call__(self, *args: typing.Any, **kwargs: typing.Any) -> typing.Any: ...",
    ),
    ("__eq__", "def __eq__(self, other: object, /) -> bool: ..."),
    ("__ne__", "def __ne__(self, other: object, /) -> bool: ..."),
    (
        "__lt__",
        "def __lt__(self, other: typing.Any, /) -> bool: ...",
    ),
    (
        "__le__",
        "def __le__(self, other: typing.Any, /) -> bool: ...",
    ),
    (
        "__gt__",
        "def __gt__(self, other: typing.Any, /) -> bool: ...",
    ),
    (
        "__ge__",
        "def __ge__(self, other: typing.Any, /) -> bool: ...",
    ),
    ("__len__", "def __len__(self) -> int: ..."),
    ("__bool__", "def __bool__(self) -> bool: ..."),
    (
        "__contains__",
        "def __contains__(self, item: typing.Any, /) -> bool: ...",
    ),
    (
        "__getitem__",
        "def __getitem__(self, key: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__setitem__",
        "def __setitem__(self, key: typing.Any, value: typing.Any, /) -> None: ...",
    ),
    (
        "__delitem__",
        "def __delitem__(self, key: typing.Any, /) -> None: ...",
    ),
    ("__neg__", "def __neg__(self) -> typing.Any: ..."),
    ("__pos__", "def __pos__(self) -> typing.Any: ..."),
    ("__abs__", "def __abs__(self) -> typing.Any: ..."),
    ("__invert__", "def __invert__(self) -> typing.Any: ..."),
    ("__int__", "def __int__(self) -> int: ..."),
    ("__float__", "def __float__(self) -> float: ..."),
    ("__index__", "def __index__(self) -> int: ..."),
    (
        "__add__",
        "def __add__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__radd__",
        "def __radd__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__sub__",
        "def __sub__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rsub__",
        "def __rsub__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__mul__",
        "def __mul__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rmul__",
        "def __rmul__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__truediv__",
        "def __truediv__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rtruediv__",
        "def __rtruediv__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__floordiv__",
        "def __floordiv__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rfloordiv__",
        "def __rfloordiv__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__mod__",
        "def __mod__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rmod__",
        "def __rmod__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__and__",
        "def __and__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rand__",
        "def __rand__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__or__",
        "def __or__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__ror__",
        "def __ror__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__xor__",
        "def __xor__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rxor__",
        "def __rxor__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__lshift__",
        "def __lshift__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rlshift__",
        "def __rlshift__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rshift__",
        "def __rshift__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rrshift__",
        "def __rrshift__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__matmul__",
        "def __matmul__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rmatmul__",
        "def __rmatmul__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__divmod__",
        "def __divmod__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__rdivmod__",
        "def __rdivmod__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__pow__",
        "def __pow__(self, other: typing.Any, mod: typing.Any = ..., /) -> typing.Any: ...",
    ),
    (
        "__rpow__",
        "def __rpow__(self, other: typing.Any, mod: typing.Any = ..., /) -> typing.Any: ...",
    ),
    (
        "__iadd__",
        "def __iadd__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__isub__",
        "def __isub__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__imul__",
        "def __imul__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__imatmul__",
        "def __imatmul__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__itruediv__",
        "def __itruediv__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__ifloordiv__",
        "def __ifloordiv__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__imod__",
        "def __imod__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__ipow__",
        "def __ipow__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__ilshift__",
        "def __ilshift__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__irshift__",
        "def __irshift__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__iand__",
        "def __iand__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__ixor__",
        "def __ixor__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__ior__",
        "def __ior__(self, other: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__getattribute__",
        "def __getattribute__(self, name: str, /) -> typing.Any: ...",
    ),
    (
        "__getattr__",
        "def __getattr__(self, name: str, /) -> typing.Any: ...",
    ),
    (
        "__setattr__",
        "def __setattr__(self, name: str, value: typing.Any, /) -> None: ...",
    ),
    (
        "__delattr__",
        "def __delattr__(self, name: str, /) -> None: ...",
    ),
    (
        "__get__",
        // The slot wrapper gives `owner` a default from 3.10 on.
        "if sys.version_info >= (3, 10):\n    def __get__(self, instance: typing.Any, owner: typing.Any = ..., /) -> typing.Any: ...\nelse:\n    def __get__(self, instance: typing.Any, owner: typing.Any, /) -> typing.Any: ...",
    ),
    (
        "__set__",
        "def __set__(self, instance: typing.Any, value: typing.Any, /) -> None: ...",
    ),
    (
        "__delete__",
        "def __delete__(self, instance: typing.Any, /) -> None: ...",
    ),
    (
        "__await__",
        "def __await__(self) -> typing.Generator[typing.Any, None, typing.Any]: ...",
    ),
    ("__aiter__", "def __aiter__(self) -> typing.Any: ..."),
    ("__anext__", "def __anext__(self) -> typing.Any: ..."),
    ("__del__", "def __del__(self) -> None: ..."),
];

/// The stub of a type: a bind class from its descriptor, any other type (exceptions made
/// with `create_exception!`, …) as a subclass of its runtime base.
fn render_type(
    out: &mut String,
    name: &str,
    ty: &Owned<'_, PyAny>,
    module_name: &str,
) -> PyResult<()> {
    let base = ty.getattr("__base__")?;
    let base_name = if base.is_none() {
        None
    } else {
        let base_module: String = base.getattr("__module__")?.extract()?;
        let base_qualname: String = base.getattr("__qualname__")?.extract()?;
        match base_module.as_str() {
            "builtins" if base_qualname == "object" => None,
            "builtins" => Some(with_type_parameters(&base_qualname).to_owned()),
            m if m == module_name => Some(base_qualname),
            // A dotted name that is no importable module (`create_exception!` with a
            // `module.sub` path): the base is defined beside this type.
            m if m.starts_with(module_name)
                && !ty
                    .gil()
                    .import("sys")?
                    .getattr("modules")?
                    .call_method1("__contains__", (m,))?
                    .is_truthy()? =>
            {
                Some(base_qualname)
            }
            m => Some(format!("{m}.{base_qualname}")),
        }
    };
    let header = match &base_name {
        Some(base) => format!("class {name}({base}):"),
        None => format!("class {name}:"),
    };
    let Some(desc) = class_desc(ty) else {
        // Enums (`enum.Enum` subclasses): their members.
        let mut members: Vec<String> = Vec::new();
        if let Some(mapping) = ty.getattr_opt("__members__")? {
            for key in mapping.call_method0("keys")?.iter()? {
                members.push(key?.extract()?);
            }
        }
        let nested = nested_classes(ty, name)?;
        if members.is_empty() && nested.is_empty() {
            let _ = writeln!(out, "{header} ...");
        } else if members.is_empty() {
            let _ = writeln!(out, "{header}");
            for key in nested {
                let _ = writeln!(out, "    {key}: typing.ClassVar[type[typing.Any]]");
            }
        } else {
            let _ = writeln!(out, "{header}");
            for member in members {
                let _ = writeln!(out, "    {member} = ...");
            }
        }
        return Ok(());
    };
    // Py_TPFLAGS_BASETYPE: without it the class cannot be subclassed.
    let flags: u64 = ty.getattr("__flags__")?.extract()?;
    if flags & (1 << 10) == 0 {
        let _ = writeln!(out, "@typing.final");
    }
    let _ = writeln!(out, "{header}");
    let indent = "    ";
    let own_dict = ty.getattr("__dict__")?;
    // The type's own dict holds a wrapper for each slot it fills (`None` for `__hash__`
    // when `__eq__` is defined without it: instances are unhashable).
    let own = |attr: &str| -> PyResult<Option<Owned<'_, PyAny>>> {
        if own_dict.contains(attr)? {
            Ok(Some(own_dict.get_item(attr)?))
        } else {
            Ok(None)
        }
    };
    let mut lines = 0usize;
    for field in desc.fields {
        if matches!(field.kind, FieldKind::Hidden) {
            continue;
        }
        let field_name = field.name.to_str().unwrap_or("?");
        let hint = hint_text(&field.hint);
        let writable = field.flags.contains(FieldFlags::SET)
            && !desc.flags.contains(crate::reflect::TypeFlags::FROZEN);
        if writable {
            let _ = writeln!(out, "{indent}{field_name}: {hint}");
        } else {
            let _ = writeln!(out, "{indent}@property");
            let _ = writeln!(out, "{indent}def {field_name}(self) -> {hint}: ...");
        }
        lines += 1;
    }
    let parts = (desc.items)();
    let mut seen_parts: Vec<*const crate::reflect::ImplItems> = Vec::new();
    for part in parts {
        // Classes without a second `#[methods]` block repeat the empty fallback.
        if seen_parts.contains(&(part as *const _)) {
            continue;
        }
        seen_parts.push(part as *const _);
        if let Some(constructor) = part.constructor {
            // The constructor is `tp_new` (`__init__` is `object`'s).
            let mut line = String::new();
            render_function(
                &mut line,
                indent,
                "__new__",
                &constructor.signature,
                Receiver::Class,
            );
            out.push_str(&line.replace(") -> typing.Any:", &format!(") -> {name}:")));
            lines += 1;
        }
        for property in part.properties {
            let property_name = property.name.to_str().unwrap_or("?");
            let _ = writeln!(out, "{indent}@property");
            let _ = writeln!(out, "{indent}def {property_name}(self) -> typing.Any: ...");
            if property.set.is_some() {
                let _ = writeln!(out, "{indent}@{property_name}.setter");
                let _ = writeln!(
                    out,
                    "{indent}def {property_name}(self, value: typing.Any) -> None: ..."
                );
            }
            lines += 1;
        }
        for attr in part.class_attrs {
            let value = ty.getattr(attr.name)?;
            let _ = writeln!(
                out,
                "{indent}{}: typing.ClassVar[{}]",
                attr.name,
                runtime_annotation(&value)?
            );
            lines += 1;
        }
        for method in part.methods {
            // SAFETY: `ml_name` of a bind method definition is a static C string.
            let method_name = unsafe { std::ffi::CStr::from_ptr(method.def.ml_name) };
            let method_name = method_name.to_str().unwrap_or("?");
            let receiver = match method.kind {
                MethodKind::Instance => Receiver::Instance,
                MethodKind::Class => {
                    let _ = writeln!(out, "{indent}@classmethod");
                    Receiver::Class
                }
                MethodKind::Static => {
                    let _ = writeln!(out, "{indent}@staticmethod");
                    Receiver::None
                }
            };
            render_function(out, indent, method_name, &method.desc.signature, receiver);
            lines += 1;
        }
    }
    for (magic, line) in MAGIC_METHODS {
        match own(magic)? {
            Some(value) if value.is_none() => {
                let _ = writeln!(
                    out,
                    "{indent}{magic}: typing.ClassVar[None]  # type: ignore[assignment]"
                );
            }
            Some(_) => {
                let line = line.replace('\n', &format!("\n{indent}"));
                let _ = writeln!(out, "{indent}{line}");
            }
            None => continue,
        }
        lines += 1;
    }
    // Nested classes (the variants of a bind enum).
    for key in nested_classes(ty, name)? {
        let _ = writeln!(out, "{indent}{key}: typing.ClassVar[type[typing.Any]]");
        lines += 1;
    }
    // Dataclass options add these class attributes.
    if let Some(args) = own("__match_args__")? {
        let names: Vec<String> = args.extract()?;
        let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}, ")).collect();
        let _ = writeln!(
            out,
            "{indent}__match_args__ = ({})",
            quoted.concat().trim_end()
        );
        lines += 1;
    }
    if own("__signature__")?.is_some() {
        let _ = writeln!(
            out,
            "{indent}__signature__: typing.ClassVar[inspect.Signature]"
        );
        lines += 1;
    }
    // Buffer classes (`#[bind(buffer)]`): Python sees the buffer protocol as methods
    // from 3.12 (`collections.abc.Buffer`).
    if desc.buffer.is_some() {
        // The engine adds DLPack's two methods to every buffer class.
        let _ = writeln!(
            out,
            "{indent}def __dlpack__(self, stream: typing.Any = ..., *, \
             max_version: tuple[int, int] | None = ..., \
             dl_device: tuple[int, int] | None = ..., copy: bool | None = ...) \
             -> typing.Any: ..."
        );
        let _ = writeln!(
            out,
            "{indent}def __dlpack_device__(self) -> tuple[int, int]: ..."
        );
        let _ = writeln!(out, "{indent}if sys.version_info >= (3, 12):");
        let _ = writeln!(
            out,
            "{indent}    def __buffer__(self, flags: int, /) -> memoryview: ..."
        );
        let _ = writeln!(
            out,
            "{indent}    def __release_buffer__(self, buffer: memoryview, /) -> None: ..."
        );
        lines += 1;
    }
    if lines == 0 {
        let _ = writeln!(out, "{indent}...");
    }
    Ok(())
}

/// The names of the classes nested in `ty` (its own attributes whose `__qualname__` is
/// `<name>.<attribute>`: the variants of a bind enum).
fn nested_classes(ty: &Owned<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    let own_dict = ty.getattr("__dict__")?;
    let mut nested = Vec::new();
    for key in own_dict.call_method0("keys")?.iter()? {
        let key: String = key?.extract()?;
        let value = own_dict.get_item(key.as_str())?;
        if !value.is_instance_of::<crate::types::PyType>() {
            continue;
        }
        let qualname: String = value.getattr("__qualname__")?.extract()?;
        if qualname == format!("{name}.{key}") {
            nested.push(key);
        }
    }
    Ok(nested)
}
