use bind::prelude::*;

#[module]
fn m() -> PyResult<()> {
    Ok(())
}

fn main() {}
