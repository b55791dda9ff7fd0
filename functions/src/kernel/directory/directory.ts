/** People and partner agencies: who a principal is, and who holds a role in which agency. */
import type { ZodError } from 'zod';
import { PartnerSchema, PersonSchema, type Partner, type Person } from '@pph/contract';
import type { Principal } from '../../ports/identity';
import { KernelLists } from '../lists';
import type { Logger } from '../../ports/logger';
import type { Item, Store } from '../../ports/store';
import type { Actor } from '../auth/actor';
import { DomainError, notFound } from '../errors';
import { allItems, firstWhere } from '../store/paging';

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const text = (item: Item, column: string): string | undefined => {
  const v = item.fields[column];
  return typeof v === 'string' ? v : undefined;
};

/** A code for what is wrong with a row: schema paths and zod issue codes only, never the values. */
const problemOf = (e: ZodError): string =>
  [...new Set(e.issues.map((i) => `${i.path.map(String).join('.') || '(row)'}:${i.code}`))].join(',');

const parsed = <T>(r: { success: true; data: T } | { success: false; error: ZodError }): Parsed<T> =>
  r.success ? { ok: true, value: r.data } : { ok: false, problem: problemOf(r.error) };

const parsePartner = (item: Item): Parsed<Partner> =>
  parsed(
    PartnerSchema.safeParse({
      id: text(item, 'PartnerId'),
      name: text(item, 'Name'),
      sector: text(item, 'Sector'),
      owesQuarterlyReturns: item.fields.OwesReturns === true,
    }),
  );

const parsePerson = (item: Item): Parsed<Person> =>
  parsed(
    PersonSchema.safeParse({
      id: text(item, 'PersonId'),
      displayName: text(item, 'DisplayName'),
      email: text(item, 'Email'),
      ...(typeof item.fields.JobTitle === 'string' ? { jobTitle: item.fields.JobTitle } : {}),
      partnerId: text(item, 'PartnerId'),
      roles: (text(item, 'Roles') ?? '').split(';').filter(Boolean),
    }),
  );

/**
 * A row an administrator mistyped (a role the hub does not know, a missing e-mail) is skipped, not fatal: one
 * bad row must not stop notifications for everyone. It is logged by list item id and problem code (no personal
 * data), once per version of the row.
 */
export class Directory {
  private partnerCache?: { at: number; partners: Map<string, Partner> };
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  private usable<T>(list: string, item: Item, result: Parsed<T>): T | undefined {
    if (result.ok) return result.value;
    const seen = `${list}/${item.id}/${item.etag}`;
    if (!this.reported.has(seen)) {
      this.reported.add(seen);
      this.logger.warn('directory row skipped', { list, itemId: item.id, problem: result.problem });
    }
    return undefined;
  }

  async partners(): Promise<Map<string, Partner>> {
    // Agencies change rarely; a minute's cache spares a list read on every request.
    if (!this.partnerCache || this.now() - this.partnerCache.at > 60_000) {
      const partners = new Map<string, Partner>();
      for await (const item of allItems(this.store, KernelLists.partners, { top: 500 })) {
        const p = this.usable(KernelLists.partners, item, parsePartner(item));
        if (p) partners.set(p.id, p);
      }
      this.partnerCache = { at: this.now(), partners };
    }
    return this.partnerCache.partners;
  }

  /** The person with this id; undefined if nobody is registered or their row cannot be read (logged). */
  async person(id: string): Promise<Person | undefined> {
    const item = await firstWhere(this.store, KernelLists.people, 'PersonId', id);
    return item ? this.usable(KernelLists.people, item, parsePerson(item)) : undefined;
  }

  /** The signed-in person and their agency, as they see themselves. */
  async me(actor: Actor): Promise<{ person: Person; partner: Partner }> {
    const person = await this.person(actor.id);
    const partner = (await this.partners()).get(actor.partnerId);
    // resolve() made the actor from these very rows; missing now means they were removed a moment ago.
    if (!person || !partner)
      throw notFound('You are no longer registered in the hub. Ask the hub administrator.');
    return { person, partner };
  }

  /** Everyone whose row can be read; rows that cannot are skipped (and logged). */
  async people(): Promise<Person[]> {
    const out: Person[] = [];
    for await (const item of allItems(this.store, KernelLists.people, { top: 1000 })) {
      const p = this.usable(KernelLists.people, item, parsePerson(item));
      if (p) out.push(p);
    }
    return out;
  }

  /**
   * Everyone who can act: readable rows whose agency is set up. A row naming an agency the hub does not know
   * is skipped and logged like an unreadable one, so it cannot stop notifications to everyone else.
   */
  async actors(): Promise<Actor[]> {
    const partners = await this.partners();
    const out: Actor[] = [];
    for await (const item of allItems(this.store, KernelLists.people, { top: 1000 })) {
      const p = this.usable(KernelLists.people, item, parsePerson(item));
      if (!p) continue;
      if (!partners.has(p.partnerId)) {
        this.usable(KernelLists.people, item, { ok: false, problem: 'partnerId:unknown_partner' });
        continue;
      }
      out.push(await this.actorFor(p));
    }
    return out;
  }

  /** Every registered person id, including those whose row cannot be read (so sign-in can explain why). */
  /** Whether anyone is registered under this id, readable row or not (one indexed look-up). */
  async isRegistered(id: string): Promise<boolean> {
    return (await firstWhere(this.store, KernelLists.people, 'PersonId', id)) !== undefined;
  }

  async actorFor(person: Person): Promise<Actor> {
    const partner = (await this.partners()).get(person.partnerId);
    if (!partner)
      throw new DomainError(
        'forbidden',
        'Your partner agency is not set up in the hub. Ask the hub administrator.',
      );
    return {
      id: person.id,
      displayName: person.displayName,
      partnerId: partner.id,
      partnerSector: partner.sector,
      roles: person.roles,
    };
  }

  /** The actor for a verified principal; someone signed in but not registered is refused. */
  async resolve(principal: Principal): Promise<Actor> {
    const item = await firstWhere(this.store, KernelLists.people, 'PersonId', principal.userId);
    if (!item) {
      throw new DomainError(
        'forbidden',
        'You are signed in but not registered with the Prevent hub. Ask the hub administrator to add you.',
      );
    }
    const person = this.usable(KernelLists.people, item, parsePerson(item));
    if (!person) {
      throw new DomainError(
        'forbidden',
        "Your entry in the Prevent hub's list of people has a mistake in it (for example a role the hub does not know), so the hub cannot tell what you may do. Ask the hub administrator to correct it.",
      );
    }
    return this.actorFor(person);
  }

  async upsertPartner(p: Partner): Promise<void> {
    const existing = await firstWhere(this.store, KernelLists.partners, 'PartnerId', p.id);
    const fields = { PartnerId: p.id, Name: p.name, Sector: p.sector, OwesReturns: p.owesQuarterlyReturns };
    if (existing) await this.store.update(KernelLists.partners, existing.id, existing.etag, fields);
    else await this.store.create(KernelLists.partners, fields);
    this.partnerCache = undefined;
  }

  async upsertPerson(p: Person): Promise<void> {
    const existing = await firstWhere(this.store, KernelLists.people, 'PersonId', p.id);
    const fields = {
      PersonId: p.id,
      DisplayName: p.displayName,
      Email: p.email,
      JobTitle: p.jobTitle ?? null,
      PartnerId: p.partnerId,
      Roles: p.roles.join(';'),
    };
    if (existing) await this.store.update(KernelLists.people, existing.id, existing.etag, fields);
    else await this.store.create(KernelLists.people, fields);
  }
}
