import type { HubConfig } from '../../config';
import type { Authenticator } from '../../ports/identity';
import { createDevAuthenticator } from './dev-authenticator';
import { createEntraAuthenticator } from './entra-authenticator';
import { createJwksAuthenticator } from './jwks';

export { createDevAuthenticator, createEntraAuthenticator, createJwksAuthenticator };

/**
 * For the local host: Entra in azure mode, demo personas in local mode. The Azure entry point does not use this
 * module at all (it imports ./jwks), so the dev sign-in is not even loaded there.
 */
export function createAuthenticator(
  config: HubConfig,
  deps: { isKnownPersona: (id: string) => Promise<boolean> },
): Authenticator {
  if (config.mode === 'azure') return createJwksAuthenticator(config);
  return createDevAuthenticator({ isKnownPersona: deps.isKnownPersona });
}
