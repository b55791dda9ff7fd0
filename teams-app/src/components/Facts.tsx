/** Label and value pairs as a description list (read as pairs by screen readers). */
import { Link, makeStyles, tokens } from '@fluentui/react-components';

export interface Fact {
  label: string;
  value: string;
  href?: string;
}

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

export function Facts({ facts }: { facts: Fact[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {facts.map((f, i) => (
        <div key={i} style={{ display: 'contents' }}>
          <dt className={styles.term}>{f.label}</dt>
          <dd className={styles.value} dir="auto">
            {f.href ? <Link href={f.href}>{f.value}</Link> : f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
