/** Documents in memory: for tests and hubs that keep nothing between runs. */
import type { Clock } from '../../ports/clock';
import { systemClock } from '../../ports/clock';
import type { DocumentStore, PutDocumentOptions, StoredDocument } from '../../ports/documents';
import { checkAddress, checkContentType, checkLibrary, checkVersion } from './address';

interface Kept {
  doc: StoredDocument;
  bytes: Uint8Array;
}

export class MemoryDocumentStore implements DocumentStore {
  readonly kind = 'memory' as const;
  private readonly docs = new Map<string, Kept[]>();

  constructor(private readonly clock: Clock = systemClock) {}

  async put(library: string, name: string, bytes: Uint8Array, options: PutDocumentOptions) {
    checkAddress(library, name);
    checkContentType(options.contentType);
    const key = `${library}/${name}`;
    const kept = this.docs.get(key) ?? [];
    const doc: StoredDocument = {
      library,
      name,
      version: kept.length + 1,
      contentType: options.contentType,
      size: bytes.byteLength,
      url: `memory:${library}/${encodeURIComponent(name)}?version=${kept.length + 1}`,
      metadata: { ...options.metadata },
      storedAt: this.clock.now().toISOString(),
    };
    kept.push({ doc, bytes: bytes.slice() });
    this.docs.set(key, kept);
    return { ...doc, metadata: { ...doc.metadata } };
  }

  async get(library: string, name: string, version?: number) {
    checkAddress(library, name);
    checkVersion(version);
    const kept = this.docs.get(`${library}/${name}`) ?? [];
    const found = version === undefined ? kept.at(-1) : kept[version - 1];
    return found
      ? { doc: { ...found.doc, metadata: { ...found.doc.metadata } }, bytes: found.bytes.slice() }
      : undefined;
  }

  async versions(library: string, name: string) {
    checkAddress(library, name);
    return (this.docs.get(`${library}/${name}`) ?? []).map((k) => ({
      ...k.doc,
      metadata: { ...k.doc.metadata },
    }));
  }

  async list(library: string, prefix = '') {
    checkLibrary(library);
    return [...this.docs.values()]
      .map((kept) => kept.at(-1)!.doc)
      .filter((d) => d.library === library && d.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((d) => ({ ...d, metadata: { ...d.metadata } }));
  }
}
