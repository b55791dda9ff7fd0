/** People and partner agencies: who a principal is, and who holds a role in which agency. */
import { PartnerSchema, PersonSchema, RoleSchema, type Partner, type Person } from '../../contract';
import type { Principal } from '../../ports/identity';
import { Lists } from '../../ports/lists';
import type { Item, Store } from '../../ports/store';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { allItems, firstWhere, str } from './paging';

const toPartner = (item: Item): Partner =>
  PartnerSchema.parse({
    id: str(item, 'PartnerId'),
    name: str(item, 'Name'),
    sector: str(item, 'Sector'),
    owesQuarterlyReturns: item.fields.OwesReturns === true,
  });

const toPerson = (item: Item): Person =>
  PersonSchema.parse({
    id: str(item, 'PersonId'),
    displayName: str(item, 'DisplayName'),
    email: str(item, 'Email'),
    ...(typeof item.fields.JobTitle === 'string' ? { jobTitle: item.fields.JobTitle } : {}),
    partnerId: str(item, 'PartnerId'),
    roles: str(item, 'Roles')
      .split(';')
      .filter(Boolean)
      .map((r) => RoleSchema.parse(r)),
  });

export class Directory {
  private partnerCache?: { at: number; partners: Map<string, Partner> };

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  async partners(): Promise<Map<string, Partner>> {
    // Agencies change rarely; a minute's cache spares a list read on every request.
    if (!this.partnerCache || this.now() - this.partnerCache.at > 60_000) {
      const partners = new Map<string, Partner>();
      for await (const item of allItems(this.store, Lists.partners, { top: 500 })) {
        const p = toPartner(item);
        partners.set(p.id, p);
      }
      this.partnerCache = { at: this.now(), partners };
    }
    return this.partnerCache.partners;
  }

  async person(id: string): Promise<Person | undefined> {
    const item = await firstWhere(this.store, Lists.people, 'PersonId', id);
    return item ? toPerson(item) : undefined;
  }

  async people(): Promise<Person[]> {
    const out: Person[] = [];
    for await (const item of allItems(this.store, Lists.people, { top: 1000 })) out.push(toPerson(item));
    return out;
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
    const person = await this.person(principal.userId);
    if (!person) {
      throw new DomainError(
        'forbidden',
        'You are signed in but not registered with the Prevent hub. Ask the hub administrator to add you.',
      );
    }
    return this.actorFor(person);
  }

  async upsertPartner(p: Partner): Promise<void> {
    const existing = await firstWhere(this.store, Lists.partners, 'PartnerId', p.id);
    const fields = { PartnerId: p.id, Name: p.name, Sector: p.sector, OwesReturns: p.owesQuarterlyReturns };
    if (existing) await this.store.update(Lists.partners, existing.id, existing.etag, fields);
    else await this.store.create(Lists.partners, fields);
    this.partnerCache = undefined;
  }

  async upsertPerson(p: Person): Promise<void> {
    const existing = await firstWhere(this.store, Lists.people, 'PersonId', p.id);
    const fields = {
      PersonId: p.id,
      DisplayName: p.displayName,
      Email: p.email,
      JobTitle: p.jobTitle ?? null,
      PartnerId: p.partnerId,
      Roles: p.roles.join(';'),
    };
    if (existing) await this.store.update(Lists.people, existing.id, existing.etag, fields);
    else await this.store.create(Lists.people, fields);
  }
}
