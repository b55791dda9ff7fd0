/**
 * SharePoint's refusals as the port's errors, and the rest as errors a person can act on. Messages carry list
 * and column names, ids and codes, never a value: SharePoint's own message text is used only to classify.
 */
import { StoreError } from '../../ports/store';

export interface SharePointFailure {
  status: number;
  /** SharePoint's error code, e.g. "-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException". */
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/** What a failed response says, read without consuming the original body. */
export async function readFailure(response: Response): Promise<SharePointFailure> {
  let code = '';
  let message = '';
  try {
    const json = (await response.clone().json()) as Record<string, unknown>;
    const err = (json['odata.error'] ?? json.error) as
      { code?: string; message?: string | { value?: string } } | undefined;
    code = err?.code ?? '';
    message = typeof err?.message === 'string' ? err.message : (err?.message?.value ?? '');
  } catch {
    /* not JSON: the status says enough */
  }
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  return {
    status: response.status,
    code,
    message,
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** Retry-After as seconds: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export const isDuplicateValues = (f: SharePointFailure) =>
  /SPDuplicateValuesFoundException|-2130575169/.test(f.code);

export const isListViewThreshold = (f: SharePointFailure) =>
  /SPQueryThrottledException|-2147024860/.test(f.code);

/** A list that is not there (deleted by an administrator, or never provisioned). */
export const isMissingList = (f: SharePointFailure) =>
  f.status === 404 && /^List '.*' does not exist/i.test(f.message);

/** A field the request names that the list does not have (deleted, or the site was never provisioned). */
export const isMissingField = (f: SharePointFailure) =>
  (f.status === 400 || f.status === 404) &&
  (/(Column|Field or property) '?"?[^'"]*'?"? does not exist/i.test(f.message) ||
    /The property '[^']*' does not exist on type 'SP\.Data\./i.test(f.message));

/**
 * The error for a failure that is not one of the port's own outcomes (those the store maps where it knows the
 * operation: a stale ETag, a missing item, a duplicate value).
 */
export function storeErrorFor(f: SharePointFailure, list: string, site: string): Error {
  if (f.status === 429 || f.status === 503)
    return new StoreError(
      'throttled',
      `SharePoint is throttling the hub (${f.status}); nothing was written by this request. Try again in ${f.retryAfterSeconds ?? 'a few'} seconds.`,
      { retryAfterSeconds: f.retryAfterSeconds ?? 5 },
    );
  if (isListViewThreshold(f))
    return new StoreError(
      'unindexed',
      `SharePoint refused a query of "${list}": it exceeds the list view threshold (5,000 items) without an indexed, selective first filter.`,
    );
  if (isMissingList(f))
    return new Error(
      `The SharePoint list "${list}" does not exist on ${site} (deleted, or never provisioned): run \`npm run provision -- --site ${site}\`.`,
    );
  if (isMissingField(f))
    return new Error(
      `The SharePoint list "${list}" lacks a column the hub uses (deleted, or not provisioned): run \`npm run provision -- --site ${site}\`.`,
    );
  if (f.status === 401)
    return new Error(
      `SharePoint refused the app's token for ${site} (401): check the app registration's certificate (not expired, the one uploaded) and the tenant.`,
    );
  if (f.status === 403)
    return new Error(
      `SharePoint denied the app access to ${site} (403): grant the app Sites.Selected on this site (write for the hub, fullcontrol to provision).`,
    );
  return new Error(
    `SharePoint answered ${f.status} for "${list}"${f.code ? ` (${f.code.split(',')[0]})` : ''}; nothing can be said of what was written.`,
  );
}
