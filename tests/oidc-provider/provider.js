// A real OpenID provider (npm oidc-provider) on loopback for Portalcrane's end-to-end tests.
// usage: node provider.js PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI POST_LOGOUT_REDIRECT_URI
// Accounts are whatever login the (built-in, development) login form is given; their groups
// claim comes from the table below.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri, postLogoutRedirectUri] = process.argv.slice(2);
const groups = { alice: ['registry-admins'], bob: ['developers', 'unmapped'], carol: [] };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutRedirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
  conformIdTokenClaims: false,
  cookies: { keys: ['portalcrane-test-only'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: `subject-${id}`, preferred_username: id, name: id, email: `${id}@example.test`, groups: groups[id] ?? [] };
      },
    };
  },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on ${port}`));
