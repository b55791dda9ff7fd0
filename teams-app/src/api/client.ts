/**
 * The hub's API as the tabs call it: the contract's typed client over the route table, same-origin (the tab's
 * server proxies /api/*), signed in with Teams SSO (a bearer token) or, on a local hub outside Teams, as a demo
 * persona (x-dev-persona).
 */
import { ApiHeaders, Operations, createApiClient, type ApiClient } from '@pph/contract';

export type HubApi = ApiClient<typeof Operations>;

export type SignIn =
  | { kind: 'teams'; token: () => Promise<string> }
  | { kind: 'persona'; personaId: string }
  | { kind: 'anonymous' };

export function hubApi(signIn: SignIn, baseUrl: string = window.location.origin, f?: typeof fetch): HubApi {
  return createApiClient(Operations, {
    baseUrl,
    headers: async (): Promise<Record<string, string>> => {
      if (signIn.kind === 'teams') return { authorization: `Bearer ${await signIn.token()}` };
      if (signIn.kind === 'persona') return { [ApiHeaders.devPersona]: signIn.personaId };
      return {};
    },
    ...(f ? { fetch: f } : {}),
  });
}
