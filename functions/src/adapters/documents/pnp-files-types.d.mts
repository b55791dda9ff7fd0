import type { IFile } from '@pnp/sp/files/types.js';
import type { IFolder } from '@pnp/sp/folders/types.js';

/**
 * PnPjs' files and folders extend webs with `declare module "../webs/types"`, which does not resolve under this
 * package's module resolution (see ../sharepoint/pnp-types.d.mts); repeated here for what the adapter uses.
 */
declare module '@pnp/sp/webs/types.js' {
  interface _Web {
    getFileByServerRelativePath(fileRelativeUrl: string): IFile;
    getFolderByServerRelativePath(folderRelativeUrl: string): IFolder;
  }
  interface IWeb {
    getFileByServerRelativePath(fileRelativeUrl: string): IFile;
    getFolderByServerRelativePath(folderRelativeUrl: string): IFolder;
  }
}
declare module '@pnp/sp/folders/types.js' {
  interface _Folder {
    readonly files: import('@pnp/sp/files/types.js').IFiles;
  }
  interface IFolder {
    readonly files: import('@pnp/sp/files/types.js').IFiles;
  }
}
