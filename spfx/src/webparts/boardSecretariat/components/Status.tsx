/** Loading, a problem with a way to try again, and a notice: how every view says what is happening. */
import * as React from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  type MessageBarIntent,
} from '@fluentui/react-components';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <Spinner size="small" label={label} />;
}

export function Problem({ children, onRetry }: { children: React.ReactNode; onRetry?: () => void }) {
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

export function Notice({
  children,
  intent = 'info',
}: {
  children: React.ReactNode;
  intent?: MessageBarIntent;
}) {
  return (
    <MessageBar intent={intent} role="status" layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
