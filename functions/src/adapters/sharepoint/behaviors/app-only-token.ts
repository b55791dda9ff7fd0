/**
 * The app's own token on each request (app-only: the hub acts as itself, never as the person), from a token
 * provider so tests and the double inject one. A $batch is authorised once, for all its parts.
 */
import type { Queryable, TimelinePipe } from '../pnp';
import type { TokenProvider } from '../token-provider';

export function AppOnlyToken(tokens: TokenProvider): TimelinePipe<Queryable> {
  return (instance) => {
    instance.on.auth.replace(async (url: URL, init: RequestInit) => {
      const token = await tokens.getToken(`${url.protocol}//${url.host}/.default`);
      init.headers = { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` };
      return [url, init];
    });
    return instance;
  };
}
