/**
 * PnPjs v4 (@pnp/sp, @pnp/queryable) ships as ES modules only, and this package compiles to CommonJS. Node loads
 * ES modules through require() (Node 20.19+, 22.12+; PnPjs has no top-level await), so they are required here,
 * once, on first use (jest, which cannot require ES modules, compiles them to CommonJS: see jest.config.js).
 * The side-effect imports extend PnPjs' prototypes (web, lists, items, fields, batching, list permissions).
 * Types come from the packages' declarations; nothing of PnPjs is loaded until the adapter asks for it.
 */
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
    // Literal requires, so that a bundler (esbuild, for the Azure bundle) sees and includes them.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const sp = require('@pnp/sp') as typeof SpModule;
    require('@pnp/sp/webs');
    require('@pnp/sp/lists');
    require('@pnp/sp/items');
    require('@pnp/sp/fields');
    require('@pnp/sp/security/list');
    loaded = {
      sp,
      queryable: require('@pnp/queryable') as typeof QueryableModule,
      batching: require('@pnp/sp/batching') as typeof BatchingModule,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return loaded;
}

export type { SPFI } from '@pnp/sp' with { 'resolution-mode': 'import' };
export type { Queryable } from '@pnp/queryable' with { 'resolution-mode': 'import' };
export type { TimelinePipe } from '@pnp/core' with { 'resolution-mode': 'import' };
