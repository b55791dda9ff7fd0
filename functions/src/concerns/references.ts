/** Reference numbers PRV-<year>-<n>, from the kernel's unique counter for that year: no two concerns share one. */
import type { Store } from '../ports/store';
import { Counters } from '../kernel/store/counters';

export async function allocateReference(store: Store, year: number): Promise<string> {
  const n = await new Counters(store).next(`concern-reference-${year}`);
  return `PRV-${year}-${String(n).padStart(4, '0')}`;
}
