// A user conversion cannot claim the no-reference list fast path with a flag.
use bind::prelude::*;

struct Evil;

impl<'a, 'py> FromPyObject<'a, 'py> for Evil {
    const PLAIN: bool = true;
    fn extract(_obj: &'a Owned<'py, PyAny>) -> PyResult<Self> {
        Ok(Evil)
    }
}

fn main() {}
