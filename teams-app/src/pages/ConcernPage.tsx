/**
 * A concern, as the signed-in person may see it (the API has redacted it by the one policy, and names what it left
 * out): the account, its steps with the decisions this person may take, information requests, notes, reviews
 * and its history. Where the bot card's "Open in the hub" leads.
 */
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import {
  AddNoteRequestSchema,
  IDEOLOGY_LABELS,
  INDICATOR_LABELS,
  INFORMATION_SHARING_LABELS,
  RecordReviewRequestSchema,
  ReferenceSchema,
  SupplyInformationRequestSchema,
  type ConcernIntake,
  type ConcernView,
  type DecisionKind,
  type StepView,
} from '@pph/contract';
import { problemText } from '../api/problems';
import { useLoad } from '../api/use-load';
import { TabLink } from '../app/router';
import { useSession } from '../app/session';
import { DecisionPanel, isActive } from '../components/DecisionPanel';
import { Due } from '../components/Due';
import { Facts, type Fact } from '../components/Facts';
import { Loading, Notice, Problem } from '../components/Status';
import { TextForm } from '../components/TextForm';
import { usePageTitle } from '../components/page-title';
import { formatDate, formatDateTime, useStrings, type Catalogue } from '../strings';
import { PageHeading } from '../components/PageHeading';

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  section: {
    marginTop: tokens.spacingVerticalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  box: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  current: {
    borderInlineStartWidth: tokens.strokeWidthThickest,
    borderInlineStartColor: tokens.colorBrandStroke1,
  },
  prose: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
  table: { borderCollapse: 'collapse', width: '100%' },
  cell: {
    textAlign: 'start',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export default function ConcernPage({ reference, step }: { reference: string | null; step: string | null }) {
  const t = useStrings();
  const valid = reference !== null && ReferenceSchema.safeParse(reference).success;
  usePageTitle(reference && valid ? t.concern.title(reference) : t.concern.title(''));
  if (!reference) return <Problem>{t.concern.missingRef}</Problem>;
  if (!valid) return <Problem>{t.concern.badRef}</Problem>;
  return <Concern reference={reference} focusStep={step} />;
}

function Concern({ reference, focusStep }: { reference: string; focusStep: string | null }) {
  const t = useStrings();
  const styles = useStyles();
  const { api } = useSession();
  const { loaded, reload, set } = useLoad(
    () => api.getConcern({ params: { ref: reference } }),
    [api, reference],
  );
  const [done, setDone] = useState('');
  const stepRef = useRef<HTMLLIElement>(null);
  const scrolled = useRef(false);
  useEffect(() => {
    if (loaded.value && !scrolled.current && focusStep) {
      scrolled.current = true;
      stepRef.current?.scrollIntoView?.({ block: 'start' });
    }
  }, [loaded.value, focusStep]);

  if (loaded.state === 'failed' && !loaded.value)
    return (
      <>
        <PageHeading>{t.concern.title(reference)}</PageHeading>
        <Problem onRetry={reload}>{problemText(t, loaded.error)}</Problem>
        <TabLink to="/my-work">{t.app.back}</TabLink>
      </>
    );
  if (!loaded.value) return <Loading label={t.concern.loading} />;
  const view = loaded.value;
  const onDecided = (after: ConcernView, decision: DecisionKind) =>
    setDone(
      `${t.decisions.success(t.decisions.done[decision], after.reference)} ${t.decisions.nowAt(after.stage?.title ?? after.referrerStatus)}`,
    );
  const send = async (p: Promise<ConcernView>) => set(await p);

  return (
    <>
      <div className={styles.header}>
        <TabLink to="/my-work">{t.app.back}</TabLink>
        <PageHeading>{t.concern.title(view.reference)}</PageHeading>
        <Text>{t.concern.statusLine(t.concern.status[view.status], view.stage?.title)}</Text>
        <Text>{t.concern.submitted(formatDateTime(t, view.submittedAt))}</Text>
        {view.immediateRisk ? <Notice intent="warning">{t.concern.immediateRisk}</Notice> : null}
        {view.withheld.length ? <Text>{t.concern.withheld(view.withheld.join(', '))}</Text> : null}
        {done ? <Notice intent="success">{done}</Notice> : null}
      </div>

      {view.outcome ? (
        <section className={styles.section} aria-labelledby="outcome">
          <h2 id="outcome" className={styles.h2}>
            {t.concern.sections.outcome}
          </h2>
          <Text>{t.concern.outcome(view.outcome.label, formatDateTime(t, view.outcome.at))}</Text>
        </section>
      ) : null}

      {view.intake ? <Account intake={view.intake} /> : null}

      <section className={styles.section} aria-labelledby="steps">
        <h2 id="steps" className={styles.h2}>
          {t.concern.sections.steps}
        </h2>
        <ul className={styles.list}>
          {view.steps.map((s) => (
            <li
              key={s.id}
              ref={s.id === focusStep ? stepRef : undefined}
              className={isActive(s) ? `${styles.box} ${styles.current}` : styles.box}
            >
              <StepSummary t={t} step={s} />
              {isActive(s) && s.allowedDecisions.length > 0 ? (
                <DecisionPanel view={view} stepId={s.id} onView={set} onDecided={onDecided} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {view.informationRequests.length ? (
        <section className={styles.section} aria-labelledby="requests">
          <h2 id="requests" className={styles.h2}>
            {t.concern.sections.requests}
          </h2>
          <ul className={styles.list}>
            {view.informationRequests.map((r) => (
              <li key={r.id} className={styles.box}>
                <Text>{t.concern.asked(r.requestedBy?.displayName, formatDateTime(t, r.requestedAt))}</Text>
                <p className={styles.prose} dir="auto">
                  {r.question}
                </p>
                {r.response !== undefined ? (
                  <>
                    <Text>{r.respondedAt ? t.concern.answered(formatDateTime(t, r.respondedAt)) : null}</Text>
                    <p className={styles.prose} dir="auto">
                      {r.response}
                    </p>
                  </>
                ) : (
                  <Text>{t.concern.noAnswer}</Text>
                )}
                {r.canRespond ? (
                  <TextForm
                    label={t.concern.answer}
                    submitLabel={t.concern.sendAnswer}
                    doneText={t.concern.answerSent}
                    schema={SupplyInformationRequestSchema}
                    field="response"
                    send={(body) =>
                      send(api.supplyInformation({ params: { ref: view.reference, requestId: r.id }, body }))
                    }
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className={styles.section} aria-labelledby="notes">
        <h2 id="notes" className={styles.h2}>
          {t.concern.sections.notes}
        </h2>
        {view.notes.length ? (
          <ul className={styles.list}>
            {view.notes.map((n) => (
              <li key={n.id} className={styles.box}>
                <Text weight="semibold">{t.concern.noteBy(n.by.displayName, formatDateTime(t, n.at))}</Text>
                <p className={styles.prose} dir="auto">
                  {n.text}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <Text>{t.concern.noNotes}</Text>
        )}
        {view.canAddNote ? (
          <TextForm
            label={t.concern.note}
            submitLabel={t.concern.addNote}
            doneText={t.concern.noteAdded}
            schema={AddNoteRequestSchema}
            field="text"
            send={(body) => send(api.addNote({ params: { ref: view.reference }, body }))}
          />
        ) : null}
      </section>

      {view.reviews.length ? (
        <section className={styles.section} aria-labelledby="reviews">
          <h2 id="reviews" className={styles.h2}>
            {t.concern.sections.reviews}
          </h2>
          <ul className={styles.list}>
            {view.reviews.map((r) => (
              <li key={r.id} className={styles.box}>
                <h3 className={styles.h3}>{r.label}</h3>
                <div className={styles.badges}>
                  <Badge appearance="outline">{t.concern.reviewStatus[r.status]}</Badge>
                </div>
                {r.status === 'scheduled' ? <Due dueOn={r.dueOn} overdue={false} /> : null}
                {r.summary ? (
                  <p className={styles.prose} dir="auto">
                    {r.summary}
                  </p>
                ) : null}
                {r.canRecord && r.status === 'scheduled' ? (
                  <TextForm
                    label={t.concern.reviewSummary}
                    submitLabel={t.concern.recordReview}
                    doneText={t.concern.reviewRecorded}
                    schema={RecordReviewRequestSchema}
                    field="summary"
                    send={(body) =>
                      send(api.recordReview({ params: { ref: view.reference, reviewId: r.id }, body }))
                    }
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className={styles.section} aria-labelledby="history">
        <h2 id="history" className={styles.h2}>
          {t.concern.sections.history}
        </h2>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col" className={styles.cell}>
                {t.concern.historyWhen}
              </th>
              <th scope="col" className={styles.cell}>
                {t.concern.historyWho}
              </th>
              <th scope="col" className={styles.cell}>
                {t.concern.historyWhat}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((h, i) => (
              <tr key={i}>
                <td className={styles.cell}>{formatDateTime(t, h.at)}</td>
                <td className={styles.cell}>{h.by?.displayName ?? t.concern.system}</td>
                <td className={styles.cell}>{h.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function StepSummary({ t, step }: { t: Catalogue; step: StepView }) {
  const styles = useStyles();
  const role = t.roles[step.decidedBy.role];
  return (
    <>
      <h3 className={styles.h3}>{step.title}</h3>
      <div className={styles.badges}>
        <Badge appearance="outline">{t.concern.stepStatus[step.status]}</Badge>
        {step.escalated ? (
          <Badge appearance="tint" color="danger">
            {t.myWork.escalated}
          </Badge>
        ) : null}
      </div>
      <Text>{t.concern.decidedByRole(role, step.decidedBy.partnerName)}</Text>
      {isActive(step) ? <Due dueOn={step.dueOn} overdue={step.overdue} /> : null}
      {isActive(step) && step.assignee ? <Text>{t.concern.with(step.assignee.displayName)}</Text> : null}
      {step.decision ? (
        <Text>
          {t.decisions.decidedBy(
            `${t.decisions.done[step.decision.kind]}${step.decision.outcome ? `: ${step.decision.outcome.label}` : ''}`,
            step.decision.by.displayName,
            formatDateTime(t, step.decision.at),
          )}
          {step.decision.reason ? ` ${t.decisions.reasonWas(step.decision.reason)}` : ''}
        </Text>
      ) : null}
    </>
  );
}

function Account({ intake }: { intake: ConcernIntake }) {
  const t = useStrings();
  const styles = useStyles();
  const f = t.concern.fields;
  const s = intake.subject;
  const person: Fact[] = [
    { label: f.name, value: s.name },
    ...(s.dateOfBirth ? [{ label: f.dateOfBirth, value: formatDate(t, s.dateOfBirth) }] : []),
    ...(s.age !== undefined ? [{ label: f.age, value: String(s.age) }] : []),
    { label: f.gender, value: t.concern.genders[s.gender] },
    ...(s.address ? [{ label: f.address, value: s.address }] : []),
    ...(s.schoolOrEmployer ? [{ label: f.schoolOrEmployer, value: s.schoolOrEmployer }] : []),
    ...(s.knownToOtherServices ? [{ label: f.knownToOtherServices, value: s.knownToOtherServices }] : []),
  ];
  const r = intake.referrer;
  const referrer: Fact[] = [
    { label: f.referrerName, value: r.name },
    { label: f.referrerRole, value: r.role },
    { label: f.organisation, value: r.organisation },
    { label: f.email, value: r.email, href: `mailto:${r.email}` },
    ...(r.phone ? [{ label: f.phone, value: r.phone, href: `tel:${r.phone.replace(/[^0-9+]/g, '')}` }] : []),
  ];
  const consent: Fact[] = [
    { label: f.aware, value: intake.subjectAware ? t.concern.yes : t.concern.no },
    { label: f.basis, value: INFORMATION_SHARING_LABELS[intake.informationSharingBasis] },
    ...(intake.informationSharingNotes
      ? [{ label: f.sharingNotes, value: intake.informationSharingNotes }]
      : []),
  ];
  return (
    <>
      <section className={styles.section} aria-labelledby="account">
        <h2 id="account" className={styles.h2}>
          {t.concern.sections.account}
        </h2>
        <h3 className={styles.h3}>{f.whatHappened}</h3>
        <p className={styles.prose} dir="auto">
          {intake.whatHappened}
        </p>
        <h3 className={styles.h3}>{f.howItCameToLight}</h3>
        <p className={styles.prose} dir="auto">
          {intake.howItCameToLight}
        </p>
        <Facts
          facts={[
            { label: f.indicators, value: intake.indicators.map((i) => INDICATOR_LABELS[i]).join('; ') },
            ...(intake.otherIndicators ? [{ label: f.otherIndicators, value: intake.otherIndicators }] : []),
            { label: f.ideology, value: IDEOLOGY_LABELS[intake.ideologyCategory] },
          ]}
        />
      </section>
      <section className={styles.section} aria-labelledby="person">
        <h2 id="person" className={styles.h2}>
          {t.concern.sections.person}
        </h2>
        <Facts facts={person} />
      </section>
      <section className={styles.section} aria-labelledby="referrer">
        <h2 id="referrer" className={styles.h2}>
          {t.concern.sections.referrer}
        </h2>
        <Facts facts={referrer} />
      </section>
      <section className={styles.section} aria-labelledby="consent">
        <h2 id="consent" className={styles.h2}>
          {t.concern.sections.consent}
        </h2>
        <Facts facts={consent} />
      </section>
      {intake.attachments.length ? (
        <section className={styles.section} aria-labelledby="attachments">
          <h2 id="attachments" className={styles.h2}>
            {t.concern.sections.attachments}
          </h2>
          <Facts
            facts={intake.attachments.map((a) => ({
              label: a.fileName,
              value: t.concern.kb(Math.max(1, Math.round(a.sizeBytes / 1024))),
            }))}
          />
        </section>
      ) : null}
    </>
  );
}
