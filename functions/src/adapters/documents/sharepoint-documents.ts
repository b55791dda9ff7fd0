/**
 * Documents in SharePoint document libraries through @pnp/sp: one library per hub library name (major
 * versions on), each file's versions SharePoint's own, and the hub's record of them (version number, content
 * type, size, metadata, when, and which SharePoint version holds the bytes) in one multi-line column,
 * `PphDocument`, of the file's list item. The record is written after the upload and is what makes a version
 * exist, so an upload whose record could not be written is not a version (like the folder adapter's sidecar);
 * it is written with the item's ETag, so two puts at once cannot lose each other's record.
 */
import type { Logger } from '../../ports/logger';
import type {
  DocumentMetadata,
  DocumentStore,
  PutDocumentOptions,
  StoredDocument,
} from '../../ports/documents';
import { AppOnlyToken } from '../sharepoint/behaviors/app-only-token';
import { RequestLogging } from '../sharepoint/behaviors/request-logging';
import { Fetch } from '../sharepoint/behaviors/send';
import { Throttling, type ThrottlingOptions } from '../sharepoint/behaviors/throttling';
import { Timeout } from '../sharepoint/behaviors/timeout';
import { UserAgent } from '../sharepoint/behaviors/user-agent';
import { loadPnp, type SPFI } from '../sharepoint/pnp';
import { settle } from '../sharepoint/settle';
import type { TokenProvider } from '../sharepoint/token-provider';
import { checkAddress, checkContentType, checkLibrary, checkVersion } from './address';

export const RECORD_FIELD = 'PphDocument';

/** SharePoint's list template of a document library. */
const DOCUMENT_LIBRARY = 101;

export interface SharePointDocumentsOptions {
  siteUrl: string;
  tokens: TokenProvider;
  logger: Logger;
  userAgent: string;
  /** 'apply' makes a missing library (and its column); 'verify' (the running app in Azure) refuses to. */
  provisioning: 'apply' | 'verify';
  fetch?: typeof fetch;
  throttling?: ThrottlingOptions;
  timeoutMs?: number;
}

interface VersionRecord {
  version: number;
  /** SharePoint's version id (512 × major) of the upload holding these bytes. */
  spVersionId: number;
  contentType: string;
  size: number;
  metadata: DocumentMetadata;
  storedAt: string;
}

interface LibraryInfo {
  BaseTemplate: number;
  EnableVersioning: boolean;
}

interface FileInfo {
  Name: string;
  ServerRelativeUrl: string;
  UIVersion: number;
  TimeLastModified: string;
}

let filesLoaded = false;
function loadFileApis(): void {
  if (filesLoaded) return;
  // Side-effect imports adding files and folders to PnPjs' web (see ../sharepoint/pnp.ts for why require).
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('@pnp/sp/files');
  require('@pnp/sp/folders');
  /* eslint-enable @typescript-eslint/no-require-imports */
  filesLoaded = true;
}

const statusOf = (e: unknown) =>
  typeof e === 'object' && e !== null && 'status' in e ? (e as { status: unknown }).status : undefined;

export class SharePointDocumentStore implements DocumentStore {
  readonly kind = 'sharepoint' as const;
  private readonly sp: SPFI;
  private readonly ready = new Map<string, Promise<void>>();
  private readonly sitePath: string;
  private readonly origin: string;

  constructor(private readonly opts: SharePointDocumentsOptions) {
    const { sp, queryable } = loadPnp();
    loadFileApis();
    const site = new URL(opts.siteUrl.replace(/\/+$/, ''));
    this.sitePath = site.pathname.replace(/\/+$/, '');
    this.origin = site.origin;
    this.sp = sp
      .spfi(site.href.replace(/\/+$/, ''))
      .using(
        queryable.InjectHeaders({ Accept: 'application/json;odata=minimalmetadata' }),
        UserAgent(opts.userAgent),
        Timeout(opts.timeoutMs ?? 60_000),
        AppOnlyToken(opts.tokens),
        Fetch(opts.fetch),
        RequestLogging({ logger: opts.logger }),
        Throttling({ logger: opts.logger, ...opts.throttling }),
        queryable.DefaultParse(),
        queryable.RejectOnError(),
        queryable.ResolveOnData(),
      );
  }

  async put(
    library: string,
    name: string,
    bytes: Uint8Array,
    options: PutDocumentOptions,
  ): Promise<StoredDocument> {
    checkAddress(library, name);
    checkContentType(options.contentType);
    await this.library(library);
    const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const info = (await this.sp.web
      .getFolderByServerRelativePath(this.libraryPath(library))
      .files.addUsingPath(name, body, { Overwrite: true })) as unknown as FileInfo;
    const file = this.file(library, name);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { records, etag } = await this.records(library, name);
      const record: VersionRecord = {
        version: (records.at(-1)?.version ?? 0) + 1,
        spVersionId: info.UIVersion,
        contentType: options.contentType,
        size: bytes.byteLength,
        metadata: { ...options.metadata },
        storedAt: info.TimeLastModified ?? new Date().toISOString(),
      };
      try {
        await loadPnp().sp.spPost(file.listItemAllFields, {
          body: JSON.stringify({ [RECORD_FIELD]: JSON.stringify([...records, record]) }),
          headers: { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': etag ?? '*', 'Content-Type': 'application/json' },
        });
        return this.toDoc(library, name, record);
      } catch (e) {
        if (statusOf(e) !== 412) throw e;
      }
    }
    throw new Error('Too many versions of this document were stored at once; try again.');
  }

  async get(library: string, name: string, version?: number) {
    checkAddress(library, name);
    checkVersion(version);
    const { records, current } = await this.records(library, name);
    const record = version === undefined ? records.at(-1) : records.find((r) => r.version === version);
    if (!record) return undefined;
    const file = this.file(library, name);
    const buffer =
      record.spVersionId === current
        ? await file.getBuffer()
        : await file.versions.getById(record.spVersionId).getBuffer();
    return { doc: this.toDoc(library, name, record), bytes: new Uint8Array(buffer) };
  }

  async versions(library: string, name: string) {
    checkAddress(library, name);
    return (await this.records(library, name)).records.map((r) => this.toDoc(library, name, r));
  }

  async list(library: string, prefix = '') {
    checkLibrary(library);
    let files: FileInfo[];
    try {
      files = (await this.sp.web
        .getFolderByServerRelativePath(this.libraryPath(library))
        .files.select('Name')()) as unknown as FileInfo[];
    } catch (e) {
      if (statusOf(e) === 404) return [];
      throw e;
    }
    const latest: StoredDocument[] = [];
    for (const name of files
      .map((f) => f.Name)
      .filter((n) => n.startsWith(prefix))
      .sort()) {
      const last = (await this.records(library, name)).records.at(-1);
      if (last) latest.push(this.toDoc(library, name, last));
    }
    return latest;
  }

  private libraryPath = (library: string) => `${this.sitePath}/${library}`;

  private file(library: string, name: string) {
    return this.sp.web.getFileByServerRelativePath(`${this.libraryPath(library)}/${name}`);
  }

  private async records(
    library: string,
    name: string,
  ): Promise<{ records: VersionRecord[]; etag?: string; current?: number }> {
    const file = this.file(library, name);
    let fields: Record<string, unknown>;
    let info: FileInfo;
    try {
      info = (await file.select('UIVersion')()) as unknown as FileInfo;
      fields = (await file.listItemAllFields.select(RECORD_FIELD)()) as Record<string, unknown>;
    } catch (e) {
      if (statusOf(e) === 404) return { records: [] };
      throw e;
    }
    const raw = fields[RECORD_FIELD];
    const etag = typeof fields['odata.etag'] === 'string' ? fields['odata.etag'] : undefined;
    const records = typeof raw === 'string' && raw ? (JSON.parse(raw) as VersionRecord[]) : [];
    return { records, current: info.UIVersion, ...(etag ? { etag } : {}) };
  }

  /** The library and its record column, made once when provisioning may apply, or checked once when it may not. */
  private library(library: string): Promise<void> {
    let ready = this.ready.get(library);
    if (!ready) {
      ready = this.ensureLibrary(library);
      this.ready.set(library, ready);
      ready.catch(() => this.ready.delete(library));
    }
    return ready;
  }

  private async ensureLibrary(library: string): Promise<void> {
    if (!(await this.libraryInfo(library))) {
      if (this.opts.provisioning !== 'apply')
        throw new Error(
          `The SharePoint document library "${library}" does not exist on the hub's site. Create a document library with that name, with major versions on and a plain multiple-lines-of-text column ${RECORD_FIELD}, or run npm run provision.`,
        );
      await this.createLibrary(library);
    }
    if (!(await this.hasRecordField(library))) {
      if (this.opts.provisioning !== 'apply')
        throw new Error(
          `The SharePoint document library "${library}" lacks its column ${RECORD_FIELD}: add a plain multiple-lines-of-text column with that name, or run npm run provision.`,
        );
      await this.addRecordField(library);
    }
  }

  /**
   * What `npm run provision` does for the libraries the capabilities declare: each made a document library with
   * major versions on and the record column, or (verifying) what would be done, one line each. A list of that
   * name that is not a document library is left for a person: nothing in it is moved or removed.
   */
  async provisionLibraries(
    libraries: readonly string[],
    mode: 'apply' | 'verify',
  ): Promise<{ changes: string[]; problems: string[] }> {
    for (const library of libraries) checkLibrary(library);
    const report = { changes: [] as string[], problems: [] as string[] };
    const change = async (line: string, act: () => Promise<unknown>) => {
      if (mode === 'apply') await act();
      report.changes.push(line);
    };
    // What is there, all in one $batch of reads (a second run reads and changes nothing else).
    const [batched, execute] = this.sp.batched({ maxRequests: 100 });
    const reads = libraries.map((library) => {
      const list = batched.web.lists.getByTitle(library);
      return {
        library,
        info: settle(list.select('BaseTemplate', 'EnableVersioning')<LibraryInfo>()),
        field: settle(list.fields.getByInternalNameOrTitle(RECORD_FIELD).select('InternalName')()),
      };
    });
    await execute();
    for (const r of reads) {
      const info = await r.info;
      if (!info.ok && statusOf(info.error) !== 404) throw info.error;
      const field = await r.field;
      if (!field.ok && statusOf(field.error) !== 400 && statusOf(field.error) !== 404) throw field.error;
      const library = r.library;
      if (!info.ok) {
        await change(`create library ${library} (major versions on)`, () => this.createLibrary(library));
      } else if (info.value.BaseTemplate !== DOCUMENT_LIBRARY) {
        report.problems.push(
          `${library} is a list, not a document library: rename it (or move what it holds), then run this again`,
        );
        continue;
      } else if (!info.value.EnableVersioning) {
        // Each upload of a paper is a version: with versioning off, an upload would replace the one before.
        await change(`turn major versions on in library ${library}`, () =>
          this.sp.web.lists.getByTitle(library).update({ EnableVersioning: true }),
        );
      }
      if (!info.ok || !field.ok)
        await change(`add column ${RECORD_FIELD} to library ${library}`, () => this.addRecordField(library));
    }
    return report;
  }

  /** The library as SharePoint describes it, or undefined when the site has no list of that name. */
  private async libraryInfo(library: string): Promise<LibraryInfo | undefined> {
    try {
      return await this.sp.web.lists
        .getByTitle(library)
        .select('BaseTemplate', 'EnableVersioning')<LibraryInfo>();
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  private async createLibrary(library: string): Promise<void> {
    await this.sp.web.lists.ensure(library, 'Prevent Partnership Hub documents', DOCUMENT_LIBRARY, false, {
      EnableVersioning: true,
    });
  }

  private async hasRecordField(library: string): Promise<boolean> {
    try {
      await this.sp.web.lists
        .getByTitle(library)
        .fields.getByInternalNameOrTitle(RECORD_FIELD)
        .select('InternalName')();
      return true;
    } catch (e) {
      // SharePoint answers a missing column with 400 ("Column '…' does not exist"), or 404.
      if (statusOf(e) === 400 || statusOf(e) === 404) return false;
      throw e;
    }
  }

  private async addRecordField(library: string): Promise<void> {
    await this.sp.web.lists
      .getByTitle(library)
      .fields.createFieldAsXml(
        `<Field Type="Note" Name="${RECORD_FIELD}" StaticName="${RECORD_FIELD}" DisplayName="${RECORD_FIELD}" RichText="FALSE" NumLines="6" />`,
      );
  }

  private toDoc(library: string, name: string, r: VersionRecord): StoredDocument {
    return {
      library,
      name,
      version: r.version,
      contentType: r.contentType,
      size: r.size,
      url: `${this.origin}${this.libraryPath(library)}/${encodeURIComponent(name)}`,
      metadata: r.metadata,
      storedAt: r.storedAt,
    };
  }
}
