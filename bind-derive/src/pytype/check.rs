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
    check_data(model, &fields.fields, &mut errors);
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

/// The dataclass options and field options.
fn check_data(
    model: &TypeInput,
    fields: &[&super::FieldInput],
    errors: &mut darling::error::Accumulator,
) {
    if !model.is_data() {
        for field in fields {
            if field.default.is_some()
                || field.default_factory.is_some()
                || field.kw_only.is_present()
            {
                errors.push(
                    Error::custom(
                        "`default`, `default_factory` and `kw_only` need a dataclass class \
                         option (`init` or `dataclass`)",
                    )
                    .with_span(&field.ty),
                );
            }
        }
        if model.kw_only.is_present() {
            errors.push(
                Error::custom("`kw_only` needs the class option `init` or `dataclass`")
                    .with_span(&model.kw_only.span()),
            );
        }
        return;
    }
    if model.order.is_present() && !(model.eq.is_present() || model.dataclass.is_present()) {
        errors.push(
            Error::custom("`order` needs `eq` (as in `dataclasses`)")
                .with_span(&model.order.span()),
        );
    }
    if model.extends.is_some() {
        errors.push(
            Error::custom(
                "dataclass options read the fields of one struct: a class with them cannot \
                 `extends` another class",
            )
            .with_span(&model.ident),
        );
    }
    let mut seen_default: Option<String> = None;
    for field in fields {
        if field.ident.is_none() {
            errors.push(Error::custom("dataclass options need named fields").with_span(&field.ty));
            continue;
        }
        if field.default.is_some() && field.default_factory.is_some() {
            errors.push(
                Error::custom("`default` and `default_factory` exclude each other")
                    .with_span(&field.ty),
            );
        }
        let has_default = field.default.is_some() || field.default_factory.is_some();
        let keyword = field.kw_only.is_present() || model.kw_only.is_present();
        if keyword {
            continue;
        }
        let name = field
            .ident
            .as_ref()
            .map(|i| i.to_string())
            .unwrap_or_default();
        match (&seen_default, has_default) {
            (Some(before), false) => errors.push(
                Error::custom(format!(
                    "field `{name}` without a default follows `{before}`, which has one: \
                     give it a default or make it `kw_only` (as `dataclasses` requires)"
                ))
                .with_span(&field.ty),
            ),
            (None, true) => seen_default = Some(name),
            _ => {}
        }
    }
}
