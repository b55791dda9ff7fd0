/** The page for each path. Each page is its own chunk, so a tab loads only its own page's code. */
import { lazy, Suspense, type ComponentType } from 'react';
import { Loading, Problem } from '../components/Status';
import { useStrings } from '../strings';
import { useLocation } from './router';

/**
 * A page loaded on demand that renders at once once its chunk has arrived: React.lazy alone would suspend on
 * first render even then (import() always answers later), and a revealed fallback is held for ~300 ms.
 */
function page<P extends object>(loader: () => Promise<{ default: ComponentType<P> }>) {
  let ready: ComponentType<P> | undefined;
  const load = () =>
    loader().then((m) => {
      ready = m.default;
      return m;
    });
  const Lazy = lazy(load);
  const Page = (props: P) => {
    const Loaded = ready;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  };
  return { Page, preload: () => void load().catch(() => undefined) }; // a failure shows when the page renders
}

const myWork = page(() => import('../pages/MyWorkPage'));
const concern = page(() => import('../pages/ConcernPage'));
const returns = page(() => import('../pages/ReturnsPage'));
const dashboard = page(() => import('../pages/DashboardPage'));
const config = page(() => import('../pages/ConfigPage'));
const MyWorkPage = myWork.Page;
const ConcernPage = concern.Page;
const ReturnsPage = returns.Page;
const DashboardPage = dashboard.Page;
const ConfigPage = config.Page;

/** Starts loading the page a path names while the tab is still signing in. */
export function preloadPage(path: string, query: URLSearchParams) {
  const view = path === '/channel' ? query.get('view') : undefined;
  const which =
    path === '/concern'
      ? concern
      : path === '/returns' || view === 'returns'
        ? returns
        : path === '/dashboard' || view === 'dashboard'
          ? dashboard
          : path === '/config'
            ? config
            : myWork;
  which.preload();
}

export const CHANNEL_VIEWS = ['my-work', 'returns', 'dashboard'] as const;
export type ChannelView = (typeof CHANNEL_VIEWS)[number];
export const isChannelView = (v: string | null): v is ChannelView =>
  (CHANNEL_VIEWS as readonly (string | null)[]).includes(v);

function View({ view }: { view: ChannelView }) {
  if (view === 'returns') return <ReturnsPage />;
  if (view === 'dashboard') return <DashboardPage />;
  return <MyWorkPage />;
}

export function Pages() {
  const t = useStrings();
  const { path, query } = useLocation();
  let page;
  if (path === '/' || path === '/my-work' || path === '/index.html') page = <MyWorkPage />;
  else if (path === '/concern') page = <ConcernPage reference={query.get('ref')} step={query.get('step')} />;
  else if (path === '/returns') page = <ReturnsPage />;
  else if (path === '/dashboard') page = <DashboardPage />;
  else if (path === '/config') page = <ConfigPage />;
  else if (path === '/channel') {
    const view = query.get('view');
    page = isChannelView(view) ? <View view={view} /> : <Problem>{t.channel.badView}</Problem>;
  } else page = <Problem>{t.app.notFound}</Problem>;
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}
