/**
 * Whether a meeting is quorate under the configured rule: the chair present, someone from each named sector's
 * agency, and at least a fraction of the invited agencies represented (by an invitee or their deputy).
 */
import type { Invitee, QuorumResult, QuorumRule, Sector } from '@pph/contract';
import type { MeetingState } from './state';

const SECTOR_NAMES: Partial<Record<Sector, string>> = {
  'local-authority': 'the local authority',
  police: 'the police',
  probation: 'probation',
  health: 'health',
};
const sectorName = (s: Sector) => SECTOR_NAMES[s] ?? `the ${s.replace(/-/g, ' ')} sector`;

export function quorum(s: Pick<MeetingState, 'invitees' | 'attendance'>, rule: QuorumRule): QuorumResult {
  const attends = (i: Invitee) => {
    const a = s.attendance[i.personId]?.status;
    return a === 'present' || a === 'deputy';
  };
  const recorded = Object.keys(s.attendance).length > 0;
  const partners = new Map<string, Sector>();
  for (const i of s.invitees) partners.set(i.partnerId, i.sector);
  const represented = new Set(s.invitees.filter(attends).map((i) => i.partnerId));
  const needed = Math.ceil(partners.size * rule.partnerFraction);
  const checks: QuorumResult['checks'] = [];
  const missing: string[] = [];
  if (rule.chair) {
    const chairs = s.invitees.filter((i) => i.chair);
    const met = chairs.some((c) => s.attendance[c.personId]?.status === 'present');
    checks.push({ rule: 'The chair is present', met });
    if (!met) missing.push(chairs.length ? 'the chair is not present' : 'no chair is invited');
  }
  for (const sector of rule.sectors) {
    const met = [...represented].some((p) => partners.get(p) === sector);
    checks.push({ rule: `Someone from ${sectorName(sector)} is present`, met });
    if (!met) missing.push(`no one from ${sectorName(sector)} is present`);
  }
  const enough = represented.size >= needed && partners.size > 0;
  checks.push({
    rule: `At least ${needed} of the ${partners.size} partner agencies are represented`,
    met: enough,
  });
  if (!enough)
    missing.push(
      `${represented.size} of ${partners.size} partner agencies are represented and at least ${needed} are needed`,
    );
  const met = missing.length === 0;
  return {
    met,
    ...(!met && recorded
      ? {
          warning: `The meeting is not quorate: ${missing.join('; ')}. Decisions taken should be confirmed at the next quorate meeting.`,
        }
      : {}),
    partnersRepresented: represented.size,
    partnersInvited: partners.size,
    checks,
  };
}
