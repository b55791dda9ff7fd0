/** The Returns tab: one return (`?ref=RTN-…`), or the front page (`?cycle=` picks the cycle at a glance). */
import { ReturnReferenceSchema } from '@pph/contract';
import { useLocation } from '../app/router';
import { Problem } from '../components/Status';
import { ReturnPage } from '../returns/ReturnPage';
import { ReturnsHome } from '../returns/ReturnsHome';
import { useStrings } from '../strings';

export default function ReturnsPage() {
  const t = useStrings();
  const { query } = useLocation();
  const ref = query.get('ref');
  if (ref === null) return <ReturnsHome cycle={query.get('cycle')} />;
  const parsed = ReturnReferenceSchema.safeParse(ref.toUpperCase());
  if (!parsed.success) return <Problem>{t.returns.badRef}</Problem>;
  return <ReturnPage key={parsed.data} reference={parsed.data} />;
}
