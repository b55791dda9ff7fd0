/**
 * Every request says which app sends it, as Microsoft's throttling guidance asks of ISVs
 * ("ISV|CompanyName|AppName/Version"): decorated traffic is throttled more kindly and can be traced.
 */
import type { Queryable, TimelinePipe } from '../pnp';

export const userAgentFor = (version: string) => `ISV|Council|PreventPartnershipHub/${version}`;

export function UserAgent(userAgent: string): TimelinePipe<Queryable> {
  return (instance) => {
    instance.on.pre(async (url: string, init: RequestInit, result: unknown) => {
      init.headers = { ...(init.headers as Record<string, string>), 'User-Agent': userAgent };
      return [url, init, result];
    });
    return instance;
  };
}
