/** Who sees which meeting and which restricted papers, by role and by invitation. */
import type { Invitee, Role } from '@pph/contract';
import type { Actor } from '@pph/functions/kernel/auth/actor';
import { clearedFor, everyoneCleared, seesMeeting } from '@pph/functions/meetings/policy';
import type { StoredItem } from '@pph/functions/meetings/state';

const actor = (id: string, partnerId: string, ...roles: Role[]): Actor => ({
  id,
  displayName: id,
  partnerId,
  partnerSector: partnerId === 'police' ? 'police' : 'local-authority',
  roles,
});
const invitee = (a: Actor, chair = false): Invitee => ({
  personId: a.id,
  displayName: a.id,
  partnerId: a.partnerId,
  partnerName: a.partnerId,
  sector: a.partnerSector,
  roles: [...a.roles],
  chair,
});

const secretariat = actor('sec', 'council', 'secretariat');
const chair = actor('chair', 'council', 'board-chair', 'board-member');
const member = actor('member', 'probation', 'board-member');
const police = actor('police', 'police', 'police-prevent', 'channel-member');
const channelMember = actor('health', 'health', 'channel-member');
const channelChair = actor('cchair', 'council', 'channel-chair');

const board = {
  kind: 'prevent-board' as const,
  invitees: [invitee(chair, true), invitee(member), invitee(police)],
};
const panel = { kind: 'channel-panel' as const, invitees: [invitee(channelChair, true), invitee(police)] };

describe('who sees a meeting', () => {
  it('the secretariat sees every meeting; board members every Board meeting, invited or not', () => {
    expect(seesMeeting(secretariat, board)).toBe(true);
    expect(seesMeeting(secretariat, panel)).toBe(true);
    expect(seesMeeting(actor('other-member', 'health', 'board-member'), board)).toBe(true);
  });

  it('a Channel panel only to its invitees and its chair, not to the Board', () => {
    expect(seesMeeting(police, panel)).toBe(true);
    expect(seesMeeting(channelChair, panel)).toBe(true);
    expect(seesMeeting(member, panel)).toBe(false);
    expect(seesMeeting(channelMember, panel)).toBe(false);
    expect(seesMeeting(channelMember, board)).toBe(false);
  });
});

describe('restricted items', () => {
  const item: StoredItem = {
    id: 'ITM-0008',
    title: 'Case review',
    restricted: true,
    clearedFor: [police.id],
    papers: [],
  };

  it('are open to the people named, the secretariat and the chair, and to nobody else', () => {
    expect(clearedFor(police, board, item)).toBe(true);
    expect(clearedFor(secretariat, board, item)).toBe(true);
    expect(clearedFor(chair, board, item)).toBe(true);
    expect(clearedFor(member, board, item)).toBe(false);
    expect(clearedFor(member, board, { ...item, restricted: false })).toBe(true);
  });

  it('name everyone cleared for the pack', () => {
    expect(everyoneCleared(board, item, [secretariat.id]).sort()).toEqual(['chair', 'police', 'sec']);
  });
});
