import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderDocumentStore } from '@pph/functions/adapters/documents/folder-documents';
import { MemoryDocumentStore } from '@pph/functions/adapters/documents/memory-documents';
import { SharePointDocumentStore } from '@pph/functions/adapters/documents/sharepoint-documents';
import {
  startSharePointDouble,
  type SharePointDouble,
} from '@pph/functions/adapters/sharepoint/double/server';
import { staticTokenProvider } from '@pph/functions/adapters/sharepoint/token-provider';
import { silentLogger } from '@pph/functions/adapters/logging/pino-logger';
import { documentStoreContract } from './document-store-contract';
import { TEST_USER_AGENT } from '../support/sharepoint-double';

const bytes = (s: string) => new TextEncoder().encode(s);

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pph-documents-'));
}

async function overDouble(fetchImpl?: typeof fetch) {
  const double = await startSharePointDouble();
  const store = new SharePointDocumentStore({
    siteUrl: double.siteUrl,
    tokens: staticTokenProvider('test-token'),
    logger: silentLogger,
    userAgent: TEST_USER_AGENT,
    provisioning: 'apply',
    throttling: { sleep: async () => undefined },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return { store, double, close: () => double.close() };
}

describe('folder adapter', () => {
  documentStoreContract(async () => {
    const dir = tempDir();
    return {
      store: new FolderDocumentStore(dir),
      close: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  });

  it('a put that fails half-way leaves no version and no temporary file behind', async () => {
    const dir = tempDir();
    try {
      const store = new FolderDocumentStore(dir);
      await store.put('board-papers', 'paper.pdf', bytes('one'), { contentType: 'application/pdf' });
      const link = jest
        .spyOn(fs.promises, 'link')
        .mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
      await expect(
        store.put('board-papers', 'paper.pdf', bytes('two'), { contentType: 'application/pdf' }),
      ).rejects.toThrow('disk full');
      link.mockRestore();
      expect((await store.versions('board-papers', 'paper.pdf')).map((v) => v.version)).toEqual([1]);
      const files = fs.readdirSync(path.join(dir, 'board-papers', 'paper.pdf'));
      expect(files.filter((f) => f.startsWith('.tmp') || f.includes('.partial'))).toEqual([]);
      expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
      // The next put is version 2, not 3.
      expect(
        (await store.put('board-papers', 'paper.pdf', bytes('two'), { contentType: 'application/pdf' }))
          .version,
      ).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts at once take different versions', async () => {
    const dir = tempDir();
    try {
      const store = new FolderDocumentStore(dir);
      const done = await Promise.all(
        ['a', 'b', 'c', 'd'].map((s) =>
          store.put('board-papers', 'paper.pdf', bytes(s), { contentType: 'application/pdf' }),
        ),
      );
      expect(done.map((d) => d.version).sort()).toEqual([1, 2, 3, 4]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('in-memory adapter', () => {
  documentStoreContract(async () => ({ store: new MemoryDocumentStore(), close: async () => undefined }));
});

describe('SharePoint library adapter over the REST double', () => {
  documentStoreContract(overDouble);

  it('makes the library with major versions and its record column, and keeps SharePoint versions of the file', async () => {
    const { store, double, close } = await overDouble();
    try {
      await store.put('board-papers', 'paper.pdf', bytes('one'), { contentType: 'application/pdf' });
      await store.put('board-papers', 'paper.pdf', bytes('two'), { contentType: 'application/pdf' });
      const list = double.site.list('board-papers');
      expect(list.EnableVersioning).toBe(true);
      expect(list.fields.has('pphdocument')).toBe(true);
      const uploads = double.log.filter((r) => /AddUsingPath/i.test(r.path));
      expect(uploads).toHaveLength(2);
      expect(uploads.every((r) => r.authorised && r.userAgent === TEST_USER_AGENT)).toBe(true);
      expect(double.log.some((r) => /versions\(512\)\/\$value$/i.test(r.path))).toBe(false);
      await store.get('board-papers', 'paper.pdf', 1);
      expect(double.log.some((r) => /versions\(512\)\/\$value$/i.test(r.path))).toBe(true);
    } finally {
      await close();
    }
  });

  it('an upload whose record could not be written is not a version', async () => {
    let failMerge = false;
    const flaky: typeof fetch = async (input, init) => {
      const method = new Headers(init?.headers).get('x-http-method');
      if (failMerge && method === 'MERGE')
        return new Response('{"odata.error":{"code":"-1","message":{"value":"boom"}}}', { status: 500 });
      return fetch(input, init);
    };
    const { store, close } = await overDouble(flaky);
    try {
      await store.put('board-papers', 'paper.pdf', bytes('one'), { contentType: 'application/pdf' });
      failMerge = true;
      await expect(
        store.put('board-papers', 'paper.pdf', bytes('two'), { contentType: 'application/pdf' }),
      ).rejects.toThrow();
      failMerge = false;
      expect((await store.versions('board-papers', 'paper.pdf')).map((v) => v.version)).toEqual([1]);
      expect(new TextDecoder().decode((await store.get('board-papers', 'paper.pdf'))?.bytes)).toBe('one');
      const third = await store.put('board-papers', 'paper.pdf', bytes('three'), {
        contentType: 'application/pdf',
      });
      expect(third.version).toBe(2);
      expect(new TextDecoder().decode((await store.get('board-papers', 'paper.pdf', 2))?.bytes)).toBe(
        'three',
      );
    } finally {
      await close();
    }
  });

  it('in verify mode, a missing library is refused with what to do', async () => {
    const double: SharePointDouble = await startSharePointDouble();
    try {
      const store = new SharePointDocumentStore({
        siteUrl: double.siteUrl,
        tokens: staticTokenProvider('t'),
        logger: silentLogger,
        userAgent: TEST_USER_AGENT,
        provisioning: 'verify',
      });
      await expect(
        store.put('board-papers', 'p.pdf', bytes('x'), { contentType: 'application/pdf' }),
      ).rejects.toThrow(
        /document library "board-papers" does not exist on the hub.s site\. Create a document library with that name, with major versions on/,
      );
    } finally {
      await double.close();
    }
  });
});
