/** A page's one h1: a block of its own (Fluent's Title2 is inline text), spaced like the rest of Teams. */
import { Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  heading: { display: 'block', margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalS}` },
});

export function PageHeading({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Title2 as="h1" className={styles.heading}>
      {children}
    </Title2>
  );
}
