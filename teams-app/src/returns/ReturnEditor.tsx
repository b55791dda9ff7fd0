/**
 * The return as its author fills it in: training by staff group and level, referrals by age band, the delivery
 * plan's sections (RAG in words, narrative, actions), risks and issues, good practice, priorities. Every box has a
 * label that states its limit, and its message (from the form's own check, the submission check or the hub) is
 * tied to it by Fluent's Field.
 */
import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { RAG_LABELS, ReturnLimits, type Rag, type ReturnTemplate } from '@pph/contract';
import { useShared } from '../components/shared-styles';
import { useStrings } from '../strings';
import { domId, field, newRiskId, typedSums, type ReturnForm, type Section } from './form-state';

const useStyles = makeStyles({
  countInput: { width: '6.5rem' },
  bands: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  box: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  ragGroup: { display: 'flex', flexWrap: 'wrap' },
  riskHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
});

const MAX = ReturnLimits.maxCount.toLocaleString('en-GB');
const RAGS: Rag[] = ['red', 'amber', 'green'];

export interface EditorProps {
  template: ReturnTemplate;
  sections: Section[];
  form: ReturnForm;
  onChange: (form: ReturnForm, changedField: string) => void;
  errors: Record<string, string>;
}

export function ReturnEditor({ template, sections, form, onChange, errors }: EditorProps) {
  const t = useStrings();
  const r = t.returns;
  const shared = useShared();
  const styles = useStyles();
  const sums = typedSums(template, form);
  const err = (id: string) => errors[id] || undefined;
  const set = (id: string, next: ReturnForm) => onChange(next, id);

  const countBox = (
    id: string,
    label: string,
    value: string,
    update: (v: string) => ReturnForm,
    hint?: string,
  ) => (
    <Field
      label={{ children: label, className: shared.visuallyHidden }}
      id={domId(id)}
      validationMessage={err(id)}
      {...(hint ? { hint } : {})}
    >
      <Input
        className={styles.countInput}
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(_, d) => set(id, update(d.value))}
      />
    </Field>
  );
  /** A label that shows its words and, for a screen reader or voice control, also names its section. */
  const within = (section: string, label: string) => (
    <>
      <span className={shared.visuallyHidden}>{`${section}: `}</span>
      {label}
    </>
  );
  const row = (group: string) => form.training[group]!;
  const withRow = (group: string, patch: Partial<ReturnForm['training'][string]>): ReturnForm => ({
    ...form,
    training: { ...form.training, [group]: { ...row(group), ...patch } },
  });

  return (
    <>
      <section className={shared.section} aria-labelledby="training-heading">
        <h2 id="training-heading" className={shared.h2}>
          {r.training.heading}
        </h2>
        <Text as="p" block id="training-intro">
          {r.training.intro(MAX)}
        </Text>
        <Text as="p" block>
          {r.training.completionHelp}
        </Text>
        <div className={shared.scroller} role="region" aria-labelledby="training-heading" tabIndex={0}>
          <table className={shared.table} aria-describedby="training-intro">
            <thead>
              <tr>
                <th scope="col" className={shared.cell}>
                  {r.training.group}
                </th>
                {template.trainingLevels.map((l) => (
                  <th key={l.key} scope="col" className={shared.cell} title={l.description}>
                    {l.label}
                  </th>
                ))}
                <th scope="col" className={shared.cell}>
                  {r.training.total}
                </th>
                <th scope="col" className={shared.cell}>
                  {r.training.inScope}
                </th>
                <th scope="col" className={shared.cell}>
                  {r.training.trainedToDate}
                </th>
              </tr>
            </thead>
            <tbody>
              {template.staffGroups.map((g) => (
                <tr key={g.key}>
                  <th scope="row" className={shared.cell}>
                    {g.label}
                  </th>
                  {template.trainingLevels.map((l) => (
                    <td key={l.key} className={shared.cell}>
                      {countBox(
                        field.count(g.key, l.key),
                        r.training.cell(g.label, l.label, MAX),
                        row(g.key).counts[l.key] ?? '',
                        (v) => withRow(g.key, { counts: { ...row(g.key).counts, [l.key]: v } }),
                      )}
                    </td>
                  ))}
                  <td className={shared.cell}>
                    {countBox(
                      field.rowTotal(g.key),
                      r.training.cell(g.label, r.training.total, MAX),
                      row(g.key).total,
                      (v) => withRow(g.key, { total: v }),
                      sums.rows[g.key] ? r.training.addsUp(sums.rows[g.key]!) : undefined,
                    )}
                  </td>
                  <td className={shared.cell}>
                    {countBox(
                      field.staffInScope(g.key),
                      r.training.cell(g.label, r.training.inScope, MAX),
                      row(g.key).staffInScope,
                      (v) => withRow(g.key, { staffInScope: v }),
                    )}
                  </td>
                  <td className={shared.cell}>
                    {countBox(
                      field.trainedToDate(g.key),
                      r.training.cell(g.label, r.training.trainedToDate, MAX),
                      row(g.key).trainedToDate,
                      (v) => withRow(g.key, { trainedToDate: v }),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Field
          label={r.training.grandTotal(MAX)}
          id={domId(field.trainingTotal)}
          validationMessage={err(field.trainingTotal)}
          hint={r.training.addsUp(sums.all)}
        >
          <Input
            className={styles.countInput}
            inputMode="numeric"
            autoComplete="off"
            value={form.trainingTotal}
            onChange={(_, d) => set(field.trainingTotal, { ...form, trainingTotal: d.value })}
          />
        </Field>
      </section>

      <section className={shared.section} aria-labelledby="referrals-heading">
        <h2 id="referrals-heading" className={shared.h2}>
          {r.referrals.heading}
        </h2>
        <Text as="p" block>
          {r.referrals.intro(MAX)}
        </Text>
        <div className={styles.bands}>
          {template.ageBands.map((b) => (
            <Field
              key={b.key}
              label={r.referrals.band(b.label, MAX)}
              id={domId(field.band(b.key))}
              validationMessage={err(field.band(b.key))}
            >
              <Input
                className={styles.countInput}
                inputMode="numeric"
                autoComplete="off"
                value={form.referrals.byAgeBand[b.key] ?? ''}
                onChange={(_, d) =>
                  set(field.band(b.key), {
                    ...form,
                    referrals: {
                      ...form.referrals,
                      byAgeBand: { ...form.referrals.byAgeBand, [b.key]: d.value },
                    },
                  })
                }
              />
            </Field>
          ))}
        </div>
        <Field
          label={r.referrals.total(MAX)}
          id={domId(field.referralsTotal)}
          validationMessage={err(field.referralsTotal)}
          hint={r.training.addsUp(sums.referrals)}
        >
          <Input
            className={styles.countInput}
            inputMode="numeric"
            autoComplete="off"
            value={form.referrals.total}
            onChange={(_, d) =>
              set(field.referralsTotal, { ...form, referrals: { ...form.referrals, total: d.value } })
            }
          />
        </Field>
      </section>

      <section className={shared.section} aria-labelledby="sections-heading">
        <h2 id="sections-heading" className={shared.h2}>
          {r.sections.heading}
        </h2>
        <Text as="p" block>
          {r.sections.intro}
        </Text>
        {sections.map((s) => {
          const f = form.sections[s.key] ?? { rag: '', narrative: '', actions: '' };
          const update = (patch: Partial<typeof f>, id: string) =>
            set(id, { ...form, sections: { ...form.sections, [s.key]: { ...f, ...patch } } });
          return (
            <div key={s.key} className={styles.box} role="group" aria-labelledby={`section-${s.key}`}>
              <h3 id={`section-${s.key}`} className={shared.h3}>
                {s.label}
              </h3>
              <Field
                label={within(s.label, r.sections.rag)}
                id={domId(field.rag(s.key))}
                validationMessage={err(field.rag(s.key))}
              >
                <RadioGroup
                  layout="horizontal"
                  className={styles.ragGroup}
                  value={f.rag}
                  onChange={(_, d) => update({ rag: d.value as Rag }, field.rag(s.key))}
                >
                  {RAGS.map((rag) => (
                    <Radio key={rag} value={rag} label={RAG_LABELS[rag]} />
                  ))}
                </RadioGroup>
              </Field>
              <Field
                label={within(
                  s.label,
                  r.sections.narrative(ReturnLimits.narrativeChars.toLocaleString('en-GB')),
                )}
                id={domId(field.narrative(s.key))}
                validationMessage={err(field.narrative(s.key))}
              >
                <Textarea
                  resize="vertical"
                  rows={3}
                  value={f.narrative}
                  onChange={(_, d) => update({ narrative: d.value }, field.narrative(s.key))}
                />
              </Field>
              <Field
                label={within(
                  s.label,
                  r.sections.actions(ReturnLimits.actionsPerSection, ReturnLimits.actionChars),
                )}
                id={domId(field.actions(s.key))}
                validationMessage={err(field.actions(s.key))}
              >
                <Textarea
                  resize="vertical"
                  rows={2}
                  value={f.actions}
                  onChange={(_, d) => update({ actions: d.value }, field.actions(s.key))}
                />
              </Field>
            </div>
          );
        })}
      </section>

      <section className={shared.section} aria-labelledby="risks-heading">
        <h2 id="risks-heading" className={shared.h2}>
          {r.risks.heading}
        </h2>
        {form.risks.length === 0 ? (
          <Text as="p" block>
            {r.risks.none}
          </Text>
        ) : null}
        {errors[field.risks] ? <Text role="alert">{errors[field.risks]}</Text> : null}
        {form.risks.map((risk, i) => {
          const update = (patch: Partial<typeof risk>, id: string) =>
            set(id, { ...form, risks: form.risks.map((x) => (x.id === risk.id ? { ...x, ...patch } : x)) });
          return (
            <div key={risk.id} className={styles.box} role="group" aria-labelledby={`risk-${risk.id}`}>
              <div className={styles.riskHead}>
                <h3 id={`risk-${risk.id}`} className={shared.h3}>
                  {r.risks.item(i + 1)}
                </h3>
                <Button
                  onClick={() =>
                    set(field.risks, { ...form, risks: form.risks.filter((x) => x.id !== risk.id) })
                  }
                >
                  {r.risks.remove(i + 1)}
                </Button>
              </div>
              <Field label={r.risks.kind}>
                <Select
                  value={risk.kind}
                  onChange={(_, d) =>
                    update({ kind: d.value === 'issue' ? 'issue' : 'risk' }, field.riskKind(risk.id))
                  }
                >
                  <option value="risk">{r.risks.kinds.risk}</option>
                  <option value="issue">{r.risks.kinds.issue}</option>
                </Select>
              </Field>
              <Field
                label={r.risks.description(ReturnLimits.riskChars.toLocaleString('en-GB'))}
                id={domId(field.riskDescription(risk.id))}
                validationMessage={err(field.riskDescription(risk.id))}
              >
                <Textarea
                  resize="vertical"
                  rows={2}
                  value={risk.description}
                  onChange={(_, d) => update({ description: d.value }, field.riskDescription(risk.id))}
                />
              </Field>
              <Field
                label={r.risks.mitigation(ReturnLimits.riskChars.toLocaleString('en-GB'))}
                id={domId(field.riskMitigation(risk.id))}
                validationMessage={err(field.riskMitigation(risk.id))}
              >
                <Textarea
                  resize="vertical"
                  rows={2}
                  value={risk.mitigation}
                  onChange={(_, d) => update({ mitigation: d.value }, field.riskMitigation(risk.id))}
                />
              </Field>
            </div>
          );
        })}
        {form.risks.length < ReturnLimits.risks ? (
          <div>
            <Button
              onClick={() =>
                set(field.risks, {
                  ...form,
                  risks: [...form.risks, { id: newRiskId(), kind: 'risk', description: '', mitigation: '' }],
                })
              }
            >
              {r.risks.add}
            </Button>
          </div>
        ) : null}
      </section>

      <div className={shared.section}>
        <Field
          label={r.goodPractice(ReturnLimits.narrativeChars.toLocaleString('en-GB'))}
          id={domId(field.goodPractice)}
          validationMessage={err(field.goodPractice)}
        >
          <Textarea
            resize="vertical"
            rows={3}
            value={form.goodPractice}
            onChange={(_, d) => set(field.goodPractice, { ...form, goodPractice: d.value })}
          />
        </Field>
        <Field
          label={r.priorities(ReturnLimits.narrativeChars.toLocaleString('en-GB'))}
          id={domId(field.priorities)}
          validationMessage={err(field.priorities)}
        >
          <Textarea
            resize="vertical"
            rows={3}
            value={form.priorities}
            onChange={(_, d) => set(field.priorities, { ...form, priorities: d.value })}
          />
        </Field>
      </div>
    </>
  );
}
