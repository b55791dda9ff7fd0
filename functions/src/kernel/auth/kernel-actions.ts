/** The kernel's own actions in the authorisation registry. */
import type { ActionTable } from './registry';

export const KERNEL_ACTIONS: ActionTable = {
  'me.read': { roles: 'anyone', refused: 'You cannot see your own registration.' },
  'queue.read': { roles: 'anyone', refused: 'You cannot see a work queue.' },
  'audit.verify': { roles: ['administrator'], refused: 'Only an administrator can verify the audit trail.' },
  'notifications.undeliverable': {
    roles: ['prevent-coordinator', 'administrator'],
    refused: 'Only the Prevent co-ordinator or an administrator can see undelivered notifications.',
  },
  'conversation-reference.save': { roles: 'anyone', refused: 'You cannot register for notifications.' },
};
