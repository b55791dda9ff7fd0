import type { IWeb } from '@pnp/sp/webs/types.js';
import type { ILists } from '@pnp/sp/lists/types.js';
import type { IItems } from '@pnp/sp/items/types.js';
import type { IFields } from '@pnp/sp/fields/types.js';
import type { ISecurableMethods } from '@pnp/sp/security/types.js';

/**
 * PnPjs' own declarations extend SPFI, webs and lists with `declare module "../fi"`: extensionless specifiers that
 * do not resolve under Node's ES module resolution (this package's `node16`), so they are repeated here for what
 * the adapter uses, with the same types.
 */
declare module '@pnp/sp/fi.js' {
  interface SPFI {
    readonly web: IWeb;
    batched(props?: { maxRequests?: number }): [SPFI, () => Promise<void>];
  }
}
declare module '@pnp/sp/webs/types.js' {
  interface _Web {
    readonly lists: ILists;
  }
  interface IWeb {
    readonly lists: ILists;
  }
}
declare module '@pnp/sp/lists/types.js' {
  interface _List extends ISecurableMethods {
    readonly items: IItems;
    readonly fields: IFields;
  }
  interface IList extends ISecurableMethods {
    readonly items: IItems;
    readonly fields: IFields;
  }
}
