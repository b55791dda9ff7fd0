/** Which converter turns Word papers into PDF here: LibreOffice when installed, else Graph's when configured, else none. */
import type { PaperConverter } from '../../../ports/paper-converter';
import { findLibreOffice, LibreOfficeConverter } from './libreoffice';

export function selectPaperConverter(
  opts: { env?: NodeJS.ProcessEnv; graph?: () => PaperConverter } = {},
): PaperConverter | undefined {
  const soffice = findLibreOffice(opts.env ?? process.env);
  if (soffice) return new LibreOfficeConverter(soffice);
  return opts.graph?.();
}
