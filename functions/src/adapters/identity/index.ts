import { createRemoteJWKSet } from 'jose';
import type { HubConfig } from '../../config';
import type { Authenticator } from '../../ports/identity';
import { createDevAuthenticator } from './dev-authenticator';
import { createEntraAuthenticator } from './entra-authenticator';

export { createDevAuthenticator, createEntraAuthenticator };

/** Entra in Azure; demo personas only in local mode. The Azure path never constructs the dev sign-in. */
export function createAuthenticator(
  config: HubConfig,
  deps: { knownPersonaIds: () => Promise<string[]> },
): Authenticator {
  if (config.mode === 'azure') return createJwksAuthenticator(config);
  return createDevAuthenticator({ knownPersonaIds: deps.knownPersonaIds });
}

export function createJwksAuthenticator(config: HubConfig): Authenticator {
  if (!config.entra) throw new Error('Entra settings are missing (PPH_TENANT_ID, PPH_CLIENT_ID).');
  return createEntraAuthenticator({
    tenantId: config.entra.tenantId,
    clientId: config.entra.clientId,
    ...(config.entra.botAppId ? { botAppId: config.entra.botAppId } : {}),
    jwks: createRemoteJWKSet(new URL(config.entra.jwksUri)),
  });
}
