/** Card inputs a referrer types, step by step, as Teams sends them (strings; multi-select comma-joined). */
export const ANSWERS = {
  risk: { immediateRisk: 'no' },
  referrer: {
    'referrer.name': 'Robin Ashdown',
    'referrer.role': 'Youth worker',
    'referrer.organisation': 'Harbourside Borough Council',
    'referrer.email': 'robin.ashdown@harbourside.example',
    'referrer.phone': '01632 960 123',
  },
  subject: {
    'subject.name': 'Alex Example',
    // The date of birth is chosen from three lists: day, month and year.
    'subject.dateOfBirth.day': '14',
    'subject.dateOfBirth.month': '03',
    'subject.dateOfBirth.year': '2010',
    'subject.gender': 'not-known',
    'subject.schoolOrEmployer': 'Harbourside Academy',
  },
  concern: {
    whatHappened:
      'Shared extremist videos with younger pupils during a youth club session and praised an attacker.',
    howItCameToLight: 'Two pupils told a youth worker the same evening.',
  },
  indicators: {
    indicators: 'expressed-extremist-views,online-extremist-material',
    ideologyCategory: 'extreme-right-wing',
  },
  sharing: { subjectAware: 'no', informationSharingBasis: 'public-task' },
} as const;
