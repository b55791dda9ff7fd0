/** Debian's Chromium, headless, driven by playwright-core; nothing leaves loopback. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails (a browser test never skips) when Chromium is missing; `npm test` installs it first where it can. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      [
        `Chromium is not installed at ${CHROMIUM}: this browser test cannot run.`,
        `Install Debian's package: sudo apt-get install -y chromium (npm test does this itself when run as root on Debian),`,
        'or set CHROMIUM_PATH to a Chromium binary.',
      ].join('\n'),
    );
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A page that may only talk to loopback (the playground would fetch fonts from a CDN otherwise). */
export async function loopbackPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  return context.newPage();
}

export class Screenshots {
  private n = 0;
  constructor(readonly dir: string) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  async take(page: Page, name: string) {
    this.n += 1;
    await page.screenshot({ path: path.join(this.dir, `${String(this.n).padStart(2, '0')}-${name}.png`) });
  }
}
