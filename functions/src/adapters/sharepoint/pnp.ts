/**
 * PnPjs v4 (@pnp/sp, @pnp/queryable) ships as ES modules only, and this package compiles to CommonJS. Node loads
 * ES modules through require() (Node 20.19+, 22.12+, no top-level await in PnPjs), so they are loaded here,
 * once, with `createRequire` (jest, which cannot, compiles them to CommonJS: see jest.config.js).
 * The side-effect imports extend PnPjs' prototypes (web, lists, items, fields, batching, list permissions).
 * Types come from the packages' declarations; nothing of PnPjs is loaded until the adapter asks for it.
 */
import { createRequire } from 'node:module';
import type * as SpModule from '@pnp/sp' with { 'resolution-mode': 'import' };
import type * as QueryableModule from '@pnp/queryable' with { 'resolution-mode': 'import' };
import type * as BatchingModule from '@pnp/sp/batching.js' with { 'resolution-mode': 'import' };
export interface Pnp {
  sp: typeof SpModule;
  queryable: typeof QueryableModule;
  batching: typeof BatchingModule;
}

let loaded: Pnp | undefined;

export function loadPnp(): Pnp {
  if (!loaded) {
    const load = createRequire(__filename);
    const sp = load('@pnp/sp') as typeof SpModule;
    for (const part of ['webs', 'lists', 'items', 'fields', 'security/list']) load(`@pnp/sp/${part}`);
    loaded = {
      sp,
      queryable: load('@pnp/queryable') as typeof QueryableModule,
      batching: load('@pnp/sp/batching') as typeof BatchingModule,
    };
  }
  return loaded;
}

export type { SPFI } from '@pnp/sp' with { 'resolution-mode': 'import' };
export type { Queryable } from '@pnp/queryable' with { 'resolution-mode': 'import' };
export type { TimelinePipe } from '@pnp/core' with { 'resolution-mode': 'import' };
