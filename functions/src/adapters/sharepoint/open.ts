/**
 * The SharePoint store as the Azure host opens it: the configured site, the app registration's certificate, the
 * app's user agent. It verifies the site rather than provisioning it (the running app may only read and write
 * items; `npm run provision` makes the lists).
 */
import type { HubConfig, SharePointConfig } from '../../config';
import type { Logger } from '../../ports/logger';
import { userAgentFor } from './behaviors/user-agent';
import { certificateTokenProvider } from './certificate-tokens';
import { SharePointStore } from './sharepoint-store';

export function openSharePointStore(
  config: Pick<HubConfig, 'version'> & { sharepoint: SharePointConfig },
  logger: Logger,
  provisioning: 'apply' | 'verify' = 'verify',
): SharePointStore {
  return new SharePointStore({
    siteUrl: config.sharepoint.siteUrl,
    tokens: certificateTokenProvider(config.sharepoint),
    logger,
    userAgent: userAgentFor(config.version),
    provisioning,
    appPrincipal: config.sharepoint.clientId,
  });
}
