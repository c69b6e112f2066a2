//! Login, the route guard, the 403 page and the API key administration.

use super::dto::{LocalLogin, LoginOptions, SessionUser, TokenDto};
use super::server_fns::{CreateToken, Login, RevokeToken};
use crate::admin::views::AdminTabs;
use crate::any_view::IntoAnySync;
use crate::components::{ActionForm, ErrorNotice, FieldError, Loading, PageHeader, TableScroll};
use crate::domain::access::Access;
use crate::domain::format;
use crate::domain::tokens::TokenPermission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_location, use_query_map};

/// The signed-in person (or `None`) of this page load. The server knows it
/// from the session before rendering; the browser gets the same value inside
/// the page, so header, guards and pages agree without waiting for anything.
#[derive(Clone)]
struct UserContext(Option<SessionUser>);

pub fn provide_user() {
    let user = SharedValue::new(session_user).into_inner();
    provide_context(UserContext(user));
}

#[cfg(feature = "ssr")]
fn session_user() -> Option<SessionUser> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<SessionUser>().cloned())
}

#[cfg(not(feature = "ssr"))]
fn session_user() -> Option<SessionUser> {
    None
}

pub fn use_user() -> Option<SessionUser> {
    use_context::<UserContext>().and_then(|u| u.0)
}

/// Shows `children` to a caller who satisfies `access`; sends an anonymous
/// caller to the login page (and back afterwards) and shows a signed-in
/// caller without the role the 403 page. The server functions behind the
/// page check again: this guard is for people, not for security.
#[component]
pub fn RequireAccess<C: IntoView + 'static>(
    /// What the page requires.
    access: Access,
    /// The page (typed: see `crate::any_view`).
    children: TypedChildren<C>,
) -> impl IntoView {
    let location = use_location();
    match use_user() {
        Some(u) if access.allows(&u.roles) => children.into_inner()().into_any_sync(),
        Some(_) => view! { <ForbiddenPage/> }.into_any_sync(),
        None => {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let target = format!("/logga-in?next={}", urlencoding::encode(&here));
            view! { <Redirect path=target/> }.into_any_sync()
        }
    }
}

#[component]
pub fn ForbiddenPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <Title text="Ingen behörighet"/>
        <PageHeader
            title="Du har inte behörighet till den här sidan"
            lead="Sidan kräver en roll som ditt konto saknar. Kontakta systemadministratören om du behöver den."
        />
        <a href="/" class="btn-primary inline-block">"Till startsidan"</a>
    }
}

/// What this installation's login page offers, known to the server from
/// its settings and handed to the browser inside the page.
fn login_options() -> LoginOptions {
    SharedValue::new(server_login_options).into_inner()
}

#[cfg(feature = "ssr")]
fn server_login_options() -> LoginOptions {
    use_context::<crate::state::AppState>()
        .map(|s| s.auth.login)
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn server_login_options() -> LoginOptions {
    LoginOptions::default()
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = Signal::derive(move || query.read().get("next").unwrap_or_default());
    let options = login_options();
    let sso_href = move || {
        let next = next.get();
        if next.is_empty() {
            "/logga-in/oidc".to_owned()
        } else {
            format!("/logga-in/oidc?next={}", urlencoding::encode(&next))
        }
    };
    let lead = if options.sso {
        "Logga in med ditt e-tjänstekort (SITHS) via regionens inloggningstjänst."
    } else {
        "Logga in med ditt användarnamn och lösenord i regionen."
    };
    view! {
        <Title text="Logga in"/>
        <div class="mx-auto max-w-md">
            <PageHeader title="Logga in" lead=lead/>
            {move || query.read().get("utloggad").is_some().then(|| view! {
                <p class="mb-4 rounded-md border border-emerald-400 bg-emerald-50 p-3 text-emerald-950" role="status" id="logged-out">
                    "Du är utloggad."
                </p>
            })}
            {options.sso.then(|| view! {
                <div class="card space-y-3">
                    // A full page load: the browser leaves Avrop for the provider.
                    <a href=sso_href rel="external" class="btn-primary block w-full text-center no-underline" id="sso-login">
                        "Logga in med e-tjänstekort"
                    </a>
                    <p class="text-sm text-slate-700">
                        "Du skickas till regionens inloggningstjänst och tillbaka hit när du har legitimerat dig."
                    </p>
                </div>
            })}
            {match (options.sso, options.local) {
                (_, LocalLogin::Off) => None,
                (false, _) => Some(view! { <LocalLoginForm next/> }.into_any_sync()),
                (true, LocalLogin::On) => Some(view! {
                    <h2 class="mb-3 mt-8 text-lg font-semibold">"Eller med användarnamn och lösenord"</h2>
                    <LocalLoginForm next/>
                }.into_any_sync()),
                (true, LocalLogin::AdminsOnly) => Some(view! {
                    <details class="mt-8">
                        <summary class="cursor-pointer font-medium text-sky-900">"Administratör? Logga in med lösenord"</summary>
                        <div class="mt-3"><LocalLoginForm next/></div>
                    </details>
                }.into_any_sync()),
            }}
        </div>
    }
}

/// The username and password form.
#[component]
fn LocalLoginForm(
    /// Where to go after logging in.
    next: Signal<String>,
) -> impl IntoView {
    let action = ServerAction::<Login>::new();
    // A full page load after login, so that every part of the page is
    // rendered for the new session.
    Effect::new(move |_| {
        if let Some(Ok(target)) = action.value().get() {
            let _ = window().location().set_href(&target);
        }
    });
    let error = move || action.value().get().and_then(|r| r.err());
    view! {
        <ActionForm action attr:class="card space-y-4" attr:id="login-form">
            {move || error().map(|err| view! {
                <div class="rounded-md border border-red-300 bg-red-50 p-3 text-red-900" role="alert" id="login-error">
                    {err.to_string()}
                </div>
            })}
            <div class="flex flex-col gap-1">
                <label for="username" class="font-medium text-slate-800">"Användarnamn"</label>
                <input
                    id="username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    class="field"
                />
            </div>
            <div class="flex flex-col gap-1">
                <label for="password" class="font-medium text-slate-800">"Lösenord"</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    class="field"
                />
            </div>
            <input type="hidden" name="next" value=untrack(move || next.get()) prop:value=next/>
            <button type="submit" class="btn-primary w-full" disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Loggar in…" } else { "Logga in" }}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| super::server_fns::list_tokens(),
    );
    let created = move || create.value().get().and_then(|r| r.ok());
    let create_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let invalid = move |f: &'static str| move || create_error.get().is_some_and(|e| e.has_field(f)).to_string();
    let revoke_error = move || revoke.value().get().and_then(|r| r.err());
    // The creator's roles: a permission they cannot give is shown, but not offered.
    let roles = use_user().map(|u| u.roles).unwrap_or_default();

    view! {
        <Title text="API-nycklar"/>
        <AdminTabs/>
        <PageHeader
            title="API-nycklar"
            lead="Nycklar för integrationer som anropar Avrops API med Authorization: Bearer. Nyckeln visas bara när den skapas."
        />
        <section class="card mb-8" aria-labelledby="ny-nyckel">
            <h2 id="ny-nyckel" class="mb-3 text-lg font-semibold">"Skapa nyckel"</h2>
            <ActionForm action=create attr:class="grid gap-4 sm:grid-cols-2" attr:id="token-form">
                <div class="flex flex-col gap-1">
                    <label for="token-name" class="font-medium">"Namn"</label>
                    <input id="token-name" name="name" required maxlength="100" class="field" placeholder="t.ex. Leverantör Atea"
                        aria-invalid=invalid("name") aria-describedby="name-fel"/>
                    <FieldError error=create_error field="name"/>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="token-expires" class="font-medium">"Går ut (valfritt)"</label>
                    <input id="token-expires" name="expires_on" type="date" class="field"
                        aria-invalid=invalid("expires_on") aria-describedby="expires_on-fel"/>
                    <FieldError error=create_error field="expires_on"/>
                </div>
                <fieldset class="sm:col-span-2" id="token-permissions" aria-describedby="permissions-hjalp permissions-fel">
                    <legend class="font-medium">"Behörigheter"</legend>
                    <p id="permissions-hjalp" class="mb-2 text-sm text-slate-700">
                        "Nyckeln får bara göra det du kryssar i, och aldrig mer än dina egna roller tillåter."
                    </p>
                    <ul class="grid gap-2 sm:grid-cols-2">
                        {TokenPermission::ALL.into_iter().map(|p| {
                            let id = format!("token-perm-{}", p.as_str().replace(':', "-"));
                            let needed = p.required_roles();
                            let held = needed.is_empty() || needed.iter().any(|r| roles.contains(r));
                            let reason = (!held).then(|| {
                                let names: Vec<&str> = needed.iter().map(|r| r.label_sv()).collect();
                                format!(" – kräver rollen {}", names.join(" eller "))
                            });
                            view! {
                                <li class="flex items-start gap-2">
                                    <input type="checkbox" id=id.clone() name="permissions[]" value=p.as_str()
                                        class="mt-0.5 h-5 w-5 shrink-0" disabled=!held/>
                                    <label for=id class=if held { "" } else { "text-slate-600" }>
                                        {p.label_sv()}
                                        " "<code class="font-mono text-xs">{p.as_str()}</code>
                                        {reason}
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <FieldError error=create_error field="permissions"/>
                </fieldset>
                <div class="sm:col-span-2">
                    <button type="submit" class="btn-primary" disabled=move || create.pending().get()>"Skapa nyckel"</button>
                </div>
            </ActionForm>
            {move || create_error.get().filter(|e| e.field().is_none()).map(|err| view! { <div class="mt-4"><ErrorNotice err/></div> })}
            {move || created().map(|c| view! {
                <div class="mt-4 rounded-md border border-emerald-400 bg-emerald-50 p-4 text-emerald-950" role="status">
                    <p class="font-medium">"Nyckeln ”" {c.token.name.clone()} "” är skapad. Kopiera den nu – den visas inte igen:"</p>
                    <code id="new-token" class="mt-2 block break-all rounded bg-white p-2 font-mono text-sm">{c.secret.clone()}</code>
                </div>
            })}
        </section>
        {move || revoke_error().map(|err| view! { <div class="mb-4"><ErrorNotice err/></div> })}
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    Ok(list) if list.is_empty() => view! { <p>"Det finns inga API-nycklar ännu."</p> }.into_any_sync(),
                    Ok(list) => view! { <TokenTable tokens=list revoke/> }.into_any_sync(),
                    Err(err) => view! { <ErrorNotice err/> }.into_any_sync(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TokenTable(
    /// The tokens to list.
    tokens: Vec<TokenDto>,
    /// The revoke action of the page.
    revoke: ServerAction<RevokeToken>,
) -> impl IntoView {
    let now = chrono::Utc::now();
    let day = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| format::date(t.date_naive())).unwrap_or_else(|| "–".into())
    };
    view! {
        <TableScroll label="API-nycklar">
            <table class="data-table" id="token-table">
                <caption class="sr-only">"API-nycklar"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Namn"</th>
                        <th scope="col">"Början"</th>
                        <th scope="col">"Ägare"</th>
                        <th scope="col">"Behörigheter"</th>
                        <th scope="col">"Skapad"</th>
                        <th scope="col">"Går ut"</th>
                        <th scope="col">"Senast använd"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col"><span class="sr-only">"Åtgärd"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {tokens.into_iter().map(|t| {
                        let status = t.status(now);
                        let active = status == "Aktiv";
                        let label = format!("Återkalla nyckeln {}", t.name);
                        view! {
                            <tr>
                                <td>{t.name.clone()}</td>
                                <td class="font-mono text-sm">{t.prefix.clone()}"…"</td>
                                <td>{t.owner.clone()}</td>
                                <td>
                                    <ul>
                                        {t.permissions.iter().map(|p| view! {
                                            <li>{p.label_sv()}" "<code class="font-mono text-xs">{p.as_str()}</code></li>
                                        }).collect_view()}
                                    </ul>
                                </td>
                                <td class="whitespace-nowrap">{format::date(t.created_at.date_naive())}</td>
                                <td class="whitespace-nowrap">{day(t.expires_at)}</td>
                                <td class="whitespace-nowrap">{t.last_used_at.map(format::date_time).unwrap_or_else(|| "Aldrig".into())}</td>
                                <td>{status}</td>
                                <td>
                                    {active.then(|| view! {
                                        <ActionForm action=revoke>
                                            <input type="hidden" name="id" value=t.id/>
                                            <button type="submit" class="btn-danger" aria-label=label>"Återkalla"</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
