/** The DocumentStore a host uses: SharePoint libraries beside a SharePoint store, a folder under the data folder otherwise. */
import path from 'node:path';
import type { HubConfig, SharePointConfig } from '../../config';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/documents';
import type { Logger } from '../../ports/logger';
import { userAgentFor } from '../sharepoint/behaviors/user-agent';
import { certificateTokenProvider } from '../sharepoint/certificate-tokens';
import { staticTokenProvider } from '../sharepoint/token-provider';
import { FolderDocumentStore } from './folder-documents';
import { SharePointDocumentStore } from './sharepoint-documents';

export function openDocumentStore(
  config: Pick<HubConfig, 'store' | 'dataDir' | 'version'> & { sharepoint?: SharePointConfig },
  logger: Logger,
  opts: { clock?: Clock; doubleSiteUrl?: string } = {},
): DocumentStore {
  if (config.store === 'sharepoint' && config.sharepoint)
    return new SharePointDocumentStore({
      siteUrl: config.sharepoint.siteUrl,
      tokens: certificateTokenProvider(config.sharepoint),
      logger,
      userAgent: userAgentFor(config.version),
      // The running app reads and writes files; it does not make libraries.
      provisioning: 'verify',
    });
  if (config.store === 'sharepoint-double' && opts.doubleSiteUrl)
    return new SharePointDocumentStore({
      siteUrl: opts.doubleSiteUrl,
      tokens: staticTokenProvider('sharepoint-double'),
      logger,
      userAgent: userAgentFor(config.version),
      provisioning: 'apply',
    });
  return new FolderDocumentStore(path.join(config.dataDir, 'documents'), opts.clock);
}
