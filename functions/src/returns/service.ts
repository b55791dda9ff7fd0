/**
 * The returns' use cases, whatever the entry point: read, save as typed, submit, approve, send back, approve
 * several at once, see a cycle at a glance, chase, collate and export. Each change is one ETag-guarded write of
 * the return item with the events it raises (audited and notified by the relay); a caller's stale ETag is
 * refused with who changed what since, and nothing is saved.
 */
import { randomUUID } from 'node:crypto';
import {
  RETURN_STATUS_LABELS,
  SaveReturnDraftRequestSchema,
  cycleStatusOn,
  describeApprovalRule,
  previousCycleId,
  returnProblems,
  returnTotals,
  sectionsFor,
  type ApprovalRule,
  type BulkApproveRequest,
  type BulkApproveResponse,
  type ChaseRequest,
  type ChaseResponse,
  type CollationCsvView,
  type CollationView,
  type CycleOverview,
  type MyReturnsResponse,
  type Partner,
  type ReturnContent,
  type ReturnCycle,
  type ReturnCycleConfig,
  type ReturnCyclesResponse,
  type ReturnSummary,
  type ReturnTemplate,
  type ReturnView,
} from '@pph/contract';
import type { z } from 'zod';
import type { Actor } from '../kernel/auth/actor';
import type { AuthorisationRegistry } from '../kernel/auth/registry';
import type { AuditLog } from '../kernel/audit/audit-log';
import { digestOf } from '../kernel/audit/chain';
import { londonDate } from '../kernel/calendar/working-days';
import type { Directory } from '../kernel/directory/directory';
import { DomainError, forbidden } from '../kernel/errors';
import type { HubPorts } from '../ports/hub-ports';
import { isStoreError } from '../ports/store';
import { collate } from './collation';
import { csvFor, exportFileName, workbookFor } from './exports';
import { needsCorrecting } from './field-errors';
import { ReturnLists } from './lists';
import {
  approveRefusal,
  permissions,
  seesContent,
  seesReturn,
  writeRefusal,
  type ReturnFacts,
} from './policy';
import {
  returnEtag,
  revisionOf,
  type CycleRecord,
  type ReturnRecord,
  type ReturnRepository,
} from './repository';
import { isOutstanding } from './schedule';
import type { TemplateRepository } from './templates';
import * as flow from './workflow';

export interface ReturnServiceDeps {
  ports: HubPorts;
  repo: ReturnRepository;
  templates: TemplateRepository;
  directory: Directory;
  audit: AuditLog;
  authorisation: AuthorisationRegistry;
  rule: ApprovalRule;
  config: ReturnCycleConfig;
  kickRelay: (id: number) => void;
}

/** One return with what it takes to judge it: its cycle, agency and template. */
interface Loaded {
  record: ReturnRecord;
  cycle: CycleRecord;
  partner: Partner;
  template: ReturnTemplate;
  facts: ReturnFacts;
}

export interface ExportFile {
  contentType: 'xlsx' | 'csv';
  fileName: string;
  data: Buffer;
}

type SaveBody = z.output<typeof SaveReturnDraftRequestSchema>;

const NOT_SEEN = (reference: string) =>
  forbidden(
    `There is no return ${reference} that you can see. Check the reference; your agency's returns are under "My returns".`,
  );

const WHEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

export class ReturnService {
  constructor(private readonly d: ReturnServiceDeps) {}

  private now = () => this.d.ports.clock.now();
  private today = () => londonDate(this.now());

  private cycleView(cycle: CycleRecord): ReturnCycle {
    return { ...cycle.dates, status: cycleStatusOn(cycle.dates, this.today()), template: cycle.template };
  }

  private async load(actor: Actor, reference: string): Promise<Loaded> {
    const record = await this.d.repo.byReference(reference);
    if (!record || !seesReturn(actor, record)) throw NOT_SEEN(reference);
    return this.loaded(record);
  }

  private async loaded(record: ReturnRecord): Promise<Loaded> {
    const cycle = await this.d.repo.cycle(record.cycleId);
    if (!cycle) throw new Error(`Return ${record.id} names a cycle that does not exist.`);
    const partners = await this.d.directory.partners();
    const partner = partners.get(record.partnerId) ?? {
      id: record.partnerId,
      name: record.partnerId,
      sector: 'voluntary' as const,
      owesQuarterlyReturns: false,
    };
    const template = await this.d.templates.get(record.state.template);
    return {
      record,
      cycle,
      partner,
      template,
      facts: {
        partnerId: record.partnerId,
        state: record.state,
        cycleStatus: cycleStatusOn(cycle.dates, this.today()),
        closesOn: cycle.dates.closesOn,
        opensOn: cycle.dates.opensOn,
      },
    };
  }

  private late(record: ReturnRecord): boolean {
    const submittedOn = record.state.submittedAt?.slice(0, 10);
    if (submittedOn && !isOutstanding(record.state.status)) return submittedOn > record.dueOn;
    return this.today() > record.dueOn;
  }

  view(actor: Actor, l: Loaded): ReturnView {
    const { record, partner, template } = l;
    const s = record.state;
    const content = seesContent(actor, l.facts);
    return {
      reference: record.reference,
      etag: returnEtag(record),
      revision: s.revision,
      cycle: this.cycleView(l.cycle),
      partner: { id: partner.id, name: partner.name, sector: partner.sector },
      status: s.status,
      statusLabel: RETURN_STATUS_LABELS[s.status],
      template,
      applicableSections: sectionsFor(template, partner.sector).map((x) => ({ key: x.key, label: x.label })),
      ...(content ? { content: s.content, totals: returnTotals(s.content) } : {}),
      dueOn: record.dueOn,
      late: this.late(record),
      ...(s.submittedAt ? { submittedAt: s.submittedAt } : {}),
      ...(s.submittedBy ? { submittedBy: s.submittedBy } : {}),
      approvals: s.approvals.map((a) => ({
        by: a.by,
        partnerName: a.partnerName,
        at: a.at,
        ...(a.comments ? { comments: a.comments } : {}),
      })),
      approvalRule: this.d.rule,
      approvalRuleText: describeApprovalRule(this.d.rule),
      ...(s.sentBack ? { sentBack: s.sentBack } : {}),
      ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
      ...(s.updatedBy ? { updatedBy: s.updatedBy } : {}),
      history: s.history,
      can: permissions(actor, l.facts, this.d.rule, partner.name),
    };
  }

  summary(actor: Actor, l: Loaded): ReturnSummary {
    const { record, partner } = l;
    const s = record.state;
    const approvedAt = s.status === 'approved' ? s.approvals.at(-1)?.at : undefined;
    const rag =
      seesContent(actor, l.facts) && s.submittedAt
        ? Object.fromEntries(s.content.sections.flatMap((x) => (x.rag ? [[x.section, x.rag]] : [])))
        : undefined;
    return {
      reference: record.reference,
      etag: returnEtag(record),
      cycleId: record.cycleId,
      cycleLabel: l.cycle.dates.label,
      partner: { id: partner.id, name: partner.name, sector: partner.sector },
      status: s.status,
      statusLabel: RETURN_STATUS_LABELS[s.status],
      dueOn: record.dueOn,
      late: this.late(record),
      ...(s.submittedAt ? { submittedAt: s.submittedAt } : {}),
      ...(approvedAt ? { approvedAt } : {}),
      ...(s.notices.lastChasedAt ? { lastChasedAt: s.notices.lastChasedAt } : {}),
      ...(rag ? { rag } : {}),
      can: permissions(actor, l.facts, this.d.rule, partner.name),
    };
  }

  async read(actor: Actor, reference: string): Promise<ReturnView> {
    this.d.authorisation.require(actor, 'return.read');
    return this.view(actor, await this.load(actor, reference));
  }

  /** A refusal to change a return is recorded, like a change (who, which return, no content). */
  private async refused(actor: Actor, reference: string, action: string) {
    await this.d.audit.append({
      eventKey: randomUUID(),
      at: this.now().toISOString(),
      actorId: actor.id,
      action: `${action}.refused`,
      target: `${ReturnLists.returns}/${reference}`,
      digest: digestOf({ reference }),
    });
  }

  /** Who changed what since the revision the caller saw: for a 409 a person can act on. */
  private stale(record: ReturnRecord, seen: number | undefined): DomainError {
    const since = record.state.history.filter((h) => seen === undefined || h.revision > seen);
    const who = (h: (typeof since)[number]) =>
      `${h.by?.displayName ?? 'the hub'} on ${WHEN.format(new Date(h.at))}`;
    const what = since.length
      ? since.map((h) => `${h.summary.charAt(0).toLowerCase()}${h.summary.slice(1)} (${who(h)})`).join('; ')
      : 'it was changed';
    // One error per part, naming the latest change to it.
    const latest = new Map(since.flatMap((h) => (h.changed ?? []).map((part) => [part, h] as const)));
    const fieldErrors = [...latest].map(([part, h]) => ({
      path: `content.${part}`,
      message: `Changed since you opened the return, by ${who(h)}.`,
    }));
    return new DomainError(
      'conflict',
      `This return has changed since you opened it: ${what}. Nothing you sent was saved, and what you typed is still in your form: reload the return to see the changes, then make yours again.`,
      {
        fieldErrors: [
          ...fieldErrors,
          {
            path: 'etag',
            message: `You had revision ${seen ?? 'unknown'}; it is now at revision ${record.state.revision}.`,
          },
        ],
      },
    );
  }

  /**
   * One change: load, authorise, check the caller's ETag against the revision, apply, write once. A lost race
   * on the item (the relay clearing events, a timer's notice) is tried again on the fresh item, where the ETag
   * and the rules are checked anew.
   */
  private async change(
    actor: Actor,
    reference: string,
    etag: string | undefined,
    action: string,
    authorise: (l: Loaded) => DomainError | undefined,
    apply: (l: Loaded) => flow.Transition | undefined,
  ): Promise<ReturnView> {
    if (!etag)
      throw needsCorrecting(
        [
          {
            path: 'etag',
            message: 'Send the ETag of the return as you last saw it (etag, or the If-Match header).',
          },
        ],
        'Say which version of the return you are changing, so that nobody’s changes are overwritten.',
      );
    for (let attempt = 0; ; attempt++) {
      let l: Loaded;
      try {
        l = await this.load(actor, reference);
        const refusal = authorise(l);
        if (refusal) throw refusal;
      } catch (e) {
        if (e instanceof DomainError && e.code === 'forbidden') await this.refused(actor, reference, action);
        throw e;
      }
      const seen = revisionOf(l.record.reference, etag);
      if (seen !== l.record.state.revision) throw this.stale(l.record, seen);
      const t = apply(l);
      if (!t) return this.view(actor, l);
      try {
        const saved = await this.d.repo.commit(l.record, t.state, [...l.record.pending, ...t.events]);
        this.d.kickRelay(saved.id);
        return this.view(actor, { ...l, record: saved, facts: { ...l.facts, state: saved.state } });
      } catch (e) {
        if (isStoreError(e, 'conflict') && attempt < 5) continue;
        if (isStoreError(e, 'conflict'))
          throw new DomainError(
            'conflict',
            'Someone else changed this return at the same moment. Reload it and try again.',
          );
        throw e;
      }
    }
  }

  private async acting(actor: Actor): Promise<flow.ActingPerson> {
    const partner = (await this.d.directory.partners()).get(actor.partnerId);
    return {
      id: actor.id,
      displayName: actor.displayName,
      partnerId: actor.partnerId,
      partnerName: partner?.name ?? actor.partnerId,
    };
  }

  private ctx(l: Loaded): flow.ChangeContext {
    return {
      reference: l.record.reference,
      partnerId: l.record.partnerId,
      partnerName: l.partner.name,
      cycleLabel: l.cycle.dates.label,
      dueOn: l.record.dueOn,
      now: this.now(),
    };
  }

  private writeCheck(actor: Actor, l: Loaded): DomainError | undefined {
    const refusal = writeRefusal(actor, l.facts, l.partner.name);
    if (!refusal) return undefined;
    return l.record.partnerId === actor.partnerId && actor.roles.includes('return-author')
      ? new DomainError('conflict', refusal)
      : forbidden(refusal);
  }

  private checked(l: Loaded, content: ReturnContent, forSubmission: boolean) {
    const problems = returnProblems(l.template, l.partner.sector, content, { forSubmission });
    if (problems.length)
      throw needsCorrecting(
        problems,
        forSubmission
          ? 'The return is not ready to submit: correct what is marked. Your draft is saved as it was.'
          : 'Some answers need correcting. Nothing was saved: what you typed is still in your form.',
      );
  }

  async saveDraft(actor: Actor, reference: string, body: SaveBody, ifMatch?: string): Promise<ReturnView> {
    this.d.authorisation.require(actor, 'return.write');
    const by = await this.acting(actor);
    return this.change(
      actor,
      reference,
      body.etag ?? ifMatch,
      'return.save',
      (l) => this.writeCheck(actor, l),
      (l) => {
        this.checked(l, body.content, false);
        return flow.saveDraft(l.record.state, body.content, by, this.ctx(l));
      },
    );
  }

  async submit(
    actor: Actor,
    reference: string,
    body: { content?: ReturnContent; etag?: string },
    ifMatch?: string,
  ): Promise<ReturnView> {
    this.d.authorisation.require(actor, 'return.write');
    const by = await this.acting(actor);
    return this.change(
      actor,
      reference,
      body.etag ?? ifMatch,
      'return.submit',
      (l) => this.writeCheck(actor, l),
      (l) => {
        const content = body.content ?? l.record.state.content;
        this.checked(l, content, true);
        return flow.submit(l.record.state, content, by, this.ctx(l), this.d.rule);
      },
    );
  }

  private approveCheck(actor: Actor, l: Loaded): DomainError | undefined {
    const refusal = approveRefusal(actor, l.facts, this.d.rule, l.partner.name);
    if (!refusal) return undefined;
    // Who they are (role, agency) is a refusal; the return's state is a conflict a reload explains.
    const personal =
      !actor.roles.some((r) => (this.d.rule.approverRoles as string[]).includes(r)) ||
      actor.partnerId === l.record.partnerId;
    return personal ? forbidden(refusal) : new DomainError('conflict', refusal);
  }

  async approve(
    actor: Actor,
    reference: string,
    body: { etag?: string; comments?: string },
    ifMatch?: string,
  ): Promise<ReturnView> {
    this.d.authorisation.require(actor, 'return.approve');
    const by = await this.acting(actor);
    return this.change(
      actor,
      reference,
      body.etag ?? ifMatch,
      'return.approve',
      (l) => this.approveCheck(actor, l),
      (l) => flow.approve(l.record.state, by, this.ctx(l), this.d.rule, body.comments),
    );
  }

  async sendBack(
    actor: Actor,
    reference: string,
    body: { etag?: string; comments: string },
    ifMatch?: string,
  ): Promise<ReturnView> {
    this.d.authorisation.require(actor, 'return.approve');
    const by = await this.acting(actor);
    return this.change(
      actor,
      reference,
      body.etag ?? ifMatch,
      'return.send-back',
      (l) => this.approveCheck(actor, l),
      (l) => flow.sendBack(l.record.state, by, this.ctx(l), body.comments),
    );
  }

  /** Each return approved (or refused) on its own, with its own checks and audit entry: a result per return. */
  async bulkApprove(actor: Actor, body: BulkApproveRequest): Promise<BulkApproveResponse> {
    this.d.authorisation.require(actor, 'return.approve');
    const results: BulkApproveResponse['results'] = [];
    const seen = new Set<string>();
    for (const item of body.items) {
      if (seen.has(item.reference)) {
        results.push({
          reference: item.reference,
          outcome: 'refused',
          message: 'This return is in the list twice: approved once.',
        });
        continue;
      }
      seen.add(item.reference);
      try {
        const view = await this.approve(actor, item.reference, {
          etag: item.etag,
          ...(body.comments ? { comments: body.comments } : {}),
        });
        const l = await this.load(actor, item.reference);
        results.push({
          reference: item.reference,
          outcome: view.status === 'approved' ? 'approved' : 'approval-recorded',
          return: this.summary(actor, l),
        });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const current = await this.load(actor, item.reference).catch(() => undefined);
        results.push({
          reference: item.reference,
          outcome: e.code === 'conflict' ? 'conflict' : 'refused',
          message: e.message,
          ...(current ? { return: this.summary(actor, current) } : {}),
        });
      }
    }
    return {
      results,
      approved: results.filter((r) => r.outcome === 'approved' || r.outcome === 'approval-recorded').length,
      refused: results.filter((r) => r.outcome === 'refused' || r.outcome === 'conflict').length,
    };
  }

  async myReturns(actor: Actor): Promise<MyReturnsResponse> {
    this.d.authorisation.require(actor, 'my-returns.read');
    const toWrite: ReturnSummary[] = [];
    const toApprove: ReturnSummary[] = [];
    if (actor.roles.includes('return-author'))
      for (const r of await this.d.repo.ofPartner(actor.partnerId))
        toWrite.push(this.summary(actor, await this.loaded(r)));
    if (actor.roles.some((r) => (this.d.rule.approverRoles as string[]).includes(r)))
      for (const r of await this.d.repo.withStatus('submitted')) {
        const l = await this.loaded(r);
        if (!approveRefusal(actor, l.facts, this.d.rule, l.partner.name))
          toApprove.push(this.summary(actor, l));
      }
    const newestFirst = (a: ReturnSummary, b: ReturnSummary) =>
      a.cycleId < b.cycleId ? 1 : a.cycleId > b.cycleId ? -1 : 0;
    return {
      toWrite: toWrite.sort(newestFirst),
      toApprove: toApprove.sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1)),
    };
  }

  async listCycles(actor: Actor): Promise<ReturnCyclesResponse> {
    this.d.authorisation.require(actor, 'return-cycles.read');
    const items: ReturnCyclesResponse['items'] = [];
    for (const cycle of await this.d.repo.cycles()) {
      const returns = await this.d.repo.ofCycle(cycle.dates.id, () => undefined);
      items.push({
        ...this.cycleView(cycle),
        expected: returns.length,
        submitted: returns.filter((r) => r.state.status === 'submitted' || r.state.status === 'approved')
          .length,
        approved: returns.filter((r) => r.state.status === 'approved').length,
      });
    }
    return { items };
  }

  private async cycleOrRefuse(cycleId: string): Promise<CycleRecord> {
    const cycle = await this.d.repo.cycle(cycleId);
    if (!cycle)
      throw new DomainError(
        'not_found',
        `There is no return cycle ${cycleId}. The cycles that exist are listed in the Returns tab.`,
      );
    return cycle;
  }

  async overview(actor: Actor, cycleId: string): Promise<CycleOverview> {
    this.d.authorisation.require(actor, 'return-cycle.overview');
    const cycle = await this.cycleOrRefuse(cycleId);
    const returns: ReturnSummary[] = [];
    for (const r of await this.d.repo.ofCycle(cycleId, (item) => this.skipped(item.id)))
      returns.push(this.summary(actor, await this.loaded(r)));
    returns.sort((a, b) => a.partner.name.localeCompare(b.partner.name, 'en-GB'));
    const count = (s: string) => returns.filter((r) => r.status === s).length;
    const view = this.cycleView(cycle);
    return {
      cycle: view,
      approvalRuleText: describeApprovalRule(this.d.rule),
      returns,
      counts: {
        expected: returns.length,
        notStarted: count('not-started'),
        draft: count('draft'),
        submitted: count('submitted'),
        approved: count('approved'),
        sentBack: count('sent-back'),
        late: returns.filter((r) => r.late).length,
      },
      canChase: this.d.authorisation.mayAttempt(actor, 'return-cycle.chase') && view.status === 'open',
    };
  }

  private skipped(id: number) {
    this.d.ports.logger.warn('return skipped', { returnId: id });
  }

  /** The secretariat's "chase now": a chaser to each outstanding return's authors, once a day per return. */
  async chase(actor: Actor, cycleId: string, body: ChaseRequest): Promise<ChaseResponse> {
    this.d.authorisation.require(actor, 'return-cycle.chase');
    const cycle = await this.cycleOrRefuse(cycleId);
    if (cycleStatusOn(cycle.dates, this.today()) !== 'open')
      throw new DomainError('conflict', `${cycle.dates.label} is not open, so there is nothing to chase.`);
    const by = await this.acting(actor);
    const all = await this.d.repo.ofCycle(cycleId, (item) => this.skipped(item.id));
    const wanted = body.references ? new Set(body.references) : undefined;
    const unknown = [...(wanted ?? [])].filter((ref) => !all.some((r) => r.reference === ref));
    if (unknown.length)
      throw needsCorrecting(
        unknown.map((ref) => ({
          path: 'references',
          message: `${ref} is not a return of ${cycle.dates.label}.`,
        })),
      );
    const everyone = await this.d.directory.actors();
    const today = this.today();
    const results: ChaseResponse['results'] = [];
    for (const r of all) {
      if (wanted && !wanted.has(r.reference)) continue;
      const l = await this.loaded(r);
      const recipients = everyone.filter(
        (a) => a.partnerId === r.partnerId && a.roles.includes('return-author'),
      ).length;
      const result = { reference: r.reference, partnerName: l.partner.name, recipients };
      if (!isOutstanding(r.state.status)) {
        if (wanted)
          results.push({
            ...result,
            chased: false,
            message: `Not chased: it is ${RETURN_STATUS_LABELS[r.state.status].toLowerCase()}.`,
          });
        continue;
      }
      const chased = await this.chaseOne(l, by, today, body.message);
      results.push({
        ...result,
        chased,
        message: !chased
          ? 'Chased already today: one chaser a day.'
          : recipients === 0
            ? `Nobody holds the return author role at ${l.partner.name}: the chaser is listed as undelivered for the secretariat.`
            : `Chaser sent to ${recipients} return author${recipients === 1 ? '' : 's'}.`,
      });
    }
    return { results };
  }

  private async chaseOne(
    l: Loaded,
    by: flow.ActingPerson,
    today: string,
    message?: string,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = attempt === 0 ? l.record : await this.d.repo.byReference(l.record.reference);
      if (!record) return false;
      const t = flow.chase(record.state, by, this.ctx({ ...l, record }), today, message);
      if (!t) return false;
      try {
        const saved = await this.d.repo.commit(record, t.state, [...record.pending, ...t.events]);
        this.d.kickRelay(saved.id);
        return true;
      } catch (e) {
        if (!isStoreError(e, 'conflict')) throw e;
      }
    }
    throw new DomainError('conflict', 'The return kept changing while it was chased. Try again in a moment.');
  }

  private async cycleData(cycle: CycleRecord) {
    return {
      cycle,
      template: await this.d.templates.get(cycle.template),
      returns: await this.d.repo.ofCycle(cycle.dates.id, (item) => this.skipped(item.id)),
    };
  }

  async collation(actor: Actor, cycleId: string): Promise<CollationView> {
    this.d.authorisation.require(actor, 'return-collation.read');
    const cycle = await this.cycleOrRefuse(cycleId);
    const previous = await this.d.repo.cycle(previousCycleId(cycleId));
    return collate(
      await this.cycleData(cycle),
      previous ? await this.cycleData(previous) : undefined,
      await this.d.directory.partners(),
      this.today(),
      this.now().toISOString(),
    );
  }

  async exportWorkbook(actor: Actor, cycleId: string): Promise<ExportFile> {
    const view = await this.collation(actor, cycleId);
    return { contentType: 'xlsx', fileName: exportFileName(view, 'xlsx'), data: await workbookFor(view) };
  }

  async exportCsv(actor: Actor, cycleId: string, csvView: CollationCsvView): Promise<ExportFile> {
    const view = await this.collation(actor, cycleId);
    return {
      contentType: 'csv',
      fileName: exportFileName(view, 'csv', csvView),
      data: Buffer.from(csvFor(view, csvView), 'utf8'),
    };
  }
}
