// A real OpenID Connect provider for the sign-in test: node provider.mjs PORT CONFIG_JSON
// CONFIG_JSON: {"client_id", "client_secret", "redirect_uri", "accounts": {login: {claims...}}}.
// Logins go through the package's development interaction forms (login = the account's key).
import Provider from 'oidc-provider';

const [port, raw] = process.argv.slice(2);
const config = JSON.parse(raw);
const CLAIMS = ['resident_id', 'uscc', 'roles', 'region'];

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: [config.redirect_uri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'anyang'],
  claims: { openid: ['sub'], profile: ['name'], anyang: CLAIMS },
  conformIdTokenClaims: false, // the requested claims go into the ID token
  cookies: { keys: ['test-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const claims = config.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
  // first-party client: no consent screen
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile anyang');
    grant.addOIDCClaims(['name', ...CLAIMS]);
    await grant.save();
    return grant;
  },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
