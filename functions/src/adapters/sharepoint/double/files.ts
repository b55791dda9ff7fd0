/**
 * The double's document libraries: the few file endpoints the DocumentStore's SharePoint adapter uses, over the
 * double's lists (a library is a list created with BaseTemplate 101; its columns are the list's fields). Files
 * keep every upload as a major version (1.0, 2.0, ...); older versions are listed by `versions` (SharePoint's
 * lists the previous ones, not the current) and read by their ID (512 × major). A MERGE on a file's
 * listItemAllFields sets its columns; unlike SharePoint, it does not make a version of its own (the adapter
 * records the labels of its uploads, so either behaviour reads the same through it).
 */
import { SpError, type DoubleSite } from './site';

interface FileVersion {
  major: number;
  bytes: Buffer;
  created: string;
}

interface DoubleFile {
  name: string;
  versions: FileVersion[];
  fields: Record<string, unknown>;
  etag: number;
  itemId: number;
}

export interface FileAnswer {
  status: number;
  json?: unknown;
  bytes?: Buffer;
  headers?: Record<string, string>;
}

const NOT_FOUND = '-2130575338, Microsoft.SharePoint.SPException';
const ARGUMENT = '-1, System.ArgumentException';

const quoted = `'((?:[^']|'')*)'`;
const unquote = (s: string) => s.replace(/''/g, "'");
const FOLDER = new RegExp(`^web/getFolderByServerRelativePath\\(decodedUrl=${quoted}\\)(/.*)?$`, 'i');
const FILE = new RegExp(`^web/getFileByServerRelativePath\\(decodedUrl=${quoted}\\)(/.*)?$`, 'i');
const ADD = new RegExp(`^/files/AddUsingPath\\(decodedurl=${quoted}(,Overwrite=true)?\\)$`, 'i');

export class DoubleLibraries {
  /** By library (lower case), then file name (lower case). */
  private readonly files = new Map<string, Map<string, DoubleFile>>();
  private nextItemId = 1;

  constructor(
    private readonly site: DoubleSite,
    private readonly sitePath: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Answers a file request, or undefined when the path is not a file endpoint. */
  route(method: string, path: string, headers: Record<string, string>, body: Buffer): FileAnswer | undefined {
    const folder = FOLDER.exec(path);
    const file = FILE.exec(path);
    if (!folder && !file) return undefined;
    try {
      if (folder) return this.folder(method, unquote(folder[1]!), folder[2] ?? '', body);
      return this.file(method, unquote(file![1]!), file![2] ?? '', headers, body);
    } catch (e) {
      if (e instanceof SpError)
        return {
          status: e.status,
          json: { 'odata.error': { code: e.code, message: { lang: 'en-US', value: e.message } } },
        };
      throw e;
    }
  }

  private library(serverRelative: string): { title: string; files: Map<string, DoubleFile> } {
    const prefix = `${this.sitePath}/`.toLowerCase();
    const rest = serverRelative.toLowerCase().startsWith(prefix) ? serverRelative.slice(prefix.length) : '';
    if (!rest || rest.includes('/')) throw new SpError(404, NOT_FOUND, 'File Not Found.');
    // The library must exist as a list (made by the adapter's provisioning).
    const list = this.site.list(rest);
    let files = this.files.get(list.title.toLowerCase());
    if (!files) this.files.set(list.title.toLowerCase(), (files = new Map()));
    return { title: list.title, files };
  }

  private folder(method: string, url: string, rest: string, body: Buffer): FileAnswer {
    const { title, files } = this.library(url);
    const add = ADD.exec(rest);
    if (add && method === 'POST') {
      const name = unquote(add[1]!);
      let f = files.get(name.toLowerCase());
      if (f && !add[2])
        throw new SpError(
          400,
          '-2130575257, Microsoft.SharePoint.SPException',
          `A file with the name ${name} already exists.`,
        );
      if (!f)
        files.set(
          name.toLowerCase(),
          (f = { name, versions: [], fields: {}, etag: 1, itemId: this.nextItemId++ }),
        );
      f.versions.push({
        major: f.versions.length + 1,
        bytes: Buffer.from(body),
        created: this.now().toISOString(),
      });
      f.etag++;
      return { status: 200, json: this.fileJson(title, f) };
    }
    if (/^\/files$/i.test(rest) && method === 'GET')
      return { status: 200, json: { value: [...files.values()].map((f) => this.fileJson(title, f)) } };
    throw new SpError(404, ARGUMENT, `The double does not implement "${method} folder${rest}".`);
  }

  private file(
    method: string,
    url: string,
    rest: string,
    headers: Record<string, string>,
    body: Buffer,
  ): FileAnswer {
    const slash = url.lastIndexOf('/');
    const { title, files } = this.library(url.slice(0, slash));
    const f = files.get(url.slice(slash + 1).toLowerCase());
    if (!f) throw new SpError(404, NOT_FOUND, 'File Not Found.');
    const current = f.versions.at(-1)!;
    if (rest === '' && method === 'GET') return { status: 200, json: this.fileJson(title, f) };
    if (/^\/\$value$/i.test(rest) && method === 'GET') return { status: 200, bytes: current.bytes };
    if (/^\/versions$/i.test(rest) && method === 'GET')
      return {
        status: 200,
        json: {
          value: f.versions.slice(0, -1).map((v) => ({
            ID: v.major * 512,
            VersionLabel: `${v.major}.0`,
            Size: v.bytes.byteLength,
            Created: v.created,
            IsCurrentVersion: false,
            Url: `_vti_history/${v.major * 512}/${title}/${f.name}`,
          })),
        },
      };
    const version = /^\/versions\((\d+)\)\/\$value$/i.exec(rest);
    if (version && method === 'GET') {
      const v = f.versions.find((x) => x.major * 512 === Number(version[1]));
      if (!v || v === current) throw new SpError(404, NOT_FOUND, 'Version Not Found.');
      return { status: 200, bytes: v.bytes };
    }
    if (/^\/listItemAllFields$/i.test(rest)) {
      if (method === 'GET')
        return {
          status: 200,
          json: {
            'odata.etag': `"${f.etag}"`,
            Id: f.itemId,
            ID: f.itemId,
            FileLeafRef: f.name,
            ...this.columns(title, f),
          },
        };
      if (method === 'MERGE' || method === 'PATCH') {
        const ifMatch = headers['if-match'];
        if (ifMatch && ifMatch !== '*' && ifMatch !== `"${f.etag}"`)
          throw new SpError(
            412,
            '-1, Microsoft.SharePoint.Client.ClientServiceException',
            "The request ETag value does not match the object's ETag value.",
          );
        const patch = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
        const list = this.site.list(title);
        for (const [k, v] of Object.entries(patch)) {
          if (k.startsWith('__') || k.startsWith('odata.')) continue;
          if (!list.fields.has(k.toLowerCase()))
            throw new SpError(
              400,
              '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
              `The property '${k}' does not exist on type 'SP.Data.${title}Item'.`,
            );
          f.fields[k.toLowerCase()] = v;
        }
        f.etag++;
        return { status: 204, headers: { etag: `"${f.etag}"` } };
      }
    }
    throw new SpError(404, ARGUMENT, `The double does not implement "${method} file${rest}".`);
  }

  private columns(title: string, f: DoubleFile): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of this.site.list(title).fields.values())
      if (!field.ReadOnlyField && field.InternalName !== 'Title')
        out[field.InternalName] = f.fields[field.InternalName.toLowerCase()] ?? null;
    return out;
  }

  private fileJson(title: string, f: DoubleFile) {
    const v = f.versions.at(-1)!;
    return {
      Name: f.name,
      ServerRelativeUrl: `${this.sitePath}/${title}/${f.name}`,
      Length: String(v.bytes.byteLength),
      TimeCreated: f.versions[0]!.created,
      TimeLastModified: v.created,
      UIVersion: v.major * 512,
      UIVersionLabel: `${v.major}.0`,
      MajorVersion: v.major,
      Exists: true,
    };
  }
}
