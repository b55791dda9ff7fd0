/**
 * Documents in a folder (the embedded default, under the data folder): `<root>/<library>/<name>/` holds each
 * version's bytes as a file and a JSON sidecar `v000001.json` beside it. The sidecar is written last and is what
 * makes a version exist, so a put that fails half-way leaves at most an unreferenced file and never a version
 * without its bytes. Both are written to a temporary file first; the sidecar is linked into place, which fails if
 * a concurrent put took the same version number (that put then takes the next one).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../../ports/clock';
import type { DocumentStore, PutDocumentOptions, StoredDocument } from '../../ports/documents';
import { checkAddress, checkContentType, checkLibrary, checkVersion } from './address';

type Sidecar = Omit<StoredDocument, 'url' | 'library' | 'name'> & { file: string };

const SIDECAR = /^v(\d{6})\.json$/;
const sidecarName = (version: number) => `v${String(version).padStart(6, '0')}.json`;

export class FolderDocumentStore implements DocumentStore {
  readonly kind = 'folder' as const;

  constructor(
    private readonly root: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async put(library: string, name: string, bytes: Uint8Array, options: PutDocumentOptions) {
    checkAddress(library, name);
    checkContentType(options.contentType);
    const dir = path.join(this.root, library, name);
    await fs.mkdir(dir, { recursive: true });
    const ext = path
      .extname(name)
      .toLowerCase()
      .replace(/[^.a-z0-9]/g, '');
    const file = `${randomUUID()}${ext}`;
    await writeDurably(path.join(dir, file), bytes);
    for (let attempt = 0; attempt < 20; attempt++) {
      const version = (await this.sidecars(dir)).reduce((max, v) => Math.max(max, v), 0) + 1;
      const sidecar: Sidecar = {
        version,
        contentType: options.contentType,
        size: bytes.byteLength,
        metadata: { ...options.metadata },
        storedAt: this.clock.now().toISOString(),
        file,
      };
      const tmp = path.join(dir, `.tmp-${randomUUID()}`);
      await writeDurably(tmp, Buffer.from(JSON.stringify(sidecar, null, 2)));
      try {
        await fs.link(tmp, path.join(dir, sidecarName(version)));
        return this.toDoc(library, name, dir, sidecar);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          await fs.rm(path.join(dir, file), { force: true });
          throw e;
        }
      } finally {
        await fs.rm(tmp, { force: true });
      }
    }
    throw new Error('Too many documents of this name were stored at once; try again.');
  }

  async get(library: string, name: string, version?: number) {
    checkAddress(library, name);
    checkVersion(version);
    const dir = path.join(this.root, library, name);
    const wanted = version ?? Math.max(0, ...(await this.sidecars(dir)));
    if (!wanted) return undefined;
    const sidecar = await this.readSidecar(dir, wanted);
    if (!sidecar) return undefined;
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, sidecar.file)));
    return { doc: this.toDoc(library, name, dir, sidecar), bytes };
  }

  async versions(library: string, name: string) {
    checkAddress(library, name);
    const dir = path.join(this.root, library, name);
    const found: StoredDocument[] = [];
    for (const v of (await this.sidecars(dir)).sort((a, b) => a - b)) {
      const sidecar = await this.readSidecar(dir, v);
      if (sidecar) found.push(this.toDoc(library, name, dir, sidecar));
    }
    return found;
  }

  async list(library: string, prefix = '') {
    checkLibrary(library);
    const names = (await readdirOrEmpty(path.join(this.root, library)))
      .filter((n) => n.startsWith(prefix) && !n.startsWith('.'))
      .sort();
    const latest: StoredDocument[] = [];
    for (const name of names) {
      const all = await this.versions(library, name);
      if (all.length) latest.push(all.at(-1)!);
    }
    return latest;
  }

  private async sidecars(dir: string): Promise<number[]> {
    return (await readdirOrEmpty(dir)).flatMap((f) => {
      const m = SIDECAR.exec(f);
      return m ? [Number(m[1])] : [];
    });
  }

  private async readSidecar(dir: string, version: number): Promise<Sidecar | undefined> {
    try {
      return JSON.parse(await fs.readFile(path.join(dir, sidecarName(version)), 'utf8')) as Sidecar;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  private toDoc(library: string, name: string, dir: string, s: Sidecar): StoredDocument {
    return {
      library,
      name,
      version: s.version,
      contentType: s.contentType,
      size: s.size,
      url: pathToFileURL(path.join(dir, s.file)).href,
      metadata: s.metadata,
      storedAt: s.storedAt,
    };
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Written to a temporary name, flushed, then renamed: the final name never holds a partial file. */
async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.partial-${randomUUID()}`;
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}
