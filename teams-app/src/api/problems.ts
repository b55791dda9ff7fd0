/** What went wrong with a call, in words for the person (the API's own message when it gave one). */
import { ApiError } from '@pph/contract';
import type { Catalogue } from '../strings';

export function problemText(t: Catalogue, e: unknown): string {
  if (e instanceof ApiError) return e.body ? e.body.error.message : t.errors.unexpected;
  if (e instanceof TypeError || (e instanceof DOMException && e.name === 'TimeoutError'))
    return t.errors.network;
  return t.errors.unexpected;
}

/** Field errors keyed by the path the API gave ("reason", "sections.0.narrative"). */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of e.fieldErrors) out[f.path] = out[f.path] ? `${out[f.path]} ${f.message}` : f.message;
  return out;
}

/** Zod issues from a local check, keyed the same way. */
export function issuesByPath(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.');
    out[key] = out[key] ? `${out[key]} ${i.message}` : i.message;
  }
  return out;
}
