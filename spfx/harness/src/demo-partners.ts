/**
 * The local hub's demo partner agencies (functions/src/hosts/local/personas.ts, DEMO_PARTNERS): their board members
 * and chair are invited to a meeting scheduled here. In SharePoint the web part's property gives the real ones.
 */
export const DEMO_PARTNER_IDS = [
  'council',
  'police',
  'probation',
  'health',
  'schools',
  'college',
  'yos',
] as const;
