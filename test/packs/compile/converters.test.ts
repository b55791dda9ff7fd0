import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Client,
  RedirectHandler,
  RedirectHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { PDFDocument } from 'pdf-lib';
import { GraphPdfConverter, graphSiteRef } from '@pph/functions/adapters/documents/converters/graph-pdf';
import {
  findLibreOffice,
  LibreOfficeConverter,
} from '@pph/functions/adapters/documents/converters/libreoffice';
import { selectPaperConverter } from '@pph/functions/adapters/documents/converters/select';

const docx = {
  bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
  fileName: 'channel-tor.docx',
  document: { library: 'board-papers', name: 'channel-tor.docx' },
};

describe('LibreOffice', () => {
  let bin: string;
  beforeEach(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-bin-'));
  });
  afterEach(() => fs.rmSync(bin, { recursive: true, force: true }));

  /** A stand-in soffice: writes <outdir>/<input name>.pdf as LibreOffice does (or fails when told to). */
  function fakeSoffice(name: string, behaviour: 'converts' | 'fails') {
    const file = path.join(bin, name);
    fs.writeFileSync(
      file,
      behaviour === 'fails'
        ? '#!/bin/sh\nexit 1\n'
        : `#!/bin/sh
while [ "$#" -gt 1 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done
base=$(basename "$1" .docx)
printf '%%PDF-1.7\\n%% converted from %s\\n' "$base" > "$out/$base.pdf"
`,
      { mode: 0o755 },
    );
    return file;
  }

  it('is chosen when soffice or libreoffice is on the PATH, and not otherwise', () => {
    expect(findLibreOffice({ PATH: bin })).toBeUndefined();
    expect(selectPaperConverter({ env: { PATH: bin } })).toBeUndefined();
    const graph = { name: 'Microsoft Graph', toPdf: async () => new Uint8Array() };
    expect(selectPaperConverter({ env: { PATH: bin }, graph: () => graph })).toBe(graph);

    const soffice = fakeSoffice('libreoffice', 'converts');
    expect(findLibreOffice({ PATH: `/nonexistent${path.delimiter}${bin}` })).toBe(soffice);
    expect(selectPaperConverter({ env: { PATH: bin }, graph: () => graph })?.name).toBe('LibreOffice');
  });

  it('runs headless with a profile of its own and returns the PDF it wrote; a failed run is an error', async () => {
    const converted = await new LibreOfficeConverter(fakeSoffice('soffice', 'converts')).toPdf(docx);
    expect(Buffer.from(converted).toString('latin1')).toMatch(/^%PDF-1\.7\n% converted from paper/);
    await expect(new LibreOfficeConverter(fakeSoffice('soffice', 'fails')).toPdf(docx)).rejects.toThrow(
      /LibreOffice failed/,
    );
  });
});

interface Recording {
  request: { method: string; path: string; query?: string };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  download?: { status: number; headers: Record<string, string>; bodyBase64: string };
}
const recording = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'graph-recordings', `${name}.json`), 'utf8')) as Recording;

/** Answers Graph's requests from the recordings, behind the client's own redirect handling. */
class Replay implements Middleware {
  readonly seen: string[] = [];
  constructor(private readonly recordings: Recording[]) {}
  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    this.seen.push(`${context.options?.method ?? 'GET'} ${url.pathname}${url.search}`);
    for (const r of this.recordings) {
      if (url.pathname === r.request.path && (!r.request.query || url.search === `?${r.request.query}`)) {
        context.response = new Response(
          r.response.body === undefined ? null : JSON.stringify(r.response.body),
          {
            status: r.response.status,
            headers: r.response.headers ?? {},
          },
        );
        return;
      }
      if (r.download && r.response.headers?.location === url.href) {
        context.response = new Response(Buffer.from(r.download.bodyBase64, 'base64'), {
          status: r.download.status,
          headers: r.download.headers,
        });
        return;
      }
    }
    context.response = new Response('{"error":{"code":"itemNotFound"}}', { status: 404 });
  }
}

describe("Graph's PDF conversion", () => {
  const SITE =
    'partnership.sharepoint.com,2c5f8e1a-0000-4000-8000-000000000001,6d1b2a3c-0000-4000-8000-000000000002';

  function client(replay: Replay) {
    const redirect = new RedirectHandler(new RedirectHandlerOptions());
    redirect.setNext(replay);
    return Client.initWithMiddleware({ middleware: redirect });
  }

  it("finds the library's drive, asks for the item as PDF and follows Graph's redirect to the download", async () => {
    const replay = new Replay([recording('list-drives'), recording('content-format-pdf')]);
    const pdf = await new GraphPdfConverter(client(replay), SITE).toPdf(docx);
    expect((await PDFDocument.load(pdf)).getTitle()).toBe('Channel panel terms of reference');
    expect(replay.seen[0]).toMatch(
      /^GET \/v1\.0\/sites\/partnership\.sharepoint\.com%2C.*\/drives\?\$select=id,name$/,
    );
    expect(replay.seen[1]).toBe(
      'GET /v1.0/drives/b!BoardPapers00000000000000000000000000000000000000000000000000/root:/channel-tor.docx:/content?format=pdf',
    );
    expect(replay.seen[2]).toMatch(/download\.aspx\?.*format=pdf/);
  });

  it('refuses an older version (Graph converts only the current one) and a library the site lacks', async () => {
    const replay = new Replay([recording('list-drives'), recording('content-format-pdf')]);
    await expect(new GraphPdfConverter(client(replay), SITE, async () => false).toPdf(docx)).rejects.toThrow(
      /only the current version/,
    );
    await expect(
      new GraphPdfConverter(client(replay), SITE).toPdf({ document: { library: 'minutes', name: 'x.docx' } }),
    ).rejects.toThrow(/No document library "minutes"/);
  });
});

it("names the hub's site for Graph by its path when no site id is configured", () => {
  expect(graphSiteRef('https://partnership.sharepoint.com/sites/prevent-hub/')).toBe(
    'partnership.sharepoint.com:/sites/prevent-hub:',
  );
});
