/** Types of bundle.js (plain JavaScript, run by node without a build), for the tests and the bench. */
export interface BundleResult {
  appDir: string;
  bundle: string;
  bundleBytes: number;
  zip: string | undefined;
  zipBytes: number | undefined;
  metafile: string;
  /** Every module in the bundle, as paths relative to the repository (node_modules/… for packages). */
  inputs: string[];
}

export function bundleFunctions(opts?: {
  outDir?: string;
  withSqlite?: boolean;
  zip?: boolean;
  entry?: string;
}): Promise<BundleResult>;

/** The bot for App Service: functions/deploy/bot (package.json with npm start, dist/index.js) and bot.zip. */
export function bundleBot(opts?: {
  outDir?: string;
}): Promise<BundleResult & { zip: string; zipBytes: number }>;
