/**
 * The hub's API as the tabs call it: the contract's typed client over the route table, same-origin (the tab's
 * server proxies /api/*), signed in with Teams SSO (a bearer token) or, on a local hub outside Teams, as a demo
 * persona (x-dev-persona). Files (the collation's workbook and CSVs) are fetched with the same sign-in.
 */
import {
  ApiError,
  ApiHeaders,
  ErrorBodySchema,
  Operations,
  ReturnOperations,
  createApiClient,
  pathOf,
  type ApiClient,
  type Operation,
} from '@pph/contract';

/**
 * Every operation the tabs call. ReturnOperations is spread in too until it joins the route table
 * (contract/src/operations.ts); the spread is harmless after.
 */
export const TabOperations = { ...Operations, ...ReturnOperations };
export type HubApi = ApiClient<typeof TabOperations>;

export type SignIn =
  | { kind: 'teams'; token: () => Promise<string> }
  | { kind: 'persona'; personaId: string }
  | { kind: 'anonymous' };

export interface HubFile {
  blob: Blob;
  fileName: string;
}

export interface Hub {
  api: HubApi;
  /** An operation that answers with a file (no response schema), as a Blob and the name the hub gave it. */
  download(op: Operation, params: Record<string, string>, fallbackName: string): Promise<HubFile>;
}

const headersFor = async (signIn: SignIn): Promise<Record<string, string>> => {
  if (signIn.kind === 'teams') return { authorization: `Bearer ${await signIn.token()}` };
  if (signIn.kind === 'persona') return { [ApiHeaders.devPersona]: signIn.personaId };
  return {};
};

const fileNameOf = (disposition: string | null): string | undefined =>
  disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;

export function connectHub(signIn: SignIn, baseUrl: string = window.location.origin, f?: typeof fetch): Hub {
  const doFetch = f ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const api = createApiClient(TabOperations, { baseUrl, headers: () => headersFor(signIn), fetch: doFetch });
  return {
    api,
    async download(op, params, fallbackName) {
      const res = await doFetch(`${baseUrl}${pathOf(op, params)}`, {
        headers: { ...(await headersFor(signIn)) },
        signal: AbortSignal.timeout(60_000),
      });
      if (!res.ok) {
        let body: unknown;
        try {
          body = JSON.parse(await res.text());
        } catch {
          body = undefined;
        }
        const parsed = ErrorBodySchema.safeParse(body);
        throw new ApiError(res.status, parsed.success ? parsed.data : undefined);
      }
      const raw = fileNameOf(res.headers.get('content-disposition'));
      return { blob: await res.blob(), fileName: raw ? decodeURIComponent(raw) : fallbackName };
    },
  };
}

/** The typed client alone (pages that read and write JSON only). */
export const hubApi = (signIn: SignIn, baseUrl?: string, f?: typeof fetch): HubApi =>
  connectHub(signIn, baseUrl, f).api;
