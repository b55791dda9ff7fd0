import { ApiHeaders } from '@pph/contract';
import type { ApiCredentials } from './hub-client';

/** Local mode: act as the demo persona whose id the playground user carries as its Entra object id. */
export function devPersonaCredentials(): ApiCredentials {
  return { headersFor: async (user) => ({ [ApiHeaders.devPersona]: user }) };
}

/** Something that can mint an access token for the API (e.g. @azure/identity's ClientSecretCredential). */
export interface TokenSource {
  getToken(scope: string): Promise<{ token: string } | null>;
}

/**
 * Azure: the bot's own app-only token for the API, plus the acting user's Entra object id taken from the
 * activity the Bot Framework adapter has already verified. The API accepts that header only from the bot's id.
 */
export function botIdentityCredentials(tokens: TokenSource, apiScope: string): ApiCredentials {
  return {
    async headersFor(user) {
      const token = await tokens.getToken(apiScope);
      if (!token) throw new Error('The bot could not get an access token for the hub API.');
      return { authorization: `Bearer ${token.token}`, [ApiHeaders.actingUser]: user };
    },
  };
}
