//! Validation of `#[derive(PyType)]` options; every error is reported at once, spanned.
use super::TypeInput;
use darling::Error;

pub(crate) fn check(model: &TypeInput) -> darling::Result<()> {
    let mut errors = Error::accumulator();
    if !model.generics.params.is_empty() {
        errors.push(
            Error::custom(
                "#[derive(PyType)] cannot be generic: a Python class is one concrete type",
            )
            .with_span(&model.generics),
        );
    }
    if let Some(freelist) = &model.freelist {
        if freelist.base10_parse::<u32>().is_err() {
            errors.push(
                Error::custom("`freelist` takes a count, e.g. `freelist = 64`").with_span(freelist),
            );
        }
    }
    if model.frozen.is_present() && model.unsendable.is_present() {
        errors.push(
            Error::custom("`frozen` and `unsendable` cannot be combined")
                .with_span(&model.unsendable.span()),
        );
    }
    let fields = model
        .data
        .as_ref()
        .take_struct()
        .expect("darling checked: a struct");
    let mut buffers = fields.fields.iter().filter(|f| f.buffer.is_present());
    if buffers.next().is_some() {
        for extra in buffers {
            errors.push(
                Error::custom("only one field of a class can be its `buffer`")
                    .with_span(&extra.buffer.span()),
            );
        }
    }
    for field in fields.fields {
        if field.readonly.is_present() && !field.buffer.is_present() {
            errors.push(
                Error::custom("`readonly` applies to the `buffer` field")
                    .with_span(&field.readonly.span()),
            );
        }
        if field.set.is_present() && model.frozen.is_present() {
            errors.push(
                Error::custom("a `frozen` class cannot have `set` fields: it is immutable")
                    .with_span(&field.set.span()),
            );
        }
        if field.name.is_some() && !field.get.is_present() && !field.set.is_present() {
            errors.push(
                Error::custom("`name` needs `get` or `set`: the field is not visible from Python")
                    .with_span(&field.ty),
            );
        }
        if field.ident.is_none()
            && field.name.is_none()
            && (field.get.is_present() || field.set.is_present())
        {
            errors.push(
                Error::custom(
                    "a tuple-struct field needs `name = \"...\"` to be visible from Python",
                )
                .with_span(&field.ty),
            );
        }
        if field.traverse.is_present() && !model.gc.is_present() {
            errors.push(
                Error::custom("`traverse` needs the class option `gc`")
                    .with_span(&field.traverse.span()),
            );
        }
    }
    errors.finish()
}
