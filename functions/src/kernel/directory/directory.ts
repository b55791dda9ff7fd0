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
 * How long one read of the People and Partners lists answers for the whole hub before it is read again. The
 * lists are kept by an administrator (in SharePoint, often by hand, so this process sees no write): 30 seconds
 * after a person is removed, loses a role or moves agency, no instance authorises them on the old row. That is
 * far inside the hour a signed-in person's token stays valid, and no removal is acted on faster by people.
 * Changes made through this directory (upsertPerson, upsertPartner) apply at once in this process. Someone who
 * is not in the last read is looked up directly, so a newly added person need not wait.
 */
export const DIRECTORY_TTL_MS = 30_000;

/** A registered id as last read: their row, and what it gives if it can be read and its agency is set up. */
interface Entry {
  item: Item;
  person?: Person;
  actor?: Actor;
}

interface Snapshot {
  /** When its read began (what it knows is at least this old). */
  at: number;
  partners: Map<string, Partner>;
  /** By id as the store compares ids (ASCII case folded), so a look-up matches what an indexed query would. */
  entries: Map<string, Entry>;
  people: Person[];
  actors: Actor[];
}

/** How the store compares text: ASCII letters without case (SharePoint's collation, and the SQLite adapter's). */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * A row an administrator mistyped (a role the hub does not know, a missing e-mail) is skipped, not fatal: one
 * bad row must not stop notifications for everyone. It is logged by list item id and problem code (no personal
 * data), once per version of the row. Every request resolves its actor here, so both lists are read once per
 * DIRECTORY_TTL_MS (one read at a time), not on every request.
 */
export class Directory {
  private snapshot?: Snapshot;
  private loading?: { generation: number; snapshot: Promise<Snapshot> };
  /** Moves on every change made here, so a read begun before it is never kept. */
  private generation = 0;
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

  /** The lists as last read, read again once DIRECTORY_TTL_MS old (a clock set back counts as old). */
  private current(): Promise<Snapshot> {
    const snap = this.snapshot;
    const age = snap ? this.now() - snap.at : -1;
    if (snap && age >= 0 && age <= DIRECTORY_TTL_MS) return Promise.resolve(snap);
    if (this.loading?.generation === this.generation) return this.loading.snapshot;
    const generation = this.generation;
    const snapshot = this.read().then(
      (s) => {
        if (this.generation === generation) this.snapshot = s;
        if (this.loading?.snapshot === snapshot) this.loading = undefined;
        return s;
      },
      (e: unknown) => {
        if (this.loading?.snapshot === snapshot) this.loading = undefined;
        throw e;
      },
    );
    this.loading = { generation, snapshot };
    return snapshot;
  }

  private async read(): Promise<Snapshot> {
    const at = this.now();
    const partners = new Map<string, Partner>();
    for await (const item of allItems(this.store, KernelLists.partners, { top: 500 })) {
      const p = this.usable(KernelLists.partners, item, parsePartner(item));
      if (p) partners.set(p.id, p);
    }
    const entries = new Map<string, Entry>();
    const people: Person[] = [];
    const actors: Actor[] = [];
    for await (const item of allItems(this.store, KernelLists.people, { top: 1000 })) {
      const id = text(item, 'PersonId');
      const person = this.usable(KernelLists.people, item, parsePerson(item));
      const partner = person && partners.get(person.partnerId);
      // A row naming an agency the hub does not know is skipped and logged like an unreadable one.
      if (person && !partner)
        this.usable(KernelLists.people, item, { ok: false, problem: 'partnerId:unknown_partner' });
      const actor = person && partner ? actorOf(person, partner) : undefined;
      if (id !== undefined)
        entries.set(fold(id), { item, ...(person ? { person } : {}), ...(actor ? { actor } : {}) });
      if (person) people.push(person);
      if (actor) actors.push(actor);
    }
    return { at, partners, entries, people, actors };
  }

  /** Forgets the last read: the next question reads both lists again. */
  private changed() {
    this.generation++;
    this.snapshot = undefined;
    this.loading = undefined;
  }

  async partners(): Promise<Map<string, Partner>> {
    return (await this.current()).partners;
  }

  /** Someone's row: from the last read, or looked up directly if they were not in it (added since). */
  private async entry(id: string): Promise<{ entry?: Entry; snapshot: Snapshot }> {
    const snapshot = await this.current();
    const known = snapshot.entries.get(fold(id));
    if (known) return { entry: known, snapshot };
    const item = await firstWhere(this.store, KernelLists.people, 'PersonId', id);
    if (!item) return { snapshot };
    const person = this.usable(KernelLists.people, item, parsePerson(item));
    const partner = person && snapshot.partners.get(person.partnerId);
    return {
      entry: {
        item,
        ...(person ? { person } : {}),
        ...(person && partner ? { actor: actorOf(person, partner) } : {}),
      },
      snapshot,
    };
  }

  /** The person with this id; undefined if nobody is registered or their row cannot be read (logged). */
  async person(id: string): Promise<Person | undefined> {
    return (await this.entry(id)).entry?.person;
  }

  /** The signed-in person and their agency, as they see themselves. */
  async me(actor: Actor): Promise<{ person: Person; partner: Partner }> {
    const { entry, snapshot } = await this.entry(actor.id);
    const partner = snapshot.partners.get(actor.partnerId);
    // resolve() made the actor from these very rows; missing now means they were removed a moment ago.
    if (!entry?.person || !partner)
      throw notFound('You are no longer registered in the hub. Ask the hub administrator.');
    return { person: entry.person, partner };
  }

  /** Everyone whose row can be read; rows that cannot are skipped (and logged). */
  async people(): Promise<Person[]> {
    return [...(await this.current()).people];
  }

  /**
   * Everyone who can act: readable rows whose agency is set up. A row naming an agency the hub does not know
   * is skipped and logged like an unreadable one, so it cannot stop notifications to everyone else.
   */
  async actors(): Promise<Actor[]> {
    return [...(await this.current()).actors];
  }

  /** Whether anyone is registered under this id, readable row or not. */
  async isRegistered(id: string): Promise<boolean> {
    return (await this.entry(id)).entry !== undefined;
  }

  async actorFor(person: Person): Promise<Actor> {
    const partner = (await this.partners()).get(person.partnerId);
    if (!partner) throw agencyNotSetUp();
    return actorOf(person, partner);
  }

  /** The actor for a verified principal; someone signed in but not registered is refused. */
  async resolve(principal: Principal): Promise<Actor> {
    const { entry } = await this.entry(principal.userId);
    if (!entry) {
      throw new DomainError(
        'forbidden',
        'You are signed in but not registered with the Prevent hub. Ask the hub administrator to add you.',
      );
    }
    if (!entry.person) {
      throw new DomainError(
        'forbidden',
        "Your entry in the Prevent hub's list of people has a mistake in it (for example a role the hub does not know), so the hub cannot tell what you may do. Ask the hub administrator to correct it.",
      );
    }
    if (!entry.actor) throw agencyNotSetUp();
    return entry.actor;
  }

  async upsertPartner(p: Partner): Promise<void> {
    const existing = await firstWhere(this.store, KernelLists.partners, 'PartnerId', p.id);
    const fields = { PartnerId: p.id, Name: p.name, Sector: p.sector, OwesReturns: p.owesQuarterlyReturns };
    try {
      if (existing) await this.store.update(KernelLists.partners, existing.id, existing.etag, fields);
      else await this.store.create(KernelLists.partners, fields);
    } finally {
      this.changed();
    }
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
    try {
      if (existing) await this.store.update(KernelLists.people, existing.id, existing.etag, fields);
      else await this.store.create(KernelLists.people, fields);
    } finally {
      // Also after a failed write: it may have reached the store before the failure did.
      this.changed();
    }
  }
}

const agencyNotSetUp = () =>
  new DomainError('forbidden', 'Your partner agency is not set up in the hub. Ask the hub administrator.');

/** Frozen: one actor is handed to every request of theirs until the lists are read again. */
const actorOf = (person: Person, partner: Partner): Actor =>
  Object.freeze({
    id: person.id,
    displayName: person.displayName,
    partnerId: partner.id,
    partnerSector: partner.sector,
    roles: Object.freeze([...person.roles]),
  });
