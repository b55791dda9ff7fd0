/**
 * Entra ID access tokens, validated with jose against the tenant's signing keys: RS256 only, the one tenant's
 * v1 or v2 issuer, `tid`, an audience of this API, an expiry (required; a token without one would be good for
 * ever) with clock tolerance. The bot's app-only token may act for a user named in x-acting-user-oid; nobody
 * else may.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ApiHeaders } from '@pph/contract';
import { AuthError, type Authenticator, type Principal } from '../../ports/identity';

export interface EntraOptions {
  tenantId: string;
  clientId: string;
  botAppId?: string;
  /** Host names of the hub's own tabs (PPH_API_HOST): Teams SSO tokens for them carry api://<host>/<clientId>. */
  apiHosts?: readonly string[];
  jwks: JWTVerifyGetKey;
  clockToleranceSeconds?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createEntraAuthenticator(opts: EntraOptions): Authenticator {
  // Entra writes GUIDs in lower case; configuration may not.
  const tenantId = opts.tenantId.toLowerCase();
  const issuers = [
    `https://login.microsoftonline.com/${tenantId}/v2.0`,
    `https://sts.windows.net/${tenantId}/`,
  ];
  // Exactly these: api://<anything>/<clientId> would also let in an Application ID URI nobody configured here.
  // Host names are compared without regard to case, as DNS does.
  const audiences = new Set(
    [
      opts.clientId,
      `api://${opts.clientId}`,
      `api://botid-${opts.clientId}`,
      ...(opts.apiHosts ?? []).map((host) => `api://${host}/${opts.clientId}`),
    ].map((a) => a.toLowerCase()),
  );
  const audienceOk = (aud: string) => audiences.has(aud.toLowerCase());

  return {
    async authenticate(req): Promise<Principal> {
      const header = req.header('authorization');
      const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!m)
        throw new AuthError('Sign in: send an Entra ID access token as "Authorization: Bearer <token>".');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(m[1]!, opts.jwks, {
          algorithms: ['RS256'],
          issuer: issuers,
          requiredClaims: ['exp'],
          clockTolerance: opts.clockToleranceSeconds ?? 300,
        }));
      } catch (e) {
        throw new AuthError(
          e instanceof errors.JWTExpired
            ? 'Your sign-in has expired. Sign in again.'
            : 'Your sign-in token was not accepted. Sign in again.',
        );
      }
      const auds = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
      if (!auds.some(audienceOk)) throw new AuthError('Your sign-in token is for a different application.');
      if (typeof payload.tid !== 'string' || payload.tid.toLowerCase() !== tenantId)
        throw new AuthError('Your sign-in token is from a different organisation.');
      const appId = (payload.azp ?? payload.appid) as string | undefined;
      const appOnly = payload.idtyp === 'app' || payload.scp === undefined; // delegated tokens carry scp
      const acting = req.header(ApiHeaders.actingUser);
      if (opts.botAppId && appId === opts.botAppId && appOnly) {
        if (!acting || !GUID.test(acting))
          throw new AuthError(`The bot must name the user it acts for in ${ApiHeaders.actingUser}.`);
        return { userId: acting.toLowerCase(), tenantId, via: 'entra-bot-on-behalf' };
      }
      if (acting) throw new AuthError('Only the bot may act for a user.');
      // Another application's own token names no person; only the bot's may, and only with the header.
      if (appOnly) throw new AuthError('This API takes tokens issued for a signed-in person.');
      const oid = payload.oid;
      if (typeof oid !== 'string' || !GUID.test(oid))
        throw new AuthError('Your sign-in token has no user object id.');
      return { userId: oid.toLowerCase(), tenantId, via: 'entra-user' };
    },
  };
}
