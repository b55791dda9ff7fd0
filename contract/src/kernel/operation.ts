/**
 * An operation of the hub's HTTP API, declared once: method, path, parameters, request, response and who may call
 * it. The Azure registration, the local host, the OpenAPI document and the typed client are all built from these
 * declarations, so no path, method or body shape is written twice.
 */
import { z, type ZodType } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  readonly method: HttpMethod;
  /** Relative to `/api/`, in Azure's `{param}` syntax, e.g. `concerns/{ref}`. */
  readonly route: string;
  readonly summary: string;
  /** Path parameters (all strings in the path), validated and normalised before the handler runs. */
  readonly params?: ZodType<Record<string, string>>;
  /** Query parameters (optional strings after `?`), validated like the path's; unknown ones are ignored. */
  readonly query?: ZodType<Record<string, string | undefined>>;
  readonly request?: ZodType;
  readonly response?: ZodType;
  /** The status of a success; 200 unless said. */
  readonly status?: 200 | 201 | 204;
  /**
   * Who may call it: the authorisation registry's action that the caller's roles must allow before anything is
   * read ('public': no sign-in at all). Records are then checked again, per item, by the capability's policy.
   */
  readonly access: string;
  /**
   * A larger request body than the hosts' default (256 KB) for the few operations that carry a file (a paper),
   * with what a person is told past it.
   */
  readonly body?: { readonly maxBytes: number; readonly tooLarge: string };
  /** Served only by the local host (demo sign-in): never registered in Azure. */
  readonly localOnly?: boolean;
}

export const PUBLIC = 'public';

type Params<O> = O extends { params: ZodType<infer P> } ? P : Record<string, never>;
/** What a client sends (before defaults and trimming). */
export type RequestOf<O> = O extends { request: infer S extends ZodType } ? z.input<S> : undefined;
/** What a handler receives (after validation). */
export type ParsedRequestOf<O> = O extends { request: infer S extends ZodType } ? z.output<S> : undefined;
export type ResponseOf<O> = O extends { response: infer S extends ZodType } ? z.output<S> : undefined;
export type ParamsOf<O> = Params<O>;
/** What a handler receives from the query string (after validation); `{}` when the operation takes none. */
export type QueryOf<O> = O extends { query: ZodType<infer Q> } ? Q : Record<string, never>;

/** The arguments of one call: params when the path has some, a body when the operation takes one. */
export type CallArgs<O> = (O extends { params: ZodType } ? { params: Params<O> } : { params?: undefined }) &
  (O extends { request: ZodType } ? { body: RequestOf<O> } : { body?: undefined }) &
  (O extends { query: ZodType<infer Q> } ? { query?: Q } : { query?: undefined }) & {
    headers?: Record<string, string>;
  };

/** Keeps the literal types of a table of operations while checking each against `Operation`. */
export const defineOperations = <T extends Record<string, Operation>>(ops: T): T => ops;

/** The URL path of an operation for the given parameters (each one escaped), with its query string if any. */
export function pathOf(
  op: Operation,
  params: Record<string, string> = {},
  query: Record<string, string | undefined> = {},
): string {
  const path = `/api/${op.route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${op.route} needs the parameter ${name}.`);
    return encodeURIComponent(value);
  })}`;
  const search = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
  return search ? `${path}?${search}` : path;
}

/** Names of the `{param}`s in a route, in order. */
export const routeParams = (route: string): string[] => [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
