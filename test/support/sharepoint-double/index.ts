/**
 * Test helpers around the SharePoint REST double (functions/src/adapters/sharepoint/double; README.md here says
 * what it implements): the adapter over a fresh double, with the retry waits recorded instead of slept.
 */
import {
  startSharePointDouble,
  type SharePointDouble,
  type SharePointDoubleOptions,
} from '@pph/functions/adapters/sharepoint/double/server';
import {
  SharePointStore,
  type SharePointStoreOptions,
} from '@pph/functions/adapters/sharepoint/sharepoint-store';
import { staticTokenProvider } from '@pph/functions/adapters/sharepoint/token-provider';
import { capturingLogger } from '../logs';

export const TEST_USER_AGENT = 'ISV|Council|PreventPartnershipHub/test';

export interface DoubleBackedStore {
  store: SharePointStore;
  double: SharePointDouble;
  /** Every wait the throttling behaviour asked for, in ms (none is slept). */
  waits: number[];
  logger: ReturnType<typeof capturingLogger>;
  close(): Promise<void>;
}

export async function storeOverDouble(
  opts: { double?: SharePointDoubleOptions; store?: Partial<SharePointStoreOptions> } = {},
): Promise<DoubleBackedStore> {
  const double = await startSharePointDouble(opts.double);
  const waits: number[] = [];
  const logger = capturingLogger();
  const store = new SharePointStore({
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('test-token'),
    logger,
    userAgent: TEST_USER_AGENT,
    provisioning: 'apply',
    ...opts.store,
    throttling: {
      sleep: async (ms) => void waits.push(ms),
      ...opts.store?.throttling,
    },
  });
  return {
    store,
    double,
    waits,
    logger,
    close: async () => {
      await store.close();
      await double.close();
    },
  };
}

/** A seeded random in [0, 1) (mulberry32): the same storm every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Throttles exactly the requests whose numbers (1-based) are given, from now on. */
export function throttleRequests(double: SharePointDouble, numbers: number[]): void {
  let n = 0;
  const set = new Set(numbers);
  double.faults.throttleRate = 1;
  double.faults.random = () => (set.has(++n) ? 0 : 1);
}
