/**
 * The store contract, unchanged, on the SharePoint adapter: over the SharePoint REST double, and over a real
 * tenant when one is configured (SP_SITE_URL and the app's credentials).
 */
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { startSharePointDouble } from '@pph/functions/adapters/sharepoint/double/server';
import { SharePointStore } from '@pph/functions/adapters/sharepoint/sharepoint-store';
import { staticTokenProvider } from '@pph/functions/adapters/sharepoint/token-provider';
import { describeStoreContract } from './store-contract';

describeStoreContract('SharePoint adapter over the REST double', async () => {
  const double = await startSharePointDouble();
  const store = new SharePointStore({
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('test-token'),
    logger: silentLogger,
    userAgent: 'ISV|Council|PreventPartnershipHub/test',
    provisioning: 'apply',
  });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await double.close();
    },
  };
});
