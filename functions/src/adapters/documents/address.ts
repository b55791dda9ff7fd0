/** The one check of a library and document name, shared by every DocumentStore adapter. */
import { DomainError } from '../../kernel/errors';
import { DOCUMENT_NAME, LIBRARY_NAME } from '../../ports/documents';

export function checkLibrary(library: string): void {
  if (!LIBRARY_NAME.test(library))
    throw new DomainError(
      'validation_failed',
      `"${library.slice(0, 60)}" is not a document library name: use 3 to 50 lower-case letters, digits and hyphens, starting with a letter.`,
    );
}

export function checkAddress(library: string, name: string): void {
  checkLibrary(library);
  if (!DOCUMENT_NAME.test(name))
    throw new DomainError(
      'validation_failed',
      'A document name must be 1 to 200 letters, digits, spaces, dots, hyphens or underscores, not starting or ending with a dot or space, and without folders (/).',
    );
}

export function checkVersion(version: number | undefined): void {
  if (version !== undefined && !(Number.isInteger(version) && version >= 1))
    throw new DomainError('validation_failed', 'A document version is a whole number from 1.');
}

export function checkContentType(contentType: string): void {
  if (!/^[a-z]+\/[a-z0-9.+-]+$/i.test(contentType))
    throw new DomainError(
      'validation_failed',
      `"${contentType.slice(0, 60)}" is not a content type such as application/pdf.`,
    );
}
