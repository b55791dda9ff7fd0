/**
 * Where the tab runs: inside Teams (teams-js initialises, SSO gives a token, the theme and deep-link context
 * come from the host) or in a plain browser, which is told apart without waiting when the page is neither framed
 * nor in a Teams webview, and otherwise by app.initialize() failing or not answering in time.
 */
import { loadTeamsSdk } from './teams-sdk';

export type ThemeName = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  kind: 'teams';
  theme: ThemeName;
  locale: string;
  /** The tab's entityId (`my-work`, `returns`, `dashboard`, or the channel tab's). */
  pageId?: string;
  /** What a deep link asked to open, e.g. `concern:PRV-2026-0001`. */
  subPageId?: string;
  /** `content`, or `settings` on a channel tab's configuration page. */
  frameContext?: string;
  token(): Promise<string>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
}

export interface BrowserHost {
  kind: 'browser';
}

export type Host = TeamsHost | BrowserHost;

export const asThemeName = (value: string | null | undefined): ThemeName | undefined =>
  value === 'default' || value === 'dark' || value === 'contrast' ? value : undefined;

const mightBeTeams = (w: Window): boolean => w.parent !== w || 'nativeInterface' in w;

const timeout = (ms: number) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Teams did not answer.')), ms));

export async function detectHost(w: Window = window, timeoutMs = 5000): Promise<Host> {
  if (!mightBeTeams(w)) return { kind: 'browser' };
  try {
    const { app, authentication } = await loadTeamsSdk();
    await Promise.race([app.initialize(), timeout(timeoutMs)]);
    const context = await Promise.race([app.getContext(), timeout(timeoutMs)]);
    app.notifySuccess();
    return {
      kind: 'teams',
      theme: asThemeName(context.app.theme) ?? 'default',
      locale: context.app.locale,
      ...(context.page.id ? { pageId: context.page.id } : {}),
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
      ...(context.page.frameContext ? { frameContext: context.page.frameContext } : {}),
      token: () => authentication.getAuthToken(),
      onThemeChange: (handler) =>
        app.registerOnThemeChangeHandler((theme) => handler(asThemeName(theme) ?? 'default')),
    };
  } catch {
    return { kind: 'browser' };
  }
}
