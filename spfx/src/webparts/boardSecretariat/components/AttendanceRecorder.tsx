/**
 * Records who was present, sent apologies, was absent or sent a deputy (named), and shows the quorum the hub
 * works out from it: the warning says what is missing.
 */
import * as React from 'react';
import { Button, Field, Input, Select } from '@fluentui/react-components';
import {
  ATTENDANCE_STATUSES,
  type AttendanceResponse,
  type AttendanceStatus,
  type RecordAttendanceRequest,
} from '@pph/contract';
import { fieldErrorsOf, problemText } from '../api/problems';
import { QuorumStatus } from './QuorumStatus';
import { Problem } from './Status';
import { useShared } from './styles';

const LABELS: Record<AttendanceStatus | 'not-recorded', string> = {
  'not-recorded': 'Not recorded',
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
  deputy: 'Sent a deputy',
};

interface Row {
  status: AttendanceStatus | 'not-recorded';
  deputyName: string;
}

export interface AttendanceRecorderProps {
  attendance: AttendanceResponse;
  editable: boolean;
  onRecord: (entries: RecordAttendanceRequest['entries']) => Promise<AttendanceResponse>;
}

const rowsOf = (a: AttendanceResponse): Record<string, Row> =>
  Object.fromEntries(
    a.entries.map((e) => [e.personId, { status: e.status, deputyName: e.deputy?.displayName ?? '' }]),
  );

export function AttendanceRecorder({ attendance: given, editable, onRecord }: AttendanceRecorderProps) {
  const s = useShared();
  const [attendance, setAttendance] = React.useState(given);
  const [rows, setRows] = React.useState(() => rowsOf(given));
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [problem, setProblem] = React.useState('');
  const [saved, setSaved] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  React.useEffect(() => {
    setAttendance(given);
    setRows(rowsOf(given));
  }, [given]);

  const set = (personId: string, patch: Partial<Row>) =>
    setRows((r) => ({
      ...r,
      [personId]: { ...(r[personId] ?? { status: 'not-recorded', deputyName: '' }), ...patch },
    }));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem('');
    setSaved('');
    const local: Record<string, string> = {};
    const entries: RecordAttendanceRequest['entries'] = [];
    attendance.entries.forEach((person, i) => {
      const row = rows[person.personId];
      if (!row || row.status === 'not-recorded') return;
      if (row.status === 'deputy' && !row.deputyName.trim())
        local[`entries.${i}.deputyName`] = `Name the deputy who came in ${person.displayName}'s place.`;
      entries.push({
        personId: person.personId,
        status: row.status,
        ...(row.status === 'deputy' && row.deputyName.trim() ? { deputyName: row.deputyName.trim() } : {}),
      });
    });
    if (entries.length === 0) local.entries = 'Record at least one person’s attendance.';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const answer = await onRecord(entries);
      setAttendance(answer);
      setRows(rowsOf(answer));
      setSaved('Attendance saved.');
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  const recorded = attendance.entries.some((e) => e.status !== 'not-recorded');

  return (
    <section className={s.stack} aria-labelledby="pph-attendance-heading">
      <h2 id="pph-attendance-heading" className={s.heading}>
        Attendance and quorum
      </h2>
      <QuorumStatus quorum={attendance.quorum} recorded={recorded} />
      {problem ? <Problem>{problem}</Problem> : null}
      {errors.entries ? <Problem>{errors.entries}</Problem> : null}
      <form className={s.stack} onSubmit={(e) => void save(e)} noValidate>
        <table className={s.table}>
          <caption className={s.hidden}>Invitees and their attendance</caption>
          <thead>
            <tr>
              <th className={s.cell} scope="col">
                Invitee
              </th>
              <th className={s.cell} scope="col">
                Agency
              </th>
              <th className={s.cell} scope="col">
                Attendance
              </th>
              <th className={s.cell} scope="col">
                Deputy
              </th>
            </tr>
          </thead>
          <tbody>
            {attendance.entries.map((person, i) => {
              const row = rows[person.personId] ?? { status: 'not-recorded', deputyName: '' };
              return (
                <tr key={person.personId}>
                  <th className={s.cell} scope="row">
                    {person.displayName}
                  </th>
                  <td className={s.cell}>{person.partnerName}</td>
                  <td className={s.cell}>
                    <Select
                      aria-label={`Attendance of ${person.displayName}`}
                      disabled={!editable}
                      value={row.status}
                      onChange={(_, d) => set(person.personId, { status: d.value as Row['status'] })}
                    >
                      {(['not-recorded', ...ATTENDANCE_STATUSES] as const).map((st) => (
                        <option key={st} value={st}>
                          {LABELS[st]}
                        </option>
                      ))}
                    </Select>
                  </td>
                  <td className={s.cell}>
                    {row.status === 'deputy' ? (
                      <Field
                        label={`Deputy for ${person.displayName}`}
                        validationMessage={errors[`entries.${i}.deputyName`] || undefined}
                      >
                        <Input
                          value={row.deputyName}
                          disabled={!editable}
                          onChange={(_, d) => set(person.personId, { deputyName: d.value })}
                        />
                      </Field>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {editable ? (
          <div className={s.row}>
            <Button appearance="primary" type="submit" disabled={busy}>
              {busy ? 'Saving…' : 'Save attendance'}
            </Button>
            {saved ? <span role="status">{saved}</span> : null}
          </div>
        ) : null}
      </form>
    </section>
  );
}
