/**
 * How each list is kept on SharePoint beyond its columns. Lists holding special-category data keep no version
 * history (every version would be another copy of a referral form) and are readable by the app identity alone;
 * machine state is app-only too (an edit by hand would break what the hub relies on). The directory (People,
 * Partners) stays with the site's permissions so the council's administrators can keep it.
 */
import { ConcernLists } from '../../concerns/lists';
import { KernelLists } from '../../kernel/lists';

export interface ListPolicy {
  /** Item version history off (on, SharePoint's default, is left as the site has it). */
  versioningOff: boolean;
  /** Permission inheritance broken, no principal left on the list: only the app (and site collection admins). */
  appOnly: boolean;
}

const SPECIAL_CATEGORY = new Set<string>([
  ConcernLists.concerns,
  ConcernLists.drafts,
  KernelLists.audit,
  KernelLists.outbox,
]);

const SITE_PERMISSIONS = new Set<string>([KernelLists.people, KernelLists.partners]);

export function listPolicy(list: string): ListPolicy {
  return {
    versioningOff: SPECIAL_CATEGORY.has(list),
    // A list no one declared otherwise is app-only: a new capability's data is private until decided.
    appOnly: !SITE_PERMISSIONS.has(list),
  };
}
