/**
 * The harness: signs in as a demo persona of the local hub (as the Teams tabs do outside Teams: only when the
 * hub's health says local mode; the choice is remembered under the same key, or given as ?persona=), then renders
 * the web part's BoardApp with a backend that sends x-dev-persona through the same-origin /api proxy.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Field,
  FluentProvider,
  Link,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiHeaders, KernelOperations, createApiClient, type PersonasResponse } from '@pph/contract';
import { boardBackend, type BoardBackend } from '../../src/webparts/boardSecretariat/api/board-api';
import { problemText } from '../../src/webparts/boardSecretariat/api/problems';
import { BoardApp } from '../../src/webparts/boardSecretariat/components/BoardApp';
import { Loading, Notice, Problem } from '../../src/webparts/boardSecretariat/components/Status';
import { themeOf } from './themes';

const PERSONA_KEY = 'pph.devPersona';
const stored = (): string | undefined => {
  try {
    return window.localStorage.getItem(PERSONA_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};
const store = (id: string | undefined) => {
  try {
    if (id) window.localStorage.setItem(PERSONA_KEY, id);
    else window.localStorage.removeItem(PERSONA_KEY);
  } catch {
    /* storage blocked: choose again each time */
  }
};

type Persona = PersonasResponse['items'][number];
type State =
  | { step: 'loading' }
  | { step: 'failed'; message: string }
  | { step: 'not-local' }
  | { step: 'choose'; personas: Persona[] }
  | { step: 'ready'; backend: BoardBackend; who: string };

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  banner: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} 0`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
});

export function Harness() {
  const styles = useStyles();
  const theme = useMemo(() => themeOf(window.location.search), []);
  const anonymous = useMemo(() => createApiClient(KernelOperations, { baseUrl: window.location.origin }), []);
  const [state, setState] = useState<State>({ step: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const signIn = async (personaId: string): Promise<State> => {
    const headers = { [ApiHeaders.devPersona]: personaId };
    const kernel = createApiClient(KernelOperations, {
      baseUrl: window.location.origin,
      headers: () => headers,
    });
    const me = await kernel.me();
    const transport = {
      baseUrl: window.location.origin,
      // The local hub compiles a pack in its own process, which can hold an answer up for a while.
      timeoutMs: 60_000,
      headers: () => headers,
      fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
    };
    return {
      step: 'ready',
      backend: boardBackend(transport),
      who: `${me.person.displayName}, ${me.partner.name}`,
    };
  };

  useEffect(() => {
    let live = true;
    const set = (s: State) => {
      if (live) setState(s);
    };
    (async () => {
      try {
        if ((await anonymous.health()).mode !== 'local') return set({ step: 'not-local' });
      } catch {
        return set({ step: 'failed', message: 'The local hub does not answer: is `npm start` running?' });
      }
      const remembered = new URLSearchParams(window.location.search).get('persona') ?? stored();
      if (remembered) {
        try {
          store(remembered);
          return set(await signIn(remembered));
        } catch {
          store(undefined); // not a persona of this hub: choose again
        }
      }
      try {
        set({ step: 'choose', personas: (await anonymous.devPersonas()).items });
      } catch (e) {
        set({ step: 'failed', message: problemText(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, [anonymous, attempt]);

  const changePersona = () => {
    store(undefined);
    const url = new URL(window.location.href);
    url.searchParams.delete('persona');
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    setAttempt((n) => n + 1);
  };

  return (
    <FluentProvider theme={theme}>
      <div className={styles.page}>
        <main>
          <div className={styles.banner}>
            <h1 className={styles.title}>Prevent Board secretariat</h1>
            <Text>
              The SharePoint web part’s views on this machine, against the local hub. In SharePoint the same
              views sign in with the person’s Microsoft 365 account.
            </Text>
          </div>
          {state.step === 'loading' ? <Loading /> : null}
          {state.step === 'failed' ? (
            <div className={styles.banner}>
              <Problem onRetry={() => setAttempt((n) => n + 1)}>{state.message}</Problem>
            </div>
          ) : null}
          {state.step === 'not-local' ? (
            <div className={styles.banner}>
              <Notice intent="warning">
                This hub is not in local mode: use the web part in SharePoint instead.
              </Notice>
            </div>
          ) : null}
          {state.step === 'choose' ? (
            <PersonaForm
              personas={state.personas}
              onChoose={(id) => {
                store(id);
                setState({ step: 'loading' });
                signIn(id).then(setState, (e: unknown) =>
                  setState({ step: 'failed', message: problemText(e) }),
                );
              }}
            />
          ) : null}
          {state.step === 'ready' ? (
            <BoardApp
              backend={state.backend}
              theme={theme}
              signedInAs={
                <Text>
                  {`Signed in as ${state.who} (demo persona). `}
                  <Link as="button" onClick={changePersona}>
                    Sign in as someone else
                  </Link>
                </Text>
              }
            />
          ) : null}
        </main>
      </div>
    </FluentProvider>
  );
}

function PersonaForm({ personas, onChoose }: { personas: Persona[]; onChoose: (id: string) => void }) {
  const styles = useStyles();
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!personas.some((p) => p.id === chosen)) return setError('Choose who to be.');
    onChoose(chosen);
  };
  return (
    <div className={styles.banner}>
      <Notice>
        This local hub offers demo personas (every one is invented). The Board’s secretariat runs the Board
        cycle.
      </Notice>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label="Demo person" required validationMessage={error || undefined}>
          <Select
            value={chosen}
            onChange={(_, d) => {
              setChosen(d.value);
              setError('');
            }}
          >
            <option value="">Choose who to be</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.displayName} (${p.partnerName}): ${p.roles.join(', ')}`}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button appearance="primary" type="submit">
            Sign in
          </Button>
        </div>
      </form>
    </div>
  );
}
