/**
 * Word papers to PDF with LibreOffice where it is installed (`soffice` or `libreoffice` on the PATH): headless,
 * with a profile of its own per conversion (two at once would otherwise share one and fail), in a temporary
 * folder removed afterwards.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PaperConverter } from '../../../ports/paper-converter';

const NAMES = ['soffice', 'libreoffice'];

/** The LibreOffice binary on `PATH`, if there is one. */
export function findLibreOffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean))
    for (const name of NAMES) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        /* not here */
      }
    }
  return undefined;
}

export class LibreOfficeConverter implements PaperConverter {
  readonly name = 'LibreOffice';

  constructor(
    private readonly binary: string,
    private readonly timeoutMs = 120_000,
  ) {}

  async toPdf(paper: { bytes: Uint8Array; fileName: string }): Promise<Uint8Array> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pph-convert-'));
    try {
      // A fixed input name: the paper's own name never reaches the command line.
      const input = path.join(dir, 'paper.docx');
      fs.writeFileSync(input, paper.bytes);
      await new Promise<void>((resolve, reject) =>
        execFile(
          this.binary,
          [
            '--headless',
            '--norestore',
            `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            input,
          ],
          { timeout: this.timeoutMs },
          (error) =>
            error ? reject(new Error(`LibreOffice failed (${error.code ?? 'no exit code'})`)) : resolve(),
        ),
      );
      const output = path.join(dir, 'paper.pdf');
      if (!fs.existsSync(output)) throw new Error('LibreOffice wrote no PDF');
      return new Uint8Array(fs.readFileSync(output));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
