/** What a PnPjs request that failed says: its HTTP answer, or nothing (a timeout, a network fault). */
import { readFailure, type SharePointFailure } from './errors';

interface HttpRequestErrorLike {
  isHttpRequestError: true;
  response: Response;
}

const isHttpRequestError = (e: unknown): e is HttpRequestErrorLike =>
  typeof e === 'object' && e !== null && (e as { isHttpRequestError?: unknown }).isHttpRequestError === true;

export async function failureOf(e: unknown): Promise<SharePointFailure | undefined> {
  return isHttpRequestError(e) ? readFailure(e.response) : undefined;
}

/** For an error that carries no answer: say what happened without passing on its message. */
export function unanswered(e: unknown, what: string, timeoutMs: number): Error {
  const name = e instanceof Error ? e.name : 'unknown';
  if (name === 'TimeoutError' || name === 'AbortError')
    return new Error(
      `SharePoint did not answer ${what} within ${Math.round(timeoutMs / 1000)} s; a write may or may not have been applied.`,
    );
  return new Error(
    `SharePoint could not be reached for ${what} (${name}); a write may or may not have been applied.`,
  );
}
