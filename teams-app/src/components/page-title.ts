/** Each page names itself in the window title (WCAG 2.4.2), after the page and before the app. */
import { useEffect } from 'react';
import { useStrings } from '../strings';

export function usePageTitle(title: string) {
  const t = useStrings();
  useEffect(() => {
    document.title = `${title} – ${t.app.name}`;
  }, [title, t]);
}
