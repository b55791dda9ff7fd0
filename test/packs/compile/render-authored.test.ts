/**
 * Laying out a pack's own pages (the returns' tables, the minutes) as a hub that is also answering requests needs
 * it: the fonts parsed once, not once per table cell, and the event loop handed back between blocks.
 */
import { renderAuthored } from '@pph/functions/packs/compile/render-authored';
import type { PackSection } from '@pph/functions/packs/compile/model';
import { pdfText } from '../../documents/pdf-inspect';

// The real fontkit, with its font parser counted (pdfkit parses through it too).
jest.mock('fontkit', () => {
  const actual = jest.requireActual<{ create: (...args: unknown[]) => unknown }>('fontkit');
  return { ...actual, create: jest.fn(actual.create) };
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create: jest.Mock };

const PARTNERS = Array.from({ length: 12 }, (_, i) => `Partner agency ${i + 1}`);

/** A section per partner, each with its return as a table (header in bold, as the pack's collation prints). */
const sections: PackSection[] = PARTNERS.map((partner, i) => ({
  id: `return-${i}`,
  title: `${partner}: quarterly return`,
  blocks: [
    { kind: 'paragraph', text: `What ${partner} reported for the quarter.` },
    {
      kind: 'table',
      caption: `${partner}: measures`,
      header: ['Measure', 'Quarter', 'Year to date'],
      rows: Array.from({ length: 10 }, (_, r) => [`Measure ${r + 1}`, String(r * 3), String(r * 7)]),
    },
  ],
  papers: [],
}));

const render = () =>
  renderAuthored({
    cover: {
      title: 'Prevent Board pack',
      meetingDate: '2027-03-09',
      status: 'draft',
      version: 1,
      copy: 'public',
    },
    sections,
    papers: new Map(),
    lang: 'en-GB',
  });

it('parses its fonts once, however many table cells it lays out', async () => {
  fontkit.create.mockClear();
  const first = await render();
  const second = await render();
  // Regular and bold, once for the process: given the font data, pdfkit re-parsed it after every cell (2,584 times for these two renders).
  expect(fontkit.create.mock.calls.length).toBeLessThanOrEqual(2);
  const text = pdfText(second.bytes).pages.join('\n');
  expect(text).toContain('Partner agency 12: measures');
  expect(text).toContain('Year to date');
  expect(second.pageCount).toBe(first.pageCount);
});

it('gives the event loop back between blocks, so requests are answered while a pack is laid out', async () => {
  let turns = 0;
  let ticking = true;
  const tick = () => {
    turns++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await render();
  } finally {
    ticking = false;
  }
  const blocks = sections.reduce((n, s) => n + s.blocks.length, 0);
  expect(turns).toBeGreaterThanOrEqual(blocks);
});
