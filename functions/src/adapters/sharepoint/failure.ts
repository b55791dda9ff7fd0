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
  const name = errorName(e);
  if (name === 'TimeoutError' || name === 'AbortError')
    return new Error(
      `SharePoint did not answer ${what} within ${timeoutMs / 1000} s; a write may or may not have been applied.`,
    );
  return new Error(
    `SharePoint could not be reached for ${what} (${name}); a write may or may not have been applied.`,
  );
}

/** An error's name, also for errors of another realm (a DOMException from an aborted fetch). */
export const errorName = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string'
    ? (e as { name: string }).name
    : 'unknown';
