use bind::prelude::*;

#[module(nmae = "other")]
fn m(m: &Owned<'_, PyModule>) -> PyResult<()> {
    let _ = m;
    Ok(())
}

fn main() {}
