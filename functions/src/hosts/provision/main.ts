/**
 * `npm run provision -- --site <url>`: creates or updates the hub's lists and document libraries on a SharePoint
 * site and prints what it did (see args.ts for the credentials). Exits 1 when something is left for a person to fix, 2 on bad input.
 */
import { staticTokenProvider, type TokenProvider } from '../../adapters/sharepoint/token-provider';
import { certificateTokenProvider } from '../../adapters/sharepoint/certificate-tokens';
import { createLogger } from '../../adapters/logging/pino-logger';
import { loadSharePointConfig, packageVersion } from '../../config';
import { parseArgs, USAGE } from './args';
import { formatReport, provisionSite } from './provision';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const env = process.env;
  let tokens: TokenProvider;
  let appPrincipal: string | undefined;
  if (env.PPH_SP_ACCESS_TOKEN) tokens = staticTokenProvider(env.PPH_SP_ACCESS_TOKEN);
  else {
    try {
      const sharepoint = loadSharePointConfig({ ...env, PPH_SP_SITE_URL: args.siteUrl });
      tokens = certificateTokenProvider(sharepoint);
      appPrincipal = sharepoint.clientId;
    } catch (e) {
      console.error(`${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
  }
  const logger = createLogger({ level: 'warn' });
  const report = await provisionSite({
    siteUrl: args.siteUrl,
    tokens,
    logger,
    version: packageVersion(),
    dryRun: args.dryRun,
    ...(appPrincipal ? { appPrincipal } : {}),
  });
  console.log(formatReport(args.siteUrl, report, args.dryRun));
  return report.problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Provisioning stopped: ${e instanceof Error ? e.message : 'unknown error'}`);
    process.exit(1);
  },
);
