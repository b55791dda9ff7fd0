/**
 * The SPA's pages are paths of one index.html (the server answers every page path with it), so a Teams contentUrl
 * or a deep link opens the right page directly. Navigation inside the tab uses the History API.
 */
import { Link as FluentLink } from '@fluentui/react-components';
import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

const CHANGED = 'pph:navigate';

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
};
const snapshot = () => `${window.location.pathname}${window.location.search}`;

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://tab.invalid');
  return { path: url.pathname.replace(/\/+$/, '') || '/', query: url.searchParams };
}

/** Goes to another page of the tab, keeping the `theme` of a local run. */
export function navigate(to: string, opts: { replace?: boolean } = {}) {
  const url = new URL(to, window.location.href);
  const theme = new URLSearchParams(window.location.search).get('theme');
  if (theme && !url.searchParams.has('theme')) url.searchParams.set('theme', theme);
  const target = `${url.pathname}${url.search}`;
  if (opts.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(CHANGED));
  window.scrollTo?.(0, 0);
}

/** A link to another page of the tab: a real href (open in a new window works), navigated in place on a click. */
export function TabLink({
  to,
  children,
  className,
  current,
}: {
  to: string;
  children: ReactNode;
  className?: string | undefined;
  /** This link is the page being shown (aria-current). */
  current?: boolean;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <FluentLink href={to} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </FluentLink>
  );
}
