/** The provisioning command line: `--site <url>` (required), `--dry-run`, `--help`. */
export interface ProvisionArgs {
  siteUrl: string;
  dryRun: boolean;
}

export const USAGE = `Usage: npm run provision -- --site https://<tenant>.sharepoint.com/sites/<hub> [--dry-run]

Creates or updates the hub's SharePoint lists on the site (columns, indexes, unique columns, version history and
permissions) and its document libraries (major versions, the PphDocument column), and prints what it changed; a
second run changes nothing. --dry-run prints what it would change.

Credentials (environment): PPH_SP_TENANT_ID (or PPH_TENANT_ID), PPH_SP_CLIENT_ID (or PPH_CLIENT_ID) and the app's
certificate with its private key as PEM, PPH_SP_CERT_PATH or PPH_SP_CERTIFICATE (PPH_SP_CERT_THUMBPRINT to check it);
the app needs Sites.Selected with fullcontrol on the site. Or PPH_SP_ACCESS_TOKEN: a token you hold for the site,
e.g. \`az account get-access-token --resource https://<tenant>.sharepoint.com --query accessToken -o tsv\` as a
site owner.`;

export function parseArgs(argv: readonly string[]): ProvisionArgs | 'help' {
  let siteUrl: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--dry-run') dryRun = true;
    else if (a === '--site') siteUrl = argv[++i];
    else if (a.startsWith('--site=')) siteUrl = a.slice('--site='.length);
    else throw new Error(`Unknown argument "${a}".\n\n${USAGE}`);
  }
  if (!siteUrl) throw new Error(`--site is required.\n\n${USAGE}`);
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    throw new Error(
      `--site must be the site's URL (https://<tenant>.sharepoint.com/sites/<hub>), not "${siteUrl}".`,
    );
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:'))
    throw new Error('--site must be an https:// URL (http:// only for a test double on loopback).');
  return { siteUrl: url.toString().replace(/\/+$/, ''), dryRun };
}
