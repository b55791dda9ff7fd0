/** My work as one list: every kind of item the queue holds, overdue first, then by due date. */
import type { WorkItemsResponse } from '@pph/contract';
import { deepLinkPath } from '../host/deep-link';

export type WorkEntry =
  | {
      kind: 'step';
      key: string;
      reference: string;
      stepId: string;
      title: string;
      stage: string;
      dueOn: string;
      overdue: boolean;
      escalated: boolean;
      immediateRisk: boolean;
      waitingForInformation: boolean;
    }
  | {
      kind: 'review';
      key: string;
      reference: string;
      reviewId: string;
      title: string;
      dueOn: string;
      overdue: boolean;
    }
  | {
      /** Another capability's work (a return to write or approve): opened where its deep link points. */
      kind: 'task';
      key: string;
      taskKind: string;
      title: string;
      detail?: string;
      dueOn: string;
      overdue: boolean;
      to: string;
    };

export function workEntries(queue: WorkItemsResponse): WorkEntry[] {
  const entries: WorkEntry[] = [
    ...queue.items.map((i): WorkEntry => ({
      kind: 'step',
      key: `step:${i.reference}:${i.stepId}`,
      reference: i.reference,
      stepId: i.stepId,
      title: i.stepTitle,
      stage: i.stageTitle,
      dueOn: i.dueOn,
      overdue: i.overdue,
      escalated: i.escalated,
      immediateRisk: i.immediateRisk,
      waitingForInformation: i.status === 'awaiting-information',
    })),
    ...queue.reviews.map((r): WorkEntry => ({
      kind: 'review',
      key: `review:${r.reference}:${r.reviewId}`,
      reference: r.reference,
      reviewId: r.reviewId,
      title: r.label,
      dueOn: r.dueOn,
      overdue: r.overdue,
    })),
    ...(queue.tasks ?? []).map((task): WorkEntry => ({
      kind: 'task',
      key: `task:${task.capability}:${task.kind}:${task.itemRef}`,
      taskKind: task.kind,
      title: task.title,
      ...(task.detail ? { detail: task.detail } : {}),
      dueOn: task.dueOn,
      overdue: task.overdue,
      to: deepLinkPath(task.open.subEntityId, task.open.entityId) ?? `/${task.open.entityId}`,
    })),
  ];
  // Stable: within the same urgency the hub's own order (immediate risk first) stands.
  return entries
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) => Number(b.e.overdue) - Number(a.e.overdue) || a.e.dueOn.localeCompare(b.e.dueOn) || a.i - b.i,
    )
    .map(({ e }) => e);
}
