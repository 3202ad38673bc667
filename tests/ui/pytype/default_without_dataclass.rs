use bind::prelude::*;

#[derive(PyType, Clone)]
struct Config {
    #[bind(get, default = 80)]
    port: u16,
}

fn main() {}
