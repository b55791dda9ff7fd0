/**
 * Collates a cycle's returns for the Board: completion, training by staff group, level and sector, referrals
 * by age band, completion rates, change on the previous quarter, RAG by section, late and missing returns.
 * Every count of people goes through the kernel's one suppression module; the previous quarter is suppressed
 * on its own figures (as it was shown then), and a change is withheld when either side is.
 */
import {
  SUPPRESSION_NOTE,
  SECTOR_LABELS,
  SectorSchema,
  cycleStatusOn,
  sectionsFor,
  type CollationView,
  type CountTable,
  type Partner,
  type ReturnCycle,
  type ReturnTemplate,
  type Sector,
} from '@pph/contract';
import {
  change,
  shown,
  suppressGrids,
  suppressList,
  type SuppressedGrid,
} from '../kernel/statistics/suppression';
import type { CycleRecord, ReturnRecord } from './repository';
import { isOutstanding } from './schedule';

export interface CycleData {
  cycle: CycleRecord;
  template: ReturnTemplate;
  returns: ReturnRecord[];
}

/** What the Board's figures count: returns submitted or approved (a sent-back return is being revised). */
const counted = (r: ReturnRecord) => r.state.status === 'submitted' || r.state.status === 'approved';

const dateOf = (iso: string) => iso.slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((100 * n) / of));

interface Figures {
  staffGroup: number[][];
  sector: number[][];
  referrals: number[][];
  sectors: Sector[];
  inScope: number[];
  trainedToDate: number[];
}

function figures(data: CycleData, partners: ReadonlyMap<string, Partner>, sectors?: Sector[]): Figures {
  const { template } = data;
  const levels = template.trainingLevels.map((l) => l.key);
  const groups = template.staffGroups.map((g) => g.key);
  const bands = template.ageBands.map((b) => b.key);
  const sectorOf = (r: ReturnRecord) => partners.get(r.partnerId)?.sector;
  const present = sectors ?? SectorSchema.options.filter((s) => data.returns.some((r) => sectorOf(r) === s));
  const zeros = (rows: number, cols: number) =>
    Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const f: Figures = {
    staffGroup: zeros(groups.length, levels.length),
    sector: zeros(present.length, levels.length),
    referrals: zeros(present.length, bands.length),
    sectors: present,
    inScope: new Array<number>(groups.length).fill(0),
    trainedToDate: new Array<number>(groups.length).fill(0),
  };
  for (const r of data.returns.filter(counted)) {
    const s = present.indexOf(sectorOf(r)!);
    for (const row of r.state.content.training) {
      const g = groups.indexOf(row.staffGroup);
      for (const [level, n] of Object.entries(row.counts)) {
        const l = levels.indexOf(level);
        if (l < 0) continue;
        if (g >= 0) f.staffGroup[g]![l]! += n;
        if (s >= 0) f.sector[s]![l]! += n;
      }
      if (g >= 0 && row.staffInScope !== undefined && row.trainedToDate !== undefined) {
        f.inScope[g]! += row.staffInScope;
        f.trainedToDate[g]! += row.trainedToDate;
      }
    }
    if (s >= 0)
      for (const [band, n] of Object.entries(r.state.content.referrals.byAgeBand)) {
        const b = bands.indexOf(band);
        if (b >= 0) f.referrals[s]![b]! += n;
      }
  }
  return f;
}

function table(
  title: string,
  rows: { key: string; label: string }[],
  columns: { key: string; label: string }[],
  g: SuppressedGrid,
): CountTable {
  return {
    title,
    columns: columns.map((c) => ({ key: c.key, label: c.label })),
    rows: rows.map((r, i) => ({
      key: r.key,
      label: r.label,
      cells: g.cells[i]!.map(shown),
      total: shown(g.rowTotals[i]!),
    })),
    columnTotals: g.columnTotals.map(shown),
    grandTotal: shown(g.grandTotal),
  };
}

function suppressed(f: Figures) {
  const [staffGroup, sector] = suppressGrids([{ values: f.staffGroup }, { values: f.sector }], {
    shareColumnTotals: true,
  });
  const [referrals] = suppressGrids([{ values: f.referrals }]);
  return { staffGroup: staffGroup!, sector: sector!, referrals: referrals! };
}

export function collate(
  current: CycleData,
  previous: CycleData | undefined,
  partners: ReadonlyMap<string, Partner>,
  today: string,
  generatedAt: string,
): CollationView {
  const { template } = current;
  const dates = current.cycle.dates;
  const cycle: ReturnCycle = {
    ...dates,
    status: cycleStatusOn(dates, today),
    template: current.cycle.template,
  };
  const f = figures(current, partners);
  const s = suppressed(f);
  const levels = template.trainingLevels;
  const groups = template.staffGroups;
  const sectorRows = f.sectors.map((k) => ({ key: k, label: SECTOR_LABELS[k] }));

  const returns = current.returns;
  const expected = returns.length;
  const submitted = returns.filter(counted).length;
  const approved = returns.filter((r) => r.state.status === 'approved').length;
  const lateAndMissing: CollationView['lateAndMissing'] = [];
  for (const r of returns) {
    const name = partners.get(r.partnerId)?.name ?? r.partnerId;
    const submittedOn = r.state.submittedAt ? dateOf(r.state.submittedAt) : undefined;
    if (submittedOn && submittedOn > r.dueOn && !isOutstanding(r.state.status))
      lateAndMissing.push({
        reference: r.reference,
        partnerName: name,
        status: r.state.status,
        dueOn: r.dueOn,
        submittedAt: r.state.submittedAt!,
        daysLate: daysBetween(r.dueOn, submittedOn),
        kind: 'late',
      });
    else if (isOutstanding(r.state.status) && today > r.dueOn)
      lateAndMissing.push({
        reference: r.reference,
        partnerName: name,
        status: r.state.status,
        dueOn: r.dueOn,
        daysLate: daysBetween(r.dueOn, today),
        kind: 'missing',
      });
  }

  const inScope = suppressList(f.inScope);
  const trained = suppressList(f.trainedToDate);
  const rate = (a: { value: number; suppressed: boolean }, b: { value: number; suppressed: boolean }) =>
    a.suppressed || b.suppressed
      ? { suppressed: true, display: '[c]' }
      : a.value === 0
        ? { suppressed: false, display: 'n/a' }
        : { value: percent(b.value, a.value), suppressed: false, display: `${percent(b.value, a.value)}%` };
  const completionRates: CollationView['completionRates'] = groups.map((g, i) => ({
    key: g.key,
    label: g.label,
    staffInScope: shown(inScope.cells[i]!),
    trainedToDate: shown(trained.cells[i]!),
    percent: rate(inScope.cells[i]!, trained.cells[i]!),
  }));
  completionRates.push({
    key: 'all',
    label: 'All staff groups',
    staffInScope: shown(inScope.total),
    trainedToDate: shown(trained.total),
    percent: rate(inScope.total, trained.total),
  });

  // Last quarter as it was shown then: its own figures, suppressed on their own, matched by key.
  const changeRows: CollationView['changeOnPreviousQuarter'] = [];
  if (previous) {
    const pf = figures(previous, partners);
    const ps = suppressed(pf);
    const prevLevel = new Map(
      previous.template.trainingLevels.map((l, j) => [l.key, ps.staffGroup.columnTotals[j]!]),
    );
    const prevGroup = new Map(
      previous.template.staffGroups.map((g, i) => [g.key, ps.staffGroup.rowTotals[i]!]),
    );
    const none = { value: 0, suppressed: false };
    const row = (key: string, label: string, cur: { value: number; suppressed: boolean }, prev = none) =>
      changeRows.push({
        key,
        label,
        current: shown(cur),
        previous: shown(prev),
        change: shown(change(cur, prev)),
      });
    row('trained', 'People trained', s.staffGroup.grandTotal, ps.staffGroup.grandTotal);
    levels.forEach((l, j) =>
      row(`level:${l.key}`, `Trained: ${l.label}`, s.staffGroup.columnTotals[j]!, prevLevel.get(l.key)),
    );
    groups.forEach((g, i) =>
      row(`group:${g.key}`, `Trained: ${g.label}`, s.staffGroup.rowTotals[i]!, prevGroup.get(g.key)),
    );
    row('referrals', 'Prevent referrals made', s.referrals.grandTotal, ps.referrals.grandTotal);
  }

  const rag: CollationView['rag'] = template.sections.map((sec) => {
    const out = { section: sec.key, label: sec.label, red: 0, amber: 0, green: 0, notReported: 0 };
    for (const r of returns.filter(counted)) {
      const sector = partners.get(r.partnerId)?.sector;
      if (!sector || !sectionsFor(template, sector).some((x) => x.key === sec.key)) continue;
      const given = r.state.content.sections.find((x) => x.section === sec.key)?.rag;
      if (given) out[given]++;
      else out.notReported++;
    }
    return out;
  });

  return {
    cycle,
    ...(previous
      ? { previousCycle: { id: previous.cycle.dates.id, label: previous.cycle.dates.label } }
      : {}),
    generatedAt,
    basis: `${submitted} of ${expected} returns: those submitted or approved (a return sent back is left out until it is resubmitted).`,
    suppressionNote: SUPPRESSION_NOTE,
    completion: {
      expected,
      submitted,
      approved,
      submittedPercent: percent(submitted, expected),
      approvedPercent: percent(approved, expected),
      late: lateAndMissing.filter((x) => x.kind === 'late').length,
      missing: lateAndMissing.filter((x) => x.kind === 'missing').length,
    },
    trainingByStaffGroup: table(
      'People trained, by staff group and training level',
      groups,
      levels,
      s.staffGroup,
    ),
    trainingBySector: table('People trained, by sector and training level', sectorRows, levels, s.sector),
    referralsBySector: table(
      'Prevent referrals made, by sector and age band',
      sectorRows,
      template.ageBands,
      s.referrals,
    ),
    completionRates,
    changeOnPreviousQuarter: changeRows,
    rag,
    lateAndMissing,
  };
}
