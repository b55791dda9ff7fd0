/** Progress and problems, shown the same way on every page. */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  loading: { padding: tokens.spacingVerticalXXL, display: 'flex', justifyContent: 'flex-start' },
});

/** A spinner with words, announced politely to screen readers. */
export function Loading({ label }: { label?: string }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <div className={styles.loading} role="status" aria-live="polite">
      <Spinner size="small" labelPosition="after" label={label ?? t.app.loading} />
    </div>
  );
}

export function Problem({
  title,
  children,
  onRetry,
}: {
  title?: string;
  children: ReactNode;
  onRetry?: () => void;
}) {
  const t = useStrings();
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {children}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{t.app.retry}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

export function Notice({
  intent = 'info',
  title,
  children,
}: {
  intent?: 'info' | 'success' | 'warning';
  title?: string;
  children: ReactNode;
}) {
  return (
    <MessageBar intent={intent} layout="multiline" role={intent === 'warning' ? 'alert' : 'status'}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
