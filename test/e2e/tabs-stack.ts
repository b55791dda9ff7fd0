/**
 * For the browser tests of the tabs: the built SPA (rebuilt when its sources are newer than the build), served by
 * the real tab server in front of a real local hub, and helpers to drive it as a person would (keyboard first)
 * and to check each page with axe.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { startTabServer, type TabServer } from '@pph/bot/host/tab-server';
import { startTestHub, type TestHub } from '../support/hub';
import type { LocalHubOptions } from '@pph/functions/hosts/local/hub';

const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(ROOT, 'teams-app');
const DIST = path.join(APP, 'dist');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

/** `npm run build -w teams-app` when the build is missing or older than what it is built from. */
export function ensureTabsBuilt() {
  const built = path.join(DIST, 'index.html');
  const sources = Math.max(
    newest(path.join(APP, 'src')),
    newest(path.join(ROOT, 'contract', 'src')),
    fs.statSync(path.join(APP, 'index.html')).mtimeMs,
    fs.statSync(path.join(APP, 'vite.config.mts')).mtimeMs,
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: APP,
    stdio: 'pipe',
  });
}

export interface TabsStack {
  hub: TestHub;
  tabs: TabServer;
  close(): Promise<void>;
}

export async function startTabsStack(
  opts: Partial<LocalHubOptions> & { start?: Date } = {},
): Promise<TabsStack> {
  ensureTabsBuilt();
  const hub = await startTestHub(opts);
  const tabs = await startTabServer({ distDir: DIST, apiUrl: hub.url, port: 0 });
  return {
    hub,
    tabs,
    close: async () => {
      await tabs.close();
      await hub.close();
    },
  };
}

/** Whether the element has the focus (tests are compiled without the DOM's types: the page's own document). */
export const hasFocus = (target: Locator): Promise<boolean> =>
  target.evaluate(
    (el) => el === (el as { ownerDocument?: { activeElement?: unknown } }).ownerDocument?.activeElement,
  );

/** Presses Tab until `target` has the focus: the control is reachable by keyboard alone (fails after `max`). */
export async function tabTo(page: Page, target: Locator, max = 120) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`tabTo: ${max} presses of Tab did not reach the target.`);
}

export const THEMES = ['default', 'dark', 'contrast'] as const;

/**
 * Fluent's focus management (Tabster) puts aria-hidden, focusable <i data-tabster-dummy> bumpers around arrow-key
 * groups (the charts use them): focus that lands there is moved on at once, and without aria-hidden screen
 * readers would announce them. axe reports them under aria-hidden-focus; Microsoft's own checkers drop exactly
 * these nodes (microsoft/tabster#288, microsoft/accessibility-insights-web#7605). Only those nodes are dropped.
 */
const tabsterBumper = (rule: string, html: string) =>
  rule === 'aria-hidden-focus' && html.includes('data-tabster-dummy');

/** The serious and critical axe violations of the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !tabsterBumper(v.id, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .join('; ')}`,
    );
}
