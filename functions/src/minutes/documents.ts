/**
 * Each version of the minutes, rendered to Word and PDF and kept in the document library with its metadata
 * (meeting, date, status, version, copy): the public copy always, and a restricted copy when the meeting had
 * restricted items. Names are per version, so a version's files never change once stored.
 */
import {
  MINUTES_CONTENT_TYPES,
  type MinutesCopy,
  type MinutesDocument,
  type MinutesFormat,
} from '@pph/contract';
import type { DocumentStore } from '../ports/documents';
import { minutesDocument, type DocumentModel, type VersionFacts } from './document-model';
import { renderDocx } from './docx';
import { renderPdf } from './pdf';

export const MINUTES_LIBRARY = 'minutes';

const RENDER: Record<MinutesFormat, (m: DocumentModel, now: Date) => Promise<Uint8Array>> = {
  docx: renderDocx,
  pdf: renderPdf,
};

export const documentName = (meetingId: string, version: number, copy: MinutesCopy, format: MinutesFormat) =>
  `${meetingId}--minutes-v${version}-${copy}.${format}`;

export class MinutesDocuments {
  constructor(
    private readonly store: DocumentStore,
    private readonly now: () => Date,
  ) {}

  /** Renders and stores every copy and format of one version; what was stored, to keep with the version. */
  async render(f: VersionFacts): Promise<MinutesDocument[]> {
    const copies: MinutesCopy[] = f.meeting.items.some((i) => i.restricted)
      ? ['public', 'restricted']
      : ['public'];
    const out: MinutesDocument[] = [];
    for (const copy of copies) {
      const model = minutesDocument(f, copy);
      for (const format of ['docx', 'pdf'] as const) {
        const bytes = await RENDER[format](model, this.now());
        const name = documentName(f.meeting.meeting.id, f.version, copy, format);
        const doc = await this.store.put(MINUTES_LIBRARY, name, bytes, {
          contentType: MINUTES_CONTENT_TYPES[format],
          metadata: {
            meetingId: f.meeting.meeting.id,
            meetingDate: f.meeting.date,
            status: f.status,
            version: f.version,
            copy,
          },
        });
        out.push({
          format,
          copy,
          library: doc.library,
          name: doc.name,
          storedVersion: doc.version,
          bytes: doc.size,
        });
      }
    }
    return out;
  }

  async read(d: MinutesDocument): Promise<Uint8Array | undefined> {
    return (await this.store.get(d.library, d.name, d.storedVersion))?.bytes;
  }
}
