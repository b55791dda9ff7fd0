/** A due date in words, with "Overdue" as a word and not only a colour. */
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatDate, useStrings } from '../strings';

const useStyles = makeStyles({
  due: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export function Due({ dueOn, overdue }: { dueOn: string; overdue: boolean }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <span className={styles.due}>
      <Text>{t.dates.due(formatDate(t, dueOn))}</Text>
      {overdue ? (
        <Badge appearance="filled" color="danger">
          {t.dates.overdue}
        </Badge>
      ) : null}
    </span>
  );
}
