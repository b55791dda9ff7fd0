/**
 * Return templates as versioned data in the ReturnTemplates list. Publishing checks the template (unknown fields
 * refused, by name); a published version never changes, so every return reads the template it started on.
 */
import { ReturnTemplateSchema, type ReturnTemplate, type ReturnTemplateRef } from '@pph/contract';
import { DomainError } from '../kernel/errors';
import { zodFieldErrors } from './field-errors';
import { isStoreError, type Store } from '../ports/store';
import { firstWhere, str } from '../kernel/store/paging';
import { ReturnLists } from './lists';

const keyOf = (ref: ReturnTemplateRef) => `${ref.id}@${ref.version}`;

export class TemplateRepository {
  private readonly cache = new Map<string, ReturnTemplate>();

  constructor(private readonly store: Store) {}

  /** Publishes a version (idempotent for the same definition; a different one under a published version is refused). */
  async publish(input: unknown): Promise<ReturnTemplate> {
    const parsed = ReturnTemplateSchema.safeParse(input);
    if (!parsed.success)
      throw new DomainError(
        'validation_failed',
        'The return template needs correcting before it is published.',
        {
          fieldErrors: zodFieldErrors(parsed.error),
        },
      );
    const template = parsed.data;
    const existing = await this.find(template);
    if (existing) {
      if (JSON.stringify(existing) !== JSON.stringify(template))
        throw new DomainError(
          'conflict',
          `Version ${template.version} of ${template.id} is published already and never changes: publish the change as version ${template.version + 1}.`,
        );
      return existing;
    }
    try {
      await this.store.create(ReturnLists.templates, {
        TemplateKey: keyOf(template),
        TemplateId: template.id,
        Version: template.version,
        Definition: JSON.stringify(template),
      });
    } catch (e) {
      if (!isStoreError(e, 'unique')) throw e;
      return this.publish(input); // published at the same moment elsewhere: compare with that one
    }
    this.cache.set(keyOf(template), template);
    return template;
  }

  private async find(ref: ReturnTemplateRef): Promise<ReturnTemplate | undefined> {
    const cached = this.cache.get(keyOf(ref));
    if (cached) return cached;
    const item = await firstWhere(this.store, ReturnLists.templates, 'TemplateKey', keyOf(ref));
    if (!item) return undefined;
    const template = ReturnTemplateSchema.parse(JSON.parse(str(item, 'Definition')));
    this.cache.set(keyOf(ref), template);
    return template;
  }

  async get(ref: ReturnTemplateRef): Promise<ReturnTemplate> {
    const t = await this.find(ref);
    if (!t) throw new Error(`Return template ${keyOf(ref)} is not published.`);
    return t;
  }
}
