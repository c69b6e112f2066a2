//! `<Later>`: a part of a long page that the browser hydrates after the
//! rest of it, each part in a task of its own.
//!
//! Hydration is one synchronous walk over the server's HTML, and on a page
//! as long as the 200-goal plan most of its time is V8 compiling each wasm
//! function the first time it is called (`wasm.CompileLazy`). In one task
//! that kept a phone's main thread busy for a third of a second at a time,
//! which is what Lighthouse counts as blocking time. Wrapped in `<Later>`,
//! a section is skipped by the walk (its element is found and stepped over)
//! and hydrated from its own element once the walk is done, one section
//! per task, in the page's order, so the browser can paint and answer input
//! between them.
//!
//! The server draws the children inside a `<div>` as usual; nothing
//! changes for a page rendered in the browser (it builds at once). Until a
//! section is hydrated its HTML is the server's: links work, fields can be
//! typed in, handlers are not attached yet. A change from the page before
//! that (a rebuild) hydrates the section first. [`when_hydrated`] runs
//! code once every waiting section is done (the frontend marks the page
//! hydrated with it).

use leptos::prelude::*;
use leptos::tachys::{
    html::attribute::{any_attribute::AnyAttribute, Attribute},
    hydration::Cursor,
    renderer::{types, CastFrom, Rndr},
    ssr::StreamBuilder,
    view::{add_attr::AddAnyAttr, Mountable, Position, PositionState, Render, RenderHtml},
};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;

/// Children hydrated after the rest of the page (see the module's
/// documentation), drawn in a `<div class=class>`.
#[component]
pub fn Later<C>(
    /// The wrapping `<div>`'s classes (may be empty).
    #[prop(optional)]
    class: &'static str,
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
{
    let children = children.into_inner();
    Deferred(view! { <div class=class>{children()}</div> })
}

/// A single element hydrated later. Only [`Later`] makes one, so the view
/// is always one element, which is what `hydrate` relies on.
pub struct Deferred<V>(V);

/// A deferred view's state: its element, and the view's own state once it
/// is hydrated.
pub struct DeferredState<S> {
    el: types::Element,
    slot: Rc<RefCell<Slot<S>>>,
}

enum Slot<S> {
    /// Not hydrated yet: this hydrates it.
    Waiting(Box<dyn FnOnce() -> S>),
    /// Being hydrated now.
    Running,
    Ready(S),
}

impl<S> DeferredState<S> {
    /// The view's state, hydrating the view now if it is still waiting.
    fn with_ready<R>(&mut self, f: impl FnOnce(&mut S) -> R) -> R {
        hydrate_slot(&self.slot);
        match &mut *self.slot.borrow_mut() {
            Slot::Ready(state) => f(state),
            _ => unreachable!("a deferred view is hydrated before it is used"),
        }
    }
}

/// Hydrates a waiting view (nothing if it is hydrated or being hydrated).
fn hydrate_slot<S>(slot: &RefCell<Slot<S>>) {
    let waiting = {
        let mut slot = slot.borrow_mut();
        match std::mem::replace(&mut *slot, Slot::Running) {
            Slot::Waiting(hydrate) => hydrate,
            other => {
                *slot = other;
                return;
            }
        }
    };
    // Outside the borrow: hydrating may defer further views.
    let state = waiting();
    *slot.borrow_mut() = Slot::Ready(state);
}

impl<V: Render> Render for Deferred<V> {
    type State = DeferredState<V::State>;

    fn build(self) -> Self::State {
        let state = self.0.build();
        let el = state.elements().into_iter().next().expect("<Later> draws one element");
        DeferredState {
            el,
            slot: Rc::new(RefCell::new(Slot::Ready(state))),
        }
    }

    fn rebuild(self, state: &mut Self::State) {
        state.with_ready(|inner| self.0.rebuild(inner))
    }
}

impl<S> Mountable for DeferredState<S> {
    // The view is the one element, hydrated or not: it is moved as a whole.
    fn unmount(&mut self) {
        Rndr::remove(&self.el);
    }

    fn mount(&mut self, parent: &types::Element, marker: Option<&types::Node>) {
        Rndr::insert_node(parent, &self.el, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match Rndr::get_parent(&self.el).and_then(types::Element::cast_from) {
            Some(parent) => {
                child.mount(&parent, Some(&self.el));
                true
            }
            None => false,
        }
    }

    fn elements(&self) -> Vec<types::Element> {
        vec![self.el.clone()]
    }
}

// Attributes spread onto a `<Later>` go to its element, which then
// hydrates with the rest of the page.
impl<V: RenderHtml> AddAnyAttr for Deferred<V> {
    type Output<SomeNewAttr: Attribute> = V::Output<SomeNewAttr>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        self.0.add_any_attr(attr)
    }
}

impl<V: RenderHtml + 'static> RenderHtml for Deferred<V> {
    type AsyncOutput = Deferred<V::AsyncOutput>;
    type Owned = Deferred<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    fn resolve(self) -> impl Future<Output = Self::AsyncOutput> + Send {
        let inner = self.0.resolve();
        async move { Deferred(inner.await) }
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
        // Find the element where an element would (tachys' own steps), and
        // step over it.
        match position.get() {
            Position::FirstChild => cursor.child(),
            Position::Current => {}
            _ => cursor.sibling(),
        }
        let Some(el) = types::Element::cast_from(cursor.current()) else {
            // Not what the server drew: hydrate here and now, which reports
            // the mismatch as tachys does.
            let state = self.0.hydrate::<FROM_SERVER>(cursor, position);
            let el = state.elements().into_iter().next().expect("<Later> draws one element");
            return DeferredState {
                el,
                slot: Rc::new(RefCell::new(Slot::Ready(state))),
            };
        };
        position.set(Position::NextChild);
        // Hydrated later as it would be now: under the same owner (its
        // contexts) and error hook.
        let owner = Owner::current();
        let error_hook = leptos::error::get_error_hook();
        let root = el.clone();
        let view = self.0;
        let slot = Rc::new(RefCell::new(Slot::Waiting(Box::new(move || {
            let _hook = error_hook.map(leptos::error::set_error_hook);
            let hydrate = move || {
                let cursor = Cursor::new(root);
                view.hydrate::<FROM_SERVER>(&cursor, &PositionState::new(Position::Current))
            };
            match owner {
                Some(owner) => owner.with(hydrate),
                None => hydrate(),
            }
        }))));
        let waiting = Rc::downgrade(&slot);
        queue(Box::new(move || {
            // Gone if the page was left before its turn.
            if let Some(slot) = waiting.upgrade() {
                hydrate_slot(&slot);
            }
        }));
        DeferredState { el, slot }
    }

    fn into_owned(self) -> Self::Owned {
        Deferred(self.0.into_owned())
    }
}

type Job = Box<dyn FnOnce()>;

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    /// A task to run the next job is on its way.
    scheduled: bool,
    /// Run once no job is left.
    when_done: Vec<Job>,
}

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::default();
}

fn queue(job: Job) {
    let schedule = QUEUE.with_borrow_mut(|q| {
        q.jobs.push_back(job);
        !std::mem::replace(&mut q.scheduled, true)
    });
    if schedule {
        next_task();
    }
}

/// The next job in a task of its own.
fn next_task() {
    set_timeout(run_one, std::time::Duration::ZERO);
}

fn run_one() {
    let job = QUEUE.with_borrow_mut(|q| q.jobs.pop_front());
    if let Some(job) = job {
        job();
    }
    let finished = QUEUE.with_borrow_mut(|q| {
        if q.jobs.is_empty() {
            q.scheduled = false;
            std::mem::take(&mut q.when_done)
        } else {
            Vec::new()
        }
    });
    if QUEUE.with_borrow(|q| q.scheduled) {
        next_task();
    }
    for f in finished {
        f();
    }
}

/// Runs `f` once every view waiting to be hydrated is (at once if none
/// is).
pub fn when_hydrated(f: impl FnOnce() + 'static) {
    let now = QUEUE.with_borrow_mut(|q| {
        if q.scheduled {
            q.when_done.push(Box::new(f));
            None
        } else {
            Some(f)
        }
    });
    if let Some(f) = now {
        f();
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::Later;
    use leptos::prelude::*;

    /// On the server `<Later>` draws its children in a `<div>`, as the
    /// same markup written out would (up to the hydration markers between
    /// text nodes, which depend on how the children are passed).
    #[test]
    fn the_server_draws_the_children_in_a_div() {
        let later = view! { <Later class="mb-6"><p>"Mål"</p>{"per aktivitet"}</Later> }.to_html();
        let plain = view! { <div class="mb-6"><p>"Mål"</p>{"per aktivitet"}</div> }.to_html();
        assert_eq!(later.replace("<!>", ""), plain.replace("<!>", ""));
        assert!(later.starts_with("<div class=\"mb-6\"><p>Mål"));
        assert!(later.ends_with("</div>"));
    }
}
