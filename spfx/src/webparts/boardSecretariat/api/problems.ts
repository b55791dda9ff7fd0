/** What went wrong with a call, in words a person can act on (the API's own message when it gave one). */
import { ApiError } from '@pph/contract';

export function problemText(e: unknown): string {
  if (e instanceof ApiError)
    return e.body ? e.body.error.message : `The hub answered ${e.status}. Try again in a moment.`;
  if (e instanceof TypeError || (e instanceof Error && e.name === 'TimeoutError'))
    return 'The hub could not be reached. Check your connection, then try again.';
  return 'Something went wrong. Try again; if it keeps happening, tell the hub’s administrators.';
}

/** Field errors keyed by the path the API gave ("title", "location.venue"). */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of e.fieldErrors) out[f.path] = out[f.path] ? `${out[f.path]} ${f.message}` : f.message;
  return out;
}
