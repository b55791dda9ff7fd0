/** The page for each path. Each page is its own chunk, so a tab loads only its own page's code. */
import { lazy, Suspense } from 'react';
import { Loading, Problem } from '../components/Status';
import { useStrings } from '../strings';
import { useLocation } from './router';

const MyWorkPage = lazy(() => import('../pages/MyWorkPage'));
const ConcernPage = lazy(() => import('../pages/ConcernPage'));
const ReturnsPage = lazy(() => import('../pages/ReturnsPage'));
const DashboardPage = lazy(() => import('../pages/DashboardPage'));
const ConfigPage = lazy(() => import('../pages/ConfigPage'));

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
