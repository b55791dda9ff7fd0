/**
 * Entra sign-in against the tenant's published signing keys: the only authenticator the Azure entry point
 * imports. It lives apart from the dev sign-in so that the production graph of modules never reaches it.
 */
import { createRemoteJWKSet } from 'jose';
import type { HubConfig } from '../../config';
import type { Authenticator } from '../../ports/identity';
import { createEntraAuthenticator } from './entra-authenticator';

export function createJwksAuthenticator(config: HubConfig): Authenticator {
  if (!config.entra) throw new Error('Entra settings are missing (PPH_TENANT_ID, PPH_CLIENT_ID).');
  return createEntraAuthenticator({
    tenantId: config.entra.tenantId,
    clientId: config.entra.clientId,
    ...(config.entra.botAppId ? { botAppId: config.entra.botAppId } : {}),
    apiHosts: config.entra.apiHosts,
    jwks: createRemoteJWKSet(new URL(config.entra.jwksUri)),
  });
}
