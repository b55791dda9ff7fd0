/** The minutes editor's working copy: one entry per agenda item, and the request the hub takes from it. */
import type { AgendaItemView, MinutesItemInput, MinutesView } from '@pph/contract';

export interface DraftAction {
  ownerId: string;
  dueOn: string;
  text: string;
}

export interface DraftItem {
  agendaItemId: string;
  title: string;
  restricted: boolean;
  discussion: string;
  /** One decision a line. */
  decisions: string;
  /** Actions already in the log for this item, as they stand (changed in the action log, not here). */
  existingActions: MinutesView['items'][number]['actions'];
  newActions: DraftAction[];
}

/** Every agenda item, with what the minutes already say about it. */
export function draftFrom(agenda: readonly AgendaItemView[], minutes: MinutesView): DraftItem[] {
  const known = new Map(minutes.items.map((i) => [i.agendaItemId, i]));
  return agenda.map((a) => {
    const m = known.get(a.id);
    return {
      agendaItemId: a.id,
      title: a.title,
      restricted: a.restricted,
      discussion: m?.discussion ?? '',
      decisions: (m?.decisions ?? []).join('\n'),
      existingActions: m?.actions ?? [],
      newActions: [],
    };
  });
}

/** What is sent: blank lines dropped, incomplete new actions left for the person to finish (see `incomplete`). */
export function requestItems(draft: readonly DraftItem[]): MinutesItemInput[] {
  return draft.map((d) => ({
    agendaItemId: d.agendaItemId,
    ...(d.discussion.trim() ? { discussion: d.discussion.trim() } : {}),
    decisions: d.decisions
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    actions: d.newActions.map((a) => ({ ownerId: a.ownerId, dueOn: a.dueOn, text: a.text.trim() })),
  }));
}

/** Field errors for new actions missing an owner, a due date or the words, keyed items.<i>.actions.<j>.<field>. */
export function incomplete(draft: readonly DraftItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  draft.forEach((d, i) =>
    d.newActions.forEach((a, j) => {
      const at = `items.${i}.actions.${j}`;
      if (!a.text.trim()) out[`${at}.text`] = 'Say what the action is.';
      if (!a.ownerId) out[`${at}.ownerId`] = 'Say who owns the action.';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(a.dueOn)) out[`${at}.dueOn`] = 'Give the date it is due.';
    }),
  );
  return out;
}
