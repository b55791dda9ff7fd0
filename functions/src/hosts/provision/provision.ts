/**
 * Provisioning as a function the command line and tests call: every list the hub defines (the kernel's and each
 * registered capability's, as createHub provisions them) and every document library the capabilities keep files
 * in, applied or only checked, with a printable report.
 */
import { SharePointDocumentStore } from '../../adapters/documents/sharepoint-documents';
import { userAgentFor } from '../../adapters/sharepoint/behaviors/user-agent';
import { SharePointStore, type ProvisionReport } from '../../adapters/sharepoint/sharepoint-store';
import type { TokenProvider } from '../../adapters/sharepoint/token-provider';
import { CAPABILITIES } from '../../hub';
import { KERNEL_LISTS } from '../../kernel/lists';
import type { Logger } from '../../ports/logger';
import type { ListDefinition } from '../../ports/lists';

export const HUB_LISTS: readonly ListDefinition[] = [
  ...KERNEL_LISTS,
  ...CAPABILITIES.flatMap((c) => c.lists),
];

export const HUB_LIBRARIES: readonly string[] = [...new Set(CAPABILITIES.flatMap((c) => c.libraries ?? []))];

export async function provisionSite(opts: {
  siteUrl: string;
  tokens: TokenProvider;
  logger: Logger;
  version: string;
  dryRun: boolean;
  appPrincipal?: string;
}): Promise<ProvisionReport> {
  const mode = opts.dryRun ? 'verify' : 'apply';
  const store = new SharePointStore({
    siteUrl: opts.siteUrl,
    tokens: opts.tokens,
    logger: opts.logger,
    userAgent: userAgentFor(opts.version),
    provisioning: mode,
    ...(opts.appPrincipal ? { appPrincipal: opts.appPrincipal } : {}),
  });
  let lists: ProvisionReport;
  try {
    lists = await store.provisionLists(HUB_LISTS);
  } finally {
    await store.close();
  }
  const documents = new SharePointDocumentStore({
    siteUrl: opts.siteUrl,
    tokens: opts.tokens,
    logger: opts.logger,
    userAgent: userAgentFor(opts.version),
    provisioning: mode,
  });
  const libraries = await documents.provisionLibraries(HUB_LIBRARIES, mode);
  return {
    changes: [...lists.changes, ...libraries.changes],
    problems: [...lists.problems, ...libraries.problems],
  };
}

export function formatReport(siteUrl: string, report: ProvisionReport, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Would provision' : 'Provisioned'} ${HUB_LISTS.length} lists and ${HUB_LIBRARIES.length} document libraries on ${siteUrl}:`,
    report.changes.length === 0
      ? '  nothing to change: the site matches the hub.'
      : report.changes.map((c) => `  ${dryRun ? 'would ' : ''}${c}`).join('\n'),
  ];
  if (report.problems.length > 0)
    lines.push(`Left for a person (${report.problems.length}):`, ...report.problems.map((p) => `  ! ${p}`));
  return lines.join('\n');
}
