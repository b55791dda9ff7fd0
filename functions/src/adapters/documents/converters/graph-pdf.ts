/**
 * Word papers to PDF in production through Microsoft Graph's format conversion of a document library item:
 * GET /sites/{site-id}/drives (the library's drive by its name), then
 * GET /drives/{drive-id}/root:/{file name}:/content?format=pdf, which answers 302 to a short-lived download
 * URL that the client follows. Needs the application permission Sites.Selected (read) on the hub's site.
 * Graph converts the current version of the file, so a paper is converted only when the current version is the
 * one the pack names.
 */
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type { DocumentRef, PaperConverter } from '../../../ports/paper-converter';

interface Drive {
  id: string;
  name: string;
}

export class GraphPdfConverter implements PaperConverter {
  readonly name = 'Microsoft Graph';
  private drives?: Promise<Drive[]>;

  constructor(
    private readonly client: Client,
    /**
     * The hub site as Graph names it: its id ("contoso.sharepoint.com,{site collection id},{web id}") or its path
     * ("contoso.sharepoint.com:/sites/prevent-hub:", see graphSiteRef).
     */
    private readonly siteId: string,
    /** Whether the version asked for is the current one (Graph converts only the current version). */
    private readonly isCurrent: (document: DocumentRef) => Promise<boolean> = async () => true,
  ) {}

  async toPdf(paper: { document: DocumentRef }): Promise<Uint8Array> {
    if (!(await this.isCurrent(paper.document)))
      throw new Error('Graph converts only the current version of a file');
    const drive = (await this.listDrives()).find((d) => d.name === paper.document.library);
    if (!drive) throw new Error(`No document library "${paper.document.library}" on the site`);
    const body: unknown = await this.client
      .api(
        `/drives/${encodeURIComponent(drive.id)}/root:/${encodeURIComponent(paper.document.name)}:/content`,
      )
      .query({ format: 'pdf' })
      .responseType(ResponseType.ARRAYBUFFER)
      .get();
    if (!(body instanceof ArrayBuffer)) throw new Error('Graph answered no PDF');
    return new Uint8Array(body);
  }

  private listDrives(): Promise<Drive[]> {
    this.drives ??= this.client
      .api(`/sites/${this.siteId.includes(':/') ? this.siteId : encodeURIComponent(this.siteId)}/drives`)
      .select(['id', 'name'])
      .get()
      .then((r: { value: Drive[] }) => r.value);
    this.drives.catch(() => (this.drives = undefined));
    return this.drives;
  }
}

/** Graph's path form of a SharePoint site, from its URL: https://contoso.sharepoint.com/sites/hub → contoso.sharepoint.com:/sites/hub: */
export function graphSiteRef(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.hostname}:${url.pathname.replace(/\/+$/, '')}:`;
}
