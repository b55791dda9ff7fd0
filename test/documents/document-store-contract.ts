/** The behaviour every DocumentStore adapter must have, run against each (document-stores.test.ts). */
import type { DocumentStore } from '@pph/functions/ports/documents';
import { DomainError } from '@pph/functions/kernel/errors';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export function documentStoreContract(open: () => Promise<{ store: DocumentStore; close(): Promise<void> }>) {
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await open());
  });
  afterEach(() => close());

  it('keeps every version of a name, with its metadata, and reads the latest or the one asked for', async () => {
    const first = await store.put('board-minutes', 'M-2027-03--minutes.pdf', bytes('draft one'), {
      contentType: 'application/pdf',
      metadata: { meeting: 'M-2027-03', status: 'draft', version: 1 },
    });
    expect(first).toMatchObject({
      library: 'board-minutes',
      name: 'M-2027-03--minutes.pdf',
      version: 1,
      contentType: 'application/pdf',
      size: 9,
      metadata: { meeting: 'M-2027-03', status: 'draft', version: 1 },
    });
    expect(first.url).toMatch(/M-2027-03--minutes\.pdf/);
    expect(Number.isNaN(Date.parse(first.storedAt))).toBe(false);
    const second = await store.put('board-minutes', 'M-2027-03--minutes.pdf', bytes('approved text'), {
      contentType: 'application/pdf',
      metadata: { meeting: 'M-2027-03', status: 'approved', version: 2 },
    });
    expect(second.version).toBe(2);

    const latest = await store.get('board-minutes', 'M-2027-03--minutes.pdf');
    expect(text(latest?.bytes)).toBe('approved text');
    expect(latest?.doc).toMatchObject({ version: 2, size: 13, metadata: { status: 'approved' } });
    const old = await store.get('board-minutes', 'M-2027-03--minutes.pdf', 1);
    expect(text(old?.bytes)).toBe('draft one');
    expect(old?.doc.metadata).toEqual({ meeting: 'M-2027-03', status: 'draft', version: 1 });

    const versions = await store.versions('board-minutes', 'M-2027-03--minutes.pdf');
    expect(versions.map((v) => [v.version, v.metadata.status])).toEqual([
      [1, 'draft'],
      [2, 'approved'],
    ]);
  });

  it('lists the latest version of each document whose name starts with a prefix, by name', async () => {
    for (const [name, body] of [
      ['M-2027-03--paper-b.pdf', 'b'],
      ['M-2027-03--paper-a.pdf', 'a1'],
      ['M-2027-06--paper-a.pdf', 'other meeting'],
      ['M-2027-03--paper-a.pdf', 'a2'],
    ] as const)
      await store.put('board-papers', name, bytes(body), { contentType: 'application/pdf' });
    const listed = await store.list('board-papers', 'M-2027-03--');
    expect(listed.map((d) => [d.name, d.version, d.size])).toEqual([
      ['M-2027-03--paper-a.pdf', 2, 2],
      ['M-2027-03--paper-b.pdf', 1, 1],
    ]);
    expect((await store.list('board-papers')).map((d) => d.name)).toHaveLength(3);
    expect(await store.list('board-minutes')).toEqual([]);
  });

  it('answers nothing for a document or version that is not there', async () => {
    expect(await store.get('board-papers', 'absent.pdf')).toBeUndefined();
    expect(await store.versions('board-papers', 'absent.pdf')).toEqual([]);
    await store.put('board-papers', 'present.pdf', bytes('x'), { contentType: 'application/pdf' });
    expect(await store.get('board-papers', 'present.pdf', 2)).toBeUndefined();
  });

  it('refuses names that are not a single safe file name, and libraries that are not a plain name', async () => {
    for (const [library, name] of [
      ['board-papers', '../escape.pdf'],
      ['board-papers', 'folder/paper.pdf'],
      ['board-papers', '.hidden'],
      ['board-papers', 'trailing.'],
      ['Board Papers', 'paper.pdf'],
      ['../etc', 'paper.pdf'],
    ] as const) {
      const e = await store
        .put(library, name, bytes('x'), { contentType: 'application/pdf' })
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('validation_failed');
    }
    await expect(store.get('board-papers', 'paper.pdf', 0)).rejects.toThrow(/whole number from 1/);
  });
}
