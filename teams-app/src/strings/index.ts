/**
 * The string catalogue in use, and dates written the way the council writes them ("14 March 2026", London time).
 * Only en-GB exists so far; `catalogueFor` is where a second language is added.
 */
import { createContext, useContext } from 'react';
import { enGB, type Catalogue } from './en-GB';

export type { Catalogue };

const CATALOGUES: Record<string, Catalogue> = { 'en-gb': enGB };

/** The catalogue for a locale such as Teams' `app.locale` ("en-gb", "cy-GB"); British English otherwise. */
export function catalogueFor(locale: string | undefined): Catalogue {
  return CATALOGUES[(locale ?? '').toLowerCase()] ?? enGB;
}

export const StringsContext = createContext<Catalogue>(enGB);
export const useStrings = (): Catalogue => useContext(StringsContext);

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A calendar date ("2026-11-24") as "24 November 2026": no time zone can move it to another day. */
export function formatDate(t: Catalogue, day: string): string {
  const at = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  return formatter(t.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
}

/** A moment as "24 November 2026, 09:30" in London time. */
export function formatDateTime(t: Catalogue, iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return formatter(t.locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  }).format(at);
}

export const formatNumber = (t: Catalogue, n: number): string => n.toLocaleString(t.locale);
