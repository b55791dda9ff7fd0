/**
 * The SharePoint adapter over the REST double, started together on loopback: `PPH_STORE=sharepoint-double` for
 * local runs (the demo on the SharePoint adapter), tests and the bench. Closing the store stops the double.
 * Never reachable from the Azure entry point (test/identity/production-graph.test.ts).
 */
import type { Logger } from '../../../ports/logger';
import { userAgentFor } from '../behaviors/user-agent';
import type { ThrottlingOptions } from '../behaviors/throttling';
import { SharePointStore } from '../sharepoint-store';
import { staticTokenProvider } from '../token-provider';
import { startSharePointDouble, type SharePointDouble, type SharePointDoubleOptions } from './server';

export class StoreOverDouble extends SharePointStore {
  constructor(
    readonly double: SharePointDouble,
    opts: ConstructorParameters<typeof SharePointStore>[0],
  ) {
    super(opts);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.double.close();
  }
}

export async function openStoreOverDouble(opts: {
  logger: Logger;
  version: string;
  double?: SharePointDoubleOptions;
  throttling?: ThrottlingOptions;
}): Promise<StoreOverDouble> {
  const double = await startSharePointDouble(opts.double);
  return new StoreOverDouble(double, {
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('sharepoint-double'),
    logger: opts.logger,
    userAgent: userAgentFor(opts.version),
    provisioning: 'apply',
    ...(opts.throttling ? { throttling: opts.throttling } : {}),
  });
}
