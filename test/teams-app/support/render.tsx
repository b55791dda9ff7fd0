/** Renders a page of the tabs as a signed-in person, with the real typed client over a FakeHub. */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { MeResponse } from '@pph/contract';
import { connectHub } from '../../../teams-app/src/api/client';
import { SessionContext, type Session } from '../../../teams-app/src/app/session';
import type { Host } from '../../../teams-app/src/host/teams';
import { StringsContext } from '../../../teams-app/src/strings';
import { enGB } from '../../../teams-app/src/strings/en-GB';
import { FakeHub } from './fake-hub';
import { me as defaultMe } from './fixtures';

export const HUB = 'http://hub.test';

export function renderSignedIn(
  ui: ReactElement,
  opts: { hub?: FakeHub; me?: MeResponse; host?: Host; mode?: Session['mode'] } = {},
) {
  const hub = opts.hub ?? new FakeHub();
  const me = opts.me ?? defaultMe();
  const connected = connectHub({ kind: 'persona', personaId: me.person.id }, HUB, hub.fetch);
  const session: Session = {
    api: connected.api,
    download: connected.download,
    me,
    host: opts.host ?? { kind: 'browser' },
    mode: opts.mode ?? 'local',
  };
  const result = render(
    <FluentProvider theme={teamsLightTheme}>
      <StringsContext.Provider value={enGB}>
        <SessionContext.Provider value={session}>{ui}</SessionContext.Provider>
      </StringsContext.Provider>
    </FluentProvider>,
  );
  return { ...result, hub, session };
}
