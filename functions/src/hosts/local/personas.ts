import type { Partner, Person } from '@pph/contract';

/**
 * A fictional partnership for local runs, demos and tests. Every name here is invented; none is taken from the
 * council papers. Person ids are GUID-shaped like Entra object ids so the Agents Playground users map onto them.
 */
export const DEMO_PARTNERS: Partner[] = [
  {
    id: 'council',
    name: 'Harbourside Borough Council',
    sector: 'local-authority',
    owesQuarterlyReturns: true,
  },
  { id: 'police', name: 'Harbourside Police', sector: 'police', owesQuarterlyReturns: true },
  {
    id: 'probation',
    name: 'Probation Service (Harbourside)',
    sector: 'probation',
    owesQuarterlyReturns: true,
  },
  { id: 'health', name: 'Harbourside Health NHS Trust', sector: 'health', owesQuarterlyReturns: true },
  { id: 'schools', name: 'Harbourside Schools Partnership', sector: 'schools', owesQuarterlyReturns: true },
  { id: 'college', name: 'Harbourside College', sector: 'further-education', owesQuarterlyReturns: true },
  {
    id: 'yos',
    name: 'Harbourside Youth Justice Service',
    sector: 'youth-offending',
    owesQuarterlyReturns: true,
  },
];

const pid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const PERSONA_IDS = {
  referrer: pid(1),
  safeguardingLead: pid(2),
  coordinator: pid(3),
  police: pid(4),
  channelChair: pid(5),
  channelMember: pid(6),
  boardMember: pid(7),
  boardChair: pid(8),
  secretariat: pid(9),
  returnAuthor: pid(10),
  administrator: pid(11),
  schoolReferrer: pid(12),
  schoolSafeguardingLead: pid(13),
  deputySafeguardingLead: pid(14),
} as const;

/** One return author per agency besides the college's, for the demo quarter (not in PERSONA_IDS' matrix). */
export const RETURN_AUTHOR_IDS = {
  council: pid(15),
  police: pid(16),
  probation: pid(17),
  health: pid(18),
  schools: pid(19),
  yos: pid(20),
} as const;

const returnAuthor = (
  n: keyof typeof RETURN_AUTHOR_IDS,
  displayName: string,
  host: string,
  jobTitle: string,
): Person => ({
  id: RETURN_AUTHOR_IDS[n],
  displayName,
  email: `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}@${host}harbourside.example`,
  jobTitle,
  partnerId: n,
  roles: ['return-author'],
});

export const DEMO_PEOPLE: Person[] = [
  {
    id: PERSONA_IDS.referrer,
    displayName: 'Robin Ashdown',
    email: 'robin.ashdown@harbourside.example',
    jobTitle: 'Housing officer',
    partnerId: 'council',
    roles: ['referrer'],
  },
  {
    id: PERSONA_IDS.safeguardingLead,
    displayName: 'Sasha Lindqvist',
    email: 'sasha.lindqvist@harbourside.example',
    jobTitle: 'Designated safeguarding lead',
    partnerId: 'council',
    roles: ['safeguarding-lead', 'referrer'],
  },
  {
    id: PERSONA_IDS.deputySafeguardingLead,
    displayName: 'Dara Penhallow',
    email: 'dara.penhallow@harbourside.example',
    jobTitle: 'Deputy safeguarding lead',
    partnerId: 'council',
    roles: ['safeguarding-lead', 'referrer'],
  },
  {
    id: PERSONA_IDS.coordinator,
    displayName: 'Casey Marchetti',
    email: 'casey.marchetti@harbourside.example',
    jobTitle: 'Prevent co-ordinator',
    partnerId: 'council',
    roles: ['prevent-coordinator', 'referrer'],
  },
  {
    id: PERSONA_IDS.police,
    displayName: 'PC Jordan Vey',
    email: 'jordan.vey@police.harbourside.example',
    jobTitle: 'Police Prevent officer',
    partnerId: 'police',
    roles: ['police-prevent', 'channel-member', 'referrer'],
  },
  {
    id: PERSONA_IDS.channelChair,
    displayName: 'Morgan Treloar',
    email: 'morgan.treloar@harbourside.example',
    jobTitle: 'Channel panel chair',
    partnerId: 'council',
    roles: ['channel-chair', 'channel-member'],
  },
  {
    id: PERSONA_IDS.channelMember,
    displayName: 'Avery Quennell',
    email: 'avery.quennell@health.harbourside.example',
    jobTitle: 'Safeguarding nurse',
    partnerId: 'health',
    roles: ['channel-member', 'referrer'],
  },
  {
    id: PERSONA_IDS.boardMember,
    displayName: 'Rowan Fairweather',
    email: 'rowan.fairweather@probation.harbourside.example',
    jobTitle: 'Head of probation delivery',
    partnerId: 'probation',
    roles: ['board-member'],
  },
  {
    id: PERSONA_IDS.boardChair,
    displayName: 'Kit Abernethy',
    email: 'kit.abernethy@harbourside.example',
    jobTitle: 'Director of community safety',
    partnerId: 'council',
    roles: ['board-chair', 'board-member'],
  },
  {
    id: PERSONA_IDS.secretariat,
    displayName: 'Jamie Okonedo',
    email: 'jamie.okonedo@harbourside.example',
    jobTitle: 'Partnership support officer',
    partnerId: 'council',
    roles: ['secretariat'],
  },
  {
    id: PERSONA_IDS.returnAuthor,
    displayName: 'Elliot Brannagh',
    email: 'elliot.brannagh@college.harbourside.example',
    jobTitle: 'Safeguarding manager',
    partnerId: 'college',
    roles: ['return-author', 'referrer'],
  },
  {
    id: PERSONA_IDS.administrator,
    displayName: 'Lee Carrow',
    email: 'lee.carrow@harbourside.example',
    jobTitle: 'Hub administrator',
    partnerId: 'council',
    roles: ['administrator'],
  },
  {
    id: PERSONA_IDS.schoolReferrer,
    displayName: 'Nico Halloran',
    email: 'nico.halloran@schools.harbourside.example',
    jobTitle: 'Teacher',
    partnerId: 'schools',
    roles: ['referrer'],
  },
  {
    id: PERSONA_IDS.schoolSafeguardingLead,
    displayName: 'Tamsin Greaves',
    email: 'tamsin.greaves@schools.harbourside.example',
    jobTitle: 'Designated safeguarding lead',
    partnerId: 'schools',
    roles: ['safeguarding-lead', 'referrer'],
  },
  returnAuthor('council', 'Hollis Pemberton', '', 'Community safety officer'),
  returnAuthor('police', 'Frankie Ostrander', 'police.', 'Prevent partnership sergeant'),
  returnAuthor('probation', 'Bram Achterberg', 'probation.', 'Senior probation officer'),
  returnAuthor('health', 'Sunniva Blackwood', 'health.', 'Named nurse, adult safeguarding'),
  returnAuthor('schools', 'Ines Tolland', 'schools.', 'Education safeguarding lead'),
  returnAuthor('yos', 'Jude Harrower', 'yjs.', 'Youth justice practice manager'),
];
