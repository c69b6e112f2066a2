// The tests' identity provider: a real OpenID Connect provider
// (`oidc-provider`, pinned in package-lock.json) on loopback, standing in
// for the region's, with its own development login pages.
//
//   OIDC_PORT=3211 OIDC_REDIRECTS=http://127.0.0.1:3210 node end2end/tools/oidc-provider.mjs
//
// OIDC_REDIRECTS: Avrop's public URLs (comma-separated); each gets
// `/logga-in/oidc/callback` as a redirect URI and `/logga-in?utloggad=1`
// as a post-logout one. Any login name signs in (any password); its
// claims: `sub` the name, `email` the name at regionnorrvik.se, `hsaid`
// an HSA-id made from it. So `anna.lindqvist` is the demo person and
// `okand.person` nobody Avrop knows. Two clients: `avrop` (secret
// `avrop-test-secret`) and `annan-tjanst` (another audience).
// Prints `ready <issuer>` when it listens.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? "3211");
const issuer = `http://127.0.0.1:${port}`;
const origins = (process.env.OIDC_REDIRECTS ?? "http://127.0.0.1:3210").split(",").map((o) => o.trim()).filter(Boolean);
const idTokenTtl = Number(process.env.OIDC_ID_TOKEN_TTL ?? "300");

const client = (id, secret) => ({
  client_id: id,
  client_secret: secret,
  redirect_uris: origins.map((o) => `${o}/logga-in/oidc/callback`),
  post_logout_redirect_uris: origins.map((o) => `${o}/logga-in?utloggad=1`),
  grant_types: ["authorization_code"],
  response_types: ["code"],
  token_endpoint_auth_method: "client_secret_basic",
});

const claimsOf = (id) => ({
  sub: id,
  email: `${id}@regionnorrvik.se`,
  email_verified: true,
  preferred_username: id,
  hsaid: `SE2321000016-${id.replace(/[^a-z]/g, "").slice(0, 8).toUpperCase()}`,
});

const provider = new Provider(issuer, {
  clients: [client("avrop", "avrop-test-secret"), client("annan-tjanst", "annan-hemlighet")],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["preferred_username"],
    hsa: ["hsaid"],
  },
  scopes: ["openid", "email", "profile", "hsa"],
  // The scopes' claims in the ID token too, as the region's provider sends them.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  ttl: { IdToken: idTokenTtl, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
  cookies: { keys: ["avrop-test-provider"] },
  async findAccount(ctx, id) {
    return { accountId: id, claims: async () => claimsOf(id) };
  },
  // Avrop is the region's own service: no consent page.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile hsa");
    await grant.save();
    return grant;
  },
});

const server = provider.listen(port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
