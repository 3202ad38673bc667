use bind::prelude::*;

#[module]
fn m(m: &Owned<'_, PyModule>, extra: i32) -> PyResult<()> {
    let _ = (m, extra);
    Ok(())
}

fn main() {}
