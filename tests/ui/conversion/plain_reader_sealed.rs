// Nor can it make its own no-Python-code reader: only bind-core makes them.
use bind::prelude::*;
use bind::conversion::PlainRead;

struct Evil;

unsafe fn read_evil(_p: *mut bind::ffi::PyObject) -> Option<Evil> {
    Some(Evil)
}

impl<'a, 'py> FromPyObject<'a, 'py> for Evil {
    const PLAIN: Option<PlainRead<Self>> = Some(unsafe { PlainRead::new(read_evil) });
    fn extract(_obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(Evil)
    }
}

fn main() {}
