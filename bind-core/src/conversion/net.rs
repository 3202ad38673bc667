//! `ipaddress.IPv4Address`/`IPv6Address` ↔ `Ipv4Addr`, `Ipv6Addr`, `IpAddr`.
//!
//! Out: an `ipaddress` object. In: an `ipaddress` object (read through its `packed` bytes)
//! or a `str` in the usual notation.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::PyResult;
use crate::exceptions::{PyTypeError, PyValueError};
use crate::gil::Gil;
use crate::handle::Owned;
use crate::reflect::TypeHint;
use crate::types::{PyAny, PyBytes, PyStr, PyTuple};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `ipaddress.<class_name>(packed)`.
fn make<'py>(gil: Gil<'py>, class_name: &str, packed: &[u8]) -> PyResult<Owned<'py, PyAny>> {
    let args = PyTuple::new(gil, [PyBytes::new(gil, packed).into_any()])?;
    gil.import("ipaddress")?.getattr(class_name)?.call1(args)
}

impl<'py> IntoPyObject<'py> for Ipv4Addr {
    const TYPE_HINT: TypeHint = TypeHint::Name("ipaddress.IPv4Address");
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        make(gil, "IPv4Address", &self.octets())
    }
}

impl<'py> IntoPyObject<'py> for Ipv6Addr {
    const TYPE_HINT: TypeHint = TypeHint::Name("ipaddress.IPv6Address");
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        make(gil, "IPv6Address", &self.octets())
    }
}

impl<'py> IntoPyObject<'py> for IpAddr {
    const TYPE_HINT: TypeHint = TypeHint::Generic {
        name: "typing.Union",
        args: &[
            TypeHint::Name("ipaddress.IPv4Address"),
            TypeHint::Name("ipaddress.IPv6Address"),
        ],
    };
    fn into_py(self, gil: Gil<'py>) -> PyResult<Owned<'py, PyAny>> {
        match self {
            IpAddr::V4(a) => a.into_py(gil),
            IpAddr::V6(a) => a.into_py(gil),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for IpAddr {
    const EXPECTED: &'static str = "ipaddress";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        if let Ok(text) = obj.downcast::<PyStr>() {
            return text.to_str()?.parse::<IpAddr>().map_err(|_| {
                PyValueError::new_err(format!(
                    "{} does not appear to be an IPv4 or IPv6 address",
                    obj.repr()
                        .map(|r| r.to_string_lossy().into_owned())
                        .unwrap_or_default()
                ))
            });
        }
        let gil = obj.gil();
        let ipaddress = gil.import("ipaddress")?;
        let is = |name: &str| -> PyResult<bool> { obj.is_instance(&ipaddress.getattr(name)?) };
        // A subclass may override `packed`: its length must match the class (4 bytes for
        // IPv4, 16 for IPv6), or the address would silently change family.
        let v4 = is("IPv4Address")?;
        if v4 || is("IPv6Address")? {
            let packed = obj.getattr("packed")?;
            let bytes = packed.downcast::<PyBytes>()?.as_bytes();
            match (v4, bytes.len()) {
                (true, 4) => {
                    return Ok(IpAddr::from(<[u8; 4]>::try_from(bytes).unwrap_or_default()))
                }
                (false, 16) => {
                    return Ok(IpAddr::from(
                        <[u8; 16]>::try_from(bytes).unwrap_or_default(),
                    ))
                }
                (_, len) => {
                    return Err(PyValueError::new_err(format!(
                        "'{}' object has a packed form of {len} bytes, expected {}",
                        obj.type_name(),
                        if v4 { 4 } else { 16 }
                    )))
                }
            }
        }
        Err(PyTypeError::new_err(format!(
            "'{}' object cannot be converted to 'ipaddress'",
            obj.type_name()
        )))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Ipv4Addr {
    const EXPECTED: &'static str = "IPv4Address";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        match IpAddr::extract(obj)? {
            IpAddr::V4(a) => Ok(a),
            IpAddr::V6(_) => Err(PyValueError::new_err("expected an IPv4 address, got IPv6")),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Ipv6Addr {
    const EXPECTED: &'static str = "IPv6Address";
    fn extract(obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        match IpAddr::extract(obj)? {
            IpAddr::V6(a) => Ok(a),
            IpAddr::V4(_) => Err(PyValueError::new_err("expected an IPv6 address, got IPv4")),
        }
    }
}
