/**
 * The tab: find the host (Teams or a plain browser), follow its theme, sign in (Teams SSO, or a demo persona on a
 * local hub), then show the page the path names.
 */
import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { deepLinkPath } from '../host/deep-link';
import { detectHost, type Host, type ThemeName } from '../host/teams';
import { THEMES, themeFromQuery } from '../host/theme';
import { Loading } from '../components/Status';
import { StringsContext, catalogueFor } from '../strings';
import { navigate } from './router';
import { SignIn } from './SignIn';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
});

export interface AppProps {
  detect?: () => Promise<Host>;
  /** The hub's origin; the page's own by default (the tab server proxies /api/*). */
  baseUrl?: string;
  /** The fetch the hub is called with (the browser's by default). */
  fetch?: typeof fetch;
}

const detectDefault = () => detectHost();

export function App({ detect = detectDefault, baseUrl, fetch: doFetch }: AppProps) {
  const styles = useStyles();
  const [host, setHost] = useState<Host>();
  const [theme, setTheme] = useState<ThemeName>(() => themeFromQuery(window.location.search) ?? 'default');
  const t = catalogueFor(host?.kind === 'teams' ? host.locale : undefined);

  useEffect(() => {
    let live = true;
    void detect().then((h) => {
      if (!live) return;
      if (h.kind === 'teams') {
        // A ?theme= of a local run wins; in Teams the host's theme, followed live as the person changes it.
        if (!themeFromQuery(window.location.search)) {
          setTheme(h.theme);
          h.onThemeChange(setTheme);
        }
        const deepLink = deepLinkPath(h.subPageId, h.pageId);
        if (deepLink) navigate(deepLink, { replace: true });
      }
      setHost(h);
    });
    return () => {
      live = false;
    };
  }, [detect]);

  useEffect(() => {
    document.documentElement.lang = t.locale;
  }, [t.locale]);

  return (
    // The page's background goes on a box inside the provider: the provider's own class is also given to the
    // nodes it portals tooltips into, where a full-height background would cover the page.
    <FluentProvider theme={THEMES[theme]} data-theme={theme}>
      <div className={styles.root}>
        <StringsContext.Provider value={t}>
          {host ? (
            <SignIn host={host} {...(baseUrl ? { baseUrl } : {})} {...(doFetch ? { fetch: doFetch } : {})} />
          ) : (
            <Loading label={t.app.connecting} />
          )}
        </StringsContext.Provider>
      </div>
    </FluentProvider>
  );
}
