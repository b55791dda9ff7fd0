/**
 * The pack compiler: one PDF from the hub-authored parts and the papers, with bookmarks matching the contents,
 * one page numbering throughout, page labels, title and language metadata, and the tags of the authored parts.
 */
import type { CompiledPack, CompilePackOptions, PackDocumentInput } from './model';

export async function compilePack(
  input: PackDocumentInput,
  options: CompilePackOptions,
): Promise<CompiledPack> {
  void input;
  void options;
  throw new Error('compilePack: not implemented yet');
}
