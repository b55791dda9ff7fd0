/** A return's content to read (a board member reviewing it, its author once submitted): tables and words. */
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { RAG_LABELS, type Rag, type ReturnContent, type ReturnTemplate } from '@pph/contract';
import { Facts } from '../components/Facts';
import { useShared } from '../components/shared-styles';
import { formatNumber, useStrings } from '../strings';
import type { Section } from './form-state';

const useStyles = makeStyles({
  box: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  prose: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

const RAG_COLOUR: Record<Rag, 'danger' | 'warning' | 'success'> = {
  red: 'danger',
  amber: 'warning',
  green: 'success',
};

/** RAG as a word, never by colour alone. */
export function RagBadge({ rag }: { rag: Rag }) {
  return (
    <Badge appearance="filled" color={RAG_COLOUR[rag]}>
      {RAG_LABELS[rag]}
    </Badge>
  );
}

export function ReturnContentView({
  template,
  sections,
  content,
}: {
  template: ReturnTemplate;
  sections: Section[];
  content: ReturnContent;
}) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  const styles = useStyles();
  const n = (v: number | undefined) => (v === undefined ? r.noFigure : formatNumber(t, v));
  const groups = new Map(template.staffGroups.map((g) => [g.key, g.label]));
  const progress = new Map(content.sections.map((s) => [s.section, s]));
  return (
    <>
      <section className={shared.section} aria-labelledby="training-heading">
        <h2 id="training-heading" className={shared.h2}>
          {r.training.heading}
        </h2>
        <div className={shared.scroller} role="region" aria-labelledby="training-heading" tabIndex={0}>
          <table className={shared.table}>
            <thead>
              <tr>
                <th scope="col" className={shared.cell}>
                  {r.training.group}
                </th>
                {template.trainingLevels.map((l) => (
                  <th key={l.key} scope="col" className={`${shared.cell} ${shared.number}`}>
                    {l.label}
                  </th>
                ))}
                <th scope="col" className={`${shared.cell} ${shared.number}`}>
                  {r.training.total}
                </th>
                <th scope="col" className={`${shared.cell} ${shared.number}`}>
                  {r.training.inScope}
                </th>
                <th scope="col" className={`${shared.cell} ${shared.number}`}>
                  {r.training.trainedToDate}
                </th>
              </tr>
            </thead>
            <tbody>
              {content.training.map((row) => (
                <tr key={row.staffGroup}>
                  <th scope="row" className={shared.cell}>
                    {groups.get(row.staffGroup) ?? row.staffGroup}
                  </th>
                  {template.trainingLevels.map((l) => (
                    <td key={l.key} className={`${shared.cell} ${shared.number}`}>
                      {n(row.counts[l.key])}
                    </td>
                  ))}
                  <td className={`${shared.cell} ${shared.number}`}>{n(row.total)}</td>
                  <td className={`${shared.cell} ${shared.number}`}>{n(row.staffInScope)}</td>
                  <td className={`${shared.cell} ${shared.number}`}>{n(row.trainedToDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Text>{`${r.training.total}: ${n(content.trainingTotal)}`}</Text>
      </section>

      <section className={shared.section} aria-labelledby="referrals-heading">
        <h2 id="referrals-heading" className={shared.h2}>
          {r.referrals.heading}
        </h2>
        <Facts
          facts={[
            ...template.ageBands.map((b) => ({
              label: b.label,
              value: n(content.referrals.byAgeBand[b.key]),
            })),
            { label: r.training.total, value: n(content.referrals.total) },
          ]}
        />
      </section>

      <section className={shared.section} aria-labelledby="sections-heading">
        <h2 id="sections-heading" className={shared.h2}>
          {r.sections.heading}
        </h2>
        {sections.map((s) => {
          const p = progress.get(s.key);
          return (
            <div key={s.key} className={styles.box}>
              <h3 className={shared.h3}>{s.label}</h3>
              {p?.rag ? (
                <div>
                  <RagBadge rag={p.rag} />
                </div>
              ) : (
                <Text>{r.noFigure}</Text>
              )}
              {p?.narrative ? (
                <p className={styles.prose} dir="auto">
                  {p.narrative}
                </p>
              ) : null}
              {p?.actions.length ? (
                <ul className={styles.list}>
                  {p.actions.map((a, i) => (
                    <li key={i} dir="auto">
                      {a}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          );
        })}
      </section>

      <section className={shared.section} aria-labelledby="risks-heading">
        <h2 id="risks-heading" className={shared.h2}>
          {r.risks.heading}
        </h2>
        {content.risks.length === 0 ? <Text>{r.risks.none}</Text> : null}
        {content.risks.map((risk, i) => (
          <div key={i} className={styles.box}>
            <h3 className={shared.h3}>{`${r.risks.item(i + 1)}: ${r.risks.kinds[risk.kind]}`}</h3>
            <p className={styles.prose} dir="auto">
              {risk.description}
            </p>
            {risk.mitigation ? (
              <p className={styles.prose} dir="auto">
                {risk.mitigation}
              </p>
            ) : null}
          </div>
        ))}
      </section>

      {content.goodPractice || content.priorities ? (
        <section className={shared.section}>
          <Facts
            facts={[
              ...(content.goodPractice ? [{ label: r.goodPracticeTitle, value: content.goodPractice }] : []),
              ...(content.priorities ? [{ label: r.prioritiesTitle, value: content.priorities }] : []),
            ]}
          />
        </section>
      ) : null}
    </>
  );
}
