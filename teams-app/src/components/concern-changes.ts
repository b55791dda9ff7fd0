/**
 * What changed in a concern between the view a person decided on and the one the hub answered a 409 with, in
 * words: so a stale decision is never a silent overwrite and never a bare "try again".
 */
import type { ConcernView } from '@pph/contract';
import type { Catalogue } from '../strings';

export function concernChanges(
  t: Catalogue,
  before: ConcernView,
  now: ConcernView,
  stepId: string,
): string[] {
  const c = t.decisions.changes;
  const out: string[] = [];
  const was = before.steps.find((s) => s.id === stepId);
  const is = now.steps.find((s) => s.id === stepId);
  if (was && is) {
    if (is.decision && !was.decision) {
      const what = `${t.decisions.done[is.decision.kind]}${is.decision.outcome ? `: ${is.decision.outcome.label}` : ''}`;
      out.push(c.stepDecided(is.title, what, is.decision.by.displayName));
    } else if (is.status !== was.status) out.push(c.stepStatus(is.title));
    if (is.assignee && is.assignee.id !== was.assignee?.id)
      out.push(c.assignee(is.title, is.assignee.displayName));
  } else if (was && !is) out.push(c.stepStatus(was.title));
  if (now.stage && now.stage.key !== before.stage?.key) out.push(c.stage(now.stage.title));
  if (now.status !== before.status) out.push(c.status[now.status]);
  const oldNotes = new Set(before.notes.map((n) => n.id));
  for (const n of now.notes) if (!oldNotes.has(n.id)) out.push(c.note(n.by.displayName));
  const oldRequests = new Map(before.informationRequests.map((r) => [r.id, r]));
  for (const r of now.informationRequests) {
    const old = oldRequests.get(r.id);
    if (!old) out.push(c.request);
    else if (r.response !== undefined && old.response === undefined) out.push(c.answer);
  }
  if (out.length === 0) out.push(c.other);
  return out;
}
