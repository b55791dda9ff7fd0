/**
 * Signs the tab in. In Teams: SSO (authentication.getAuthToken) sent as a bearer token. In a plain browser: the
 * hub's health says whether it runs in local mode; only then are the demo personas offered, and the one chosen is
 * remembered in this browser and sent as x-dev-persona. Otherwise the tab says to open it in Teams.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, type MeResponse, type PersonasResponse } from '@pph/contract';
import { connectHub, hubApi, type Hub } from '../api/client';
import { problemText } from '../api/problems';
import { Layout } from '../components/Layout';
import { PersonaPicker } from '../components/PersonaPicker';
import { Loading, Notice, Problem } from '../components/Status';
import type { Host } from '../host/teams';
import { useStrings } from '../strings';
import { Pages } from './Pages';
import { SessionContext, type Session } from './session';

const PERSONA_KEY = 'pph.devPersona';

const storedPersona = (): string | undefined => {
  try {
    return window.localStorage.getItem(PERSONA_KEY) ?? undefined;
  } catch {
    return undefined; // storage blocked: choose again each time
  }
};
const storePersona = (id: string | undefined) => {
  try {
    if (id) window.localStorage.setItem(PERSONA_KEY, id);
    else window.localStorage.removeItem(PERSONA_KEY);
  } catch {
    /* storage blocked */
  }
};

type State =
  | { step: 'loading' }
  | { step: 'failed'; message: string }
  | { step: 'open-in-teams' }
  | { step: 'choose'; personas: PersonasResponse['items'] }
  | { step: 'ready'; session: Session };

export function SignIn({
  host,
  baseUrl,
  fetch: doFetch,
}: {
  host: Host;
  baseUrl?: string;
  fetch?: typeof fetch;
}) {
  const t = useStrings();
  const [state, setState] = useState<State>({ step: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const anonymous = useMemo(() => hubApi({ kind: 'anonymous' }, baseUrl, doFetch), [baseUrl, doFetch]);

  const signInAs = useCallback(
    async (hub: Hub, mode: Session['mode']): Promise<State> => {
      const me: MeResponse = await hub.api.me();
      return { step: 'ready', session: { api: hub.api, download: hub.download, me, host, mode } };
    },
    [host],
  );

  useEffect(() => {
    let live = true;
    const set = (s: State) => live && setState(s);
    setState({ step: 'loading' });
    (async () => {
      if (host.kind === 'teams') {
        try {
          return set(
            await signInAs(connectHub({ kind: 'teams', token: host.token }, baseUrl, doFetch), 'azure'),
          );
        } catch (e) {
          return set({
            step: 'failed',
            message: t.host.ssoFailed(e instanceof Error ? e.message : String(e)),
          });
        }
      }
      let mode: Session['mode'];
      try {
        mode = (await anonymous.health()).mode;
      } catch {
        return set({ step: 'failed', message: t.host.healthFailed });
      }
      if (mode !== 'local') return set({ step: 'open-in-teams' });
      const remembered = new URLSearchParams(window.location.search).get('persona') ?? storedPersona();
      if (remembered) {
        try {
          storePersona(remembered);
          return set(
            await signInAs(connectHub({ kind: 'persona', personaId: remembered }, baseUrl, doFetch), mode),
          );
        } catch (e) {
          if (!(e instanceof ApiError && (e.status === 401 || e.status === 403)))
            return set({ step: 'failed', message: problemText(t, e) });
          storePersona(undefined); // that persona is gone from this hub: choose again
        }
      }
      try {
        set({ step: 'choose', personas: (await anonymous.devPersonas()).items });
      } catch (e) {
        set({ step: 'failed', message: problemText(t, e) });
      }
    })();
    return () => {
      live = false;
    };
  }, [host, baseUrl, doFetch, anonymous, signInAs, t, attempt]);

  const choose = async (id: string) => {
    storePersona(id);
    setState({ step: 'loading' });
    try {
      setState(await signInAs(connectHub({ kind: 'persona', personaId: id }, baseUrl, doFetch), 'local'));
    } catch (e) {
      setState({ step: 'failed', message: problemText(t, e) });
    }
  };
  const changePersona = () => {
    storePersona(undefined);
    const url = new URL(window.location.href);
    url.searchParams.delete('persona');
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    setAttempt((n) => n + 1);
  };

  switch (state.step) {
    case 'loading':
      return <Loading />;
    case 'failed':
      return (
        <main id="content" style={{ padding: '1.5rem' }}>
          <Problem onRetry={() => setAttempt((n) => n + 1)}>{state.message}</Problem>
        </main>
      );
    case 'open-in-teams':
      return (
        <main id="content" style={{ padding: '1.5rem' }}>
          <Notice intent="warning">{t.host.notInTeamsAzure}</Notice>
        </main>
      );
    case 'choose':
      return (
        <main id="content">
          <div style={{ padding: '1.5rem 1.5rem 0' }}>
            <Notice>{t.host.notInTeamsLocal}</Notice>
          </div>
          <PersonaPicker personas={state.personas} onChoose={(p) => void choose(p.id)} />
        </main>
      );
    case 'ready':
      return (
        <SessionContext.Provider value={state.session}>
          <Layout {...(state.session.mode === 'local' ? { onChangePersona: changePersona } : {})}>
            <Pages />
          </Layout>
        </SessionContext.Provider>
      );
  }
}
