/**
 * The frame of every page: a skip link, the page navigation (outside Teams only: in Teams each page is its own
 * tab), the demo sign-in banner on a local hub, and the main landmark the page fills.
 */
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { TabLink, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalM, zIndex: 10 },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { display: 'flex', gap: tokens.spacingHorizontalL },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: 'underline' },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXXL}`,
    maxWidth: '72rem',
    ':focus': { outlineStyle: 'none' },
  },
  banner: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL} 0` },
});

const PAGES = [
  { path: '/my-work', key: 'myWork' },
  { path: '/returns', key: 'returns' },
  { path: '/dashboard', key: 'dashboard' },
] as const;

export function Layout({ children, onChangePersona }: { children: ReactNode; onChangePersona?: () => void }) {
  const t = useStrings();
  const styles = useStyles();
  const { host, me } = useSession();
  const { path } = useLocation();
  const inBrowser = host.kind === 'browser';
  return (
    <>
      <Link className={styles.skip} href="#content">
        {t.app.skipToContent}
      </Link>
      {inBrowser ? (
        <header className={styles.header}>
          <span className={styles.brand}>{t.app.name}</span>
          <nav aria-label={t.nav.label} className={styles.nav}>
            {PAGES.map((p) => (
              <TabLink
                key={p.path}
                to={p.path}
                className={path === p.path ? styles.current : undefined}
                current={path === p.path}
              >
                {t.nav[p.key]}
              </TabLink>
            ))}
          </nav>
        </header>
      ) : null}
      {inBrowser && onChangePersona ? (
        <div className={styles.banner}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {t.host.notInTeams} {t.host.signedInAs(me.person.displayName, me.partner.name)}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={onChangePersona}>
                {t.host.changePersona}
              </Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      ) : null}
      <main id="content" tabIndex={-1} className={styles.main}>
        {children}
      </main>
    </>
  );
}
