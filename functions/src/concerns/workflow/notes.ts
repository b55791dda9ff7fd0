/** Notes on a concern: free text at the tier its author writes for. */
import type { Visibility, WorkflowState } from './state';
import { nextId, revise } from './state-ops';
import type { ActorRef, Transition } from './types';

export function addNote(
  prev: WorkflowState,
  text: string,
  visibility: Visibility,
  actor: ActorRef,
  now: Date,
): Transition {
  const state = revise(prev);
  state.notes.push({
    id: nextId(state, 'n'),
    text,
    at: now.toISOString(),
    visibility,
    byId: actor.id,
    byName: actor.name,
  });
  return { state, events: [] };
}
