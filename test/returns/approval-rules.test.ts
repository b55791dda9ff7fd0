/**
 * Who may approve: the approval rule is configuration (one board member of another agency by default, or more,
 * each of a different agency); nobody approves their own agency's return, whatever the rule.
 */
import { DEFAULT_APPROVAL_RULE, describeApprovalRule, type ApprovalRule } from '@pph/contract';
import { approveRefusal, permissions, writeRefusal, type ReturnFacts } from '@pph/functions/returns/policy';
import { newReturnState } from '@pph/functions/returns/workflow';
import { emptyReturnContent } from '@pph/contract';
import type { Actor } from '@pph/functions/kernel/auth/actor';

const actor = (id: string, partnerId: string, roles: Actor['roles']): Actor => ({
  id,
  displayName: id,
  partnerId,
  partnerSector: 'local-authority',
  roles,
});
const probationMember = actor('rowan', 'probation', ['board-member']);
const councilChair = actor('kit', 'council', ['board-chair', 'board-member']);
const policeMember = actor('pat', 'police', ['board-member']);
const secretariat = actor('jamie', 'council', ['secretariat']);
const collegeAuthor = actor('elliot', 'college', ['return-author']);

const submitted = (approvals: ReturnFacts['state']['approvals'] = []): ReturnFacts => ({
  partnerId: 'council',
  state: {
    ...newReturnState({ id: 'quarterly-return', version: 1 }, emptyReturnContent()),
    status: 'submitted',
    approvals,
  },
  cycleStatus: 'open',
  opensOn: '2026-12-01',
  closesOn: '2027-03-01',
});
const approval = (by: Actor) => ({
  by: { id: by.id, displayName: by.displayName },
  partnerId: by.partnerId,
  partnerName: by.partnerId,
  at: '2026-12-01T10:00:00.000Z',
});

describe('the default rule: one board member of another agency', () => {
  it('lets a board member of another agency approve', () => {
    expect(
      approveRefusal(probationMember, submitted(), DEFAULT_APPROVAL_RULE, 'the council'),
    ).toBeUndefined();
  });

  it("refuses the council's own board chair the council's return", () => {
    expect(
      approveRefusal(councilChair, submitted(), DEFAULT_APPROVAL_RULE, 'Harbourside Borough Council'),
    ).toBe(
      "Nobody approves their own agency's return: a board member of another agency approves Harbourside Borough Council's.",
    );
  });

  it('refuses someone who is not a board member', () => {
    expect(approveRefusal(secretariat, submitted(), DEFAULT_APPROVAL_RULE, 'x')).toBe(
      'Only board members approve or send back returns.',
    );
  });

  it('refuses a return that is not submitted, or whose cycle has closed', () => {
    const draft = { ...submitted(), state: { ...submitted().state, status: 'draft' as const } };
    expect(approveRefusal(probationMember, draft, DEFAULT_APPROVAL_RULE, 'x')).toContain(
      'only a submitted return',
    );
    expect(
      approveRefusal(probationMember, { ...submitted(), cycleStatus: 'closed' }, DEFAULT_APPROVAL_RULE, 'x'),
    ).toContain('closed on 2027-03-01');
  });

  it('says it in words', () => {
    expect(describeApprovalRule(DEFAULT_APPROVAL_RULE)).toBe(
      "Approved by one board member of another agency: nobody approves their own agency's return.",
    );
  });
});

describe('a rule of two approvals from different agencies', () => {
  const rule: ApprovalRule = {
    approverRoles: ['board-member'],
    approvalsRequired: 2,
    distinctAgencies: true,
  };
  it('refuses a second approval by the same person, or from the same agency', () => {
    const colleague = actor('robin', 'probation', ['board-member']);
    const facts = submitted([approval(probationMember)]);
    expect(approveRefusal(probationMember, facts, rule, 'x')).toBe('You have approved this return already.');
    expect(approveRefusal(colleague, facts, rule, 'x')).toContain(
      'the next approval comes from another agency',
    );
    expect(approveRefusal(policeMember, facts, rule, 'x')).toBeUndefined();
  });

  it('a chair who is not named by the rule cannot approve', () => {
    const chairOnly = actor('kim', 'health', ['board-chair']);
    expect(approveRefusal(chairOnly, submitted(), rule, 'x')).toBe(
      'Only board members approve or send back returns.',
    );
  });
});

describe('writing', () => {
  const facts = {
    ...submitted(),
    partnerId: 'college',
    state: { ...submitted().state, status: 'draft' as const },
  };
  it("only the agency's return author writes it, while its cycle is open and it is not submitted", () => {
    expect(writeRefusal(collegeAuthor, facts, 'Harbourside College')).toBeUndefined();
    expect(writeRefusal(probationMember, facts, 'Harbourside College')).toBe(
      "Only Harbourside College's return author can change its return.",
    );
    expect(writeRefusal(collegeAuthor, { ...facts, cycleStatus: 'closed' }, 'x')).toContain(
      'can no longer be changed',
    );
    expect(
      writeRefusal(collegeAuthor, { ...facts, state: { ...facts.state, status: 'submitted' } }, 'x'),
    ).toContain('only if a board member sends it back');
  });

  it('permissions say what the tab may offer', () => {
    expect(permissions(collegeAuthor, facts, DEFAULT_APPROVAL_RULE, 'x')).toEqual({
      edit: true,
      submit: true,
      approve: false,
      sendBack: false,
    });
    expect(permissions(councilChair, submitted(), DEFAULT_APPROVAL_RULE, 'the council')).toMatchObject({
      approve: false,
      approveRefusal: expect.stringContaining('own agency'),
    });
  });
});
