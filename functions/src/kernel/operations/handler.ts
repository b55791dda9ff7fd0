/**
 * What a capability implements for each operation of the contract: a plain function from the validated call to
 * a result. No HTTP types: the hosts (Azure, local) adapt requests to this, and tests can call it directly.
 */
import type { Operation, ParamsOf, ParsedRequestOf, QueryOf, ResponseOf } from '@pph/contract';
import type { Actor } from '../auth/actor';

export interface OperationCall<O> {
  /** The signed-in caller, resolved from the directory (undefined only for public operations). */
  actor: O extends { access: 'public' } ? undefined : Actor;
  params: ParamsOf<O>;
  /** The query string's parameters, validated (`{}` when the operation takes none). */
  query: QueryOf<O>;
  body: ParsedRequestOf<O>;
  /** The item's ETag from If-Match ("*" is treated as absent). */
  ifMatch?: string;
}

export interface OperationResult<O> {
  body?: ResponseOf<O>;
  /** Overrides the operation's declared status (e.g. 200 for an idempotent replay of a 201). */
  status?: number;
  headers?: Record<string, string>;
  /** A file instead of JSON (an export): sent as it is, with its content type, as an attachment. */
  file?: { contentType: string; fileName: string; data: Uint8Array };
}

export type OperationHandler<O> = (call: OperationCall<O>) => Promise<OperationResult<O>>;

export type OperationHandlers<T extends Record<string, Operation>> = {
  [K in keyof T]: OperationHandler<T[K]>;
};
