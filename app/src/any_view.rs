//! `into_any_sync()`: a type-erased view for the pages, without the code
//! of an asynchronous hydration nobody calls.
//!
//! `into_any()` keeps, for every type it erases, a pointer to that type's
//! `RenderHtml::hydrate_async`, so the browser's wasm gets that function
//! for each erased type, and with it one for every view inside it: tachys
//! awaits child after child down the whole typed tree. Only the shell's
//! way down to the router is hydrated that way (the main file waits for a
//! lazy page's code); the router hydrates a page with the synchronous
//! `hydrate` once the page's code is loaded, so below it none of that code
//! runs. It was a fifth of the wasm's code before optimisation
//! (README, "The wasm, in groups").
//!
//! `into_any_sync()` erases a view exactly as `into_any()` does, but asked
//! to hydrate asynchronously it hydrates at once (tachys' default for a
//! view that has nothing to wait for), so the typed tree's asynchronous
//! hydration is never compiled. Server rendering is unchanged. Not for a
//! view that holds `<Routes>` or an `<Outlet>`: those must wait for the
//! lazy pages' code.

use leptos::prelude::*;
use leptos::tachys::{
    html::attribute::{any_attribute::AnyAttribute, Attribute},
    hydration::Cursor,
    ssr::StreamBuilder,
    view::{add_attr::AddAnyAttr, Position, PositionState, Render, RenderHtml},
};
use std::future::Future;

/// A view that hydrates synchronously even when asked to hydrate
/// asynchronously. Everything else is the inner view's.
pub struct SyncHydrate<T>(T);

/// Erases a view's type for a page (see the module's documentation).
pub trait IntoAnySync {
    /// Like `into_any()`, without compiling the view's asynchronous
    /// hydration.
    fn into_any_sync(self) -> AnyView;
}

impl<T: RenderHtml + Send> IntoAnySync for T {
    fn into_any_sync(self) -> AnyView {
        SyncHydrate(self).into_any()
    }
}

impl<T: Render> Render for SyncHydrate<T> {
    type State = T::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<T: RenderHtml> AddAnyAttr for SyncHydrate<T> {
    type Output<SomeNewAttr: Attribute> = SyncHydrate<T::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        SyncHydrate(self.0.add_any_attr(attr))
    }
}

impl<T: RenderHtml> RenderHtml for SyncHydrate<T> {
    type AsyncOutput = SyncHydrate<T::AsyncOutput>;
    type Owned = SyncHydrate<T::Owned>;

    const MIN_LENGTH: usize = T::MIN_LENGTH;
    const EXISTS: bool = T::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    fn resolve(self) -> impl Future<Output = Self::AsyncOutput> + Send {
        let inner = self.0.resolve();
        async move { SyncHydrate(inner.await) }
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0
            .to_html_async_with_buf::<OUT_OF_ORDER>(buf, position, escape, mark_branches, extra_attrs)
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    // `hydrate_async` is tachys' default: `hydrate` at once.

    fn into_owned(self) -> Self::Owned {
        SyncHydrate(self.0.into_owned())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::IntoAnySync;
    use leptos::either::Either;
    use leptos::prelude::*;

    /// The server draws an erased view the same either way, placeholders
    /// for views that draw nothing included, so the browser finds what it
    /// hydrates where it expects it.
    #[test]
    fn the_server_draws_the_same_html_as_into_any() {
        fn both<V: IntoView + 'static>(v: impl Fn() -> V) -> (String, String) {
            (v().into_any().to_html(), v().into_any_sync().to_html())
        }
        let cases = [
            both(|| ()),
            both(|| "Inga beställningar"),
            both(|| None::<&'static str>),
            both(|| Either::<&'static str, ()>::Right(())),
            both(|| (view! { <p class="mb-2">"Anna Lindqvist"</p> }, ())),
        ];
        for (typed, sync) in &cases {
            assert_eq!(sync, typed);
        }
        // `()` draws a placeholder the browser looks for.
        assert!(cases[0].1.ends_with("<!--<() />-->"));
    }

    /// The house rule, checked in the sources: no page erases a view with
    /// `into_any()`, takes its children as `Children`, or uses Leptos'
    /// `<ActionForm>` or the router's `<Form>` directly (each compiles the
    /// asynchronous hydration of what it erases). The shell's children
    /// hold the router and need it.
    #[test]
    fn no_page_erases_views_with_into_any() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        crate::boundaries::rust_files(&src, &mut files);
        let mut found = Vec::new();
        for path in files {
            let name = path.strip_prefix(&src).unwrap_or(&path).display().to_string();
            if name == "any_view.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read a source file");
            let imports_our_form = text
                .lines()
                .any(|l| l.starts_with("use crate::components::") && l.contains("ActionForm"));
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                let shell = name == "layout.rs" && code.contains("pub fn Shell(children: Children)");
                let erased = code.contains(".into_any()")
                    || (code.contains(": Children") || code.contains(": ChildrenFn")) && !shell
                    || code.contains("<Form ")
                    || code.contains("<ActionForm") && !imports_our_form && name != "components.rs";
                if erased {
                    found.push(format!("{name}:{}: {}", i + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "use into_any_sync(), TypedChildren, components::ActionForm or SearchForm:\n{}",
            found.join("\n")
        );
    }
}
