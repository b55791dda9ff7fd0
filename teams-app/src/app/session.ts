/** Who is signed in, and the API client that calls as them: what every page reads from the session. */
import { createContext, useContext } from 'react';
import type { MeResponse } from '@pph/contract';
import type { Hub, HubApi } from '../api/client';
import type { Host } from '../host/teams';

export interface Session {
  api: HubApi;
  download: Hub['download'];
  me: MeResponse;
  host: Host;
  mode: 'local' | 'azure';
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession is used outside a signed-in page.');
  return s;
}
