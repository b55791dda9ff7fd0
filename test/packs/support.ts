/** Helpers for the pack job's tests: papers made with pdf-lib, concerns raised in a period, PDF downloads. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SubmitConcernRequestSchema, type IdeologyCategory } from '@pph/contract';
import { submission } from '../support/concerns';
import type { TestHub } from '../support/hub';
import { PERSONA_IDS } from '../support/hub';

/** A PDF paper of `pages` pages, each saying `text` and its page number. */
export async function paperPdf(text: string, pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(text);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${text} page ${i}`, { x: 60, y: 760, size: 14, font });
  }
  return doc.save();
}

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Raises concerns as the demo referrer at `at` (the clock is put back afterwards). */
export async function raiseConcerns(
  t: TestHub,
  at: string,
  n: number,
  ideologyCategory: IdeologyCategory,
  age = 15,
) {
  const was = t.clock.current;
  t.clock.current = new Date(at);
  try {
    const referrer = await t.hub.directory.resolve({ userId: PERSONA_IDS.referrer, via: 'dev-persona' });
    for (let i = 0; i < n; i++)
      await t.hub.concerns.submit(
        referrer,
        SubmitConcernRequestSchema.parse(
          submission({ subject: { name: 'Statistics Subject', age, gender: 'female' }, ideologyCategory }),
        ),
      );
  } finally {
    t.clock.current = was;
  }
}

/** A file from the API as bytes (ApiClient reads bodies as text, which a PDF is not). */
export async function download(t: TestHub, personaId: string, path: string) {
  const get = () => fetch(`${t.url}${path}`, { headers: { 'x-dev-persona': personaId } });
  // After a long build with no requests, the pooled connection may be closed by the server just as it is
  // reused (ECONNRESET): a GET is safe to send again.
  const res = await againOnReset(get);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

/**
 * Calls the API again (up to three times) if the connection was reset: a build compiles in this very process, and when it has
 * kept the event loop busy the server may close a pooled keep-alive connection just as the client reuses it.
 * Only for calls that are safe to repeat (GETs, and starts carrying the same clientRequestId).
 */
export async function againOnReset<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      if (i >= attempts || !(e instanceof TypeError && /fetch failed/.test(e.message))) throw e;
      // Let the event loop see the sockets the server closed while it was busy, so the pool drops them.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
