/**
 * A document library: named files kept with every version and a little metadata beside each version. The
 * embedded default is a folder under the data folder; production is a SharePoint document library. Callers name
 * documents in one flat namespace per library and group them by a name prefix (e.g. `M-2027-03-board--`).
 */

/** Metadata kept beside a version (meeting, date, status, version...): flat values only, so a library column can hold them. */
export type DocumentMetadata = Record<string, string | number | boolean | null>;

export interface StoredDocument {
  library: string;
  name: string;
  /** 1 for the first upload, one more for each later put of the same name. */
  version: number;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Where a person opens it: a SharePoint address in production, a file: URL locally. */
  url: string;
  metadata: DocumentMetadata;
  /** ISO 8601, when this version was stored. */
  storedAt: string;
}

export interface PutDocumentOptions {
  contentType: string;
  metadata?: DocumentMetadata;
}

export interface DocumentStore {
  readonly kind: 'folder' | 'memory' | 'sharepoint';
  /** Stores the bytes as a new version of `name` (version 1 when the name is new). */
  put(library: string, name: string, bytes: Uint8Array, options: PutDocumentOptions): Promise<StoredDocument>;
  /** The version asked for, or the latest; undefined when there is no such document or version. */
  get(
    library: string,
    name: string,
    version?: number,
  ): Promise<{ doc: StoredDocument; bytes: Uint8Array } | undefined>;
  /** Every version of `name`, oldest first; empty when there is none. */
  versions(library: string, name: string): Promise<StoredDocument[]>;
  /** The latest version of each document whose name starts with `prefix`, by name. */
  list(library: string, prefix?: string): Promise<StoredDocument[]>;
}

/** Library names: lower case, digits and hyphens (a SharePoint library URL segment and a folder name alike). */
export const LIBRARY_NAME = /^[a-z][a-z0-9-]{1,48}[a-z0-9]$/;

/**
 * Document names: one segment (no folders), safe as a file name on every system and in a SharePoint URL:
 * letters, digits, space, dot, hyphen, underscore; not starting or ending with a dot or space; at most 200
 * characters.
 */
export const DOCUMENT_NAME = /^[A-Za-z0-9_-](?:[A-Za-z0-9 ._-]{0,198}[A-Za-z0-9_-])?$/;
