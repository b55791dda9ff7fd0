/**
 * The secretariat's web part: the meetings (list and scheduler, then one meeting's agenda, attendance, minutes
 * and pack) and the action log. The same views run in SharePoint and in the local harness; only the backend and
 * the theme they are given differ.
 */
import * as React from 'react';
import { FluentProvider, Tab, TabList, makeStyles, tokens, type Theme } from '@fluentui/react-components';
import type { BoardBackend } from '../api/board-api';
import { ActionLog } from './ActionLog';
import { BackendContext } from './backend-context';
import { MeetingsPage } from './MeetingsPage';
import { useShared } from './styles';

export interface BoardAppProps {
  backend: BoardBackend;
  theme: Theme;
  /** Who is signed in, shown at the top (and a way to change it in the harness). */
  signedInAs?: React.ReactNode;
}

type Area = 'meetings' | 'actions';

const useStyles = makeStyles({
  root: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    padding: tokens.spacingHorizontalL,
    fontFamily: tokens.fontFamilyBase,
  },
  header: { display: 'flex', justifyContent: 'flex-end', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

export function BoardApp({ backend, theme, signedInAs }: BoardAppProps) {
  const s = useShared();
  const styles = useStyles();
  const [area, setArea] = React.useState<Area>('meetings');
  return (
    <FluentProvider theme={theme}>
      <BackendContext.Provider value={backend}>
        <div className={`${styles.root} ${s.stack}`}>
          {signedInAs ? <div className={styles.header}>{signedInAs}</div> : null}
          <nav aria-label="Board secretariat">
            <TabList selectedValue={area} onTabSelect={(_, d) => setArea(d.value as Area)}>
              <Tab value="meetings">Meetings</Tab>
              <Tab value="actions">Action log</Tab>
            </TabList>
          </nav>
          <div className={s.stack}>
            {area === 'meetings' ? <MeetingsPage /> : null}
            {area === 'actions' ? (
              <ActionLog
                load={(view) => backend.api.listActions({ params: { view } })}
                onUpdate={(actionId, change) =>
                  backend.api.updateAction({ params: { actionId }, body: change })
                }
              />
            ) : null}
          </div>
        </div>
      </BackendContext.Provider>
    </FluentProvider>
  );
}
