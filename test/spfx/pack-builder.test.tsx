/**
 * @jest-environment jsdom
 */
/** The pack builder: progress while the job runs, the link when done, the part that failed when it fails. */
import './support/jsdom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { PackBuildView, PackVersionView } from '@pph/contract';
import { packJobs, type PackApi } from '../../spfx/src/webparts/boardSecretariat/api/pack-jobs';
import { PackBuilder, type PackJob } from '../../spfx/src/webparts/boardSecretariat/components/PackBuilder';
import { MEETING_ID } from './support/fixtures';
import { renderView } from './support/render';

const running: PackJob = {
  jobId: 'PKB-2027-000001',
  state: 'running',
  progress: 0.25,
  part: 'Collated returns',
};
const done: PackJob = {
  jobId: 'PKB-2027-000001',
  state: 'done',
  progress: 1,
  result: { label: 'Board pack, version 1 (draft, PDF, 42 pages)', version: 1 },
};

test('the progress bar and the part being built, then the link to the pack, which opens it', async () => {
  const poll = jest.fn(async () => done);
  const open = jest.fn();
  renderView(<PackBuilder start={async () => running} poll={poll} open={open} pollMs={400} />);
  fireEvent.click(screen.getByRole('button', { name: 'Compile the pack' }));
  await screen.findByRole('progressbar');
  expect(screen.getAllByText('25%: Collated returns').length).toBeGreaterThan(0);
  expect(poll).not.toHaveBeenCalled();
  const link = await screen.findByRole('link', { name: 'Board pack, version 1 (draft, PDF, 42 pages)' });
  expect(poll).toHaveBeenCalledWith('PKB-2027-000001');
  fireEvent.click(link);
  expect(open).toHaveBeenCalledWith(done);
  expect(screen.queryByRole('progressbar')).toBeNull();
});

test('a start that got no answer finds the build the hub started, and follows it', async () => {
  const timeout = Object.assign(new Error('The operation timed out.'), { name: 'TimeoutError' });
  renderView(
    <PackBuilder
      start={async () => {
        throw timeout;
      }}
      refresh={async () => running}
      poll={async () => done}
      open={jest.fn()}
      pollMs={5}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Compile the pack' }));
  await screen.findByRole('link', { name: 'Board pack, version 1 (draft, PDF, 42 pages)' });
  expect(screen.queryByText(/could not be reached/)).toBeNull();
});

test('a failed build says which part failed and that nothing was published', async () => {
  renderView(
    <PackBuilder
      start={async () => ({
        ...running,
        state: 'failed',
        part: 'Paper: budget.docx',
        message: 'The file is corrupt.',
      })}
      poll={jest.fn()}
      open={jest.fn()}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Compile the pack' }));
  await screen.findByText(
    /The pack was not built: Paper: budget.docx failed\. The file is corrupt\. Nothing was published\./,
  );
});

const build = (over: Partial<PackBuildView>): PackBuildView => ({
  buildId: 'PKB-2027-000001',
  meetingId: MEETING_ID,
  kind: 'pack',
  status: 'running',
  statusLabel: 'Being built',
  partsDone: 3,
  partsTotal: 12,
  currentPart: { id: 'returns', title: 'Collated returns' },
  requestedBy: { id: 'p-sec', displayName: 'Sam Secretariat' },
  requestedAt: '2027-01-05T09:00:00.000Z',
  ...over,
});
const version: PackVersionView = {
  meetingId: MEETING_ID,
  version: 1,
  kind: 'pack',
  status: 'draft',
  statusLabel: 'Draft',
  builtAt: '2027-01-05T09:01:00.000Z',
  builtBy: { id: 'p-sec', displayName: 'Sam Secretariat' },
  buildId: 'PKB-2027-000001',
  pageCount: 42,
  restrictedItems: 1,
  copies: [],
  listedPapers: [],
};

test('the pack jobs over the hub: a fresh request id, parts done of all, the version’s public copy as the file', async () => {
  const api: PackApi = {
    startPackBuild: jest.fn(async () => build({})),
    getPackBuild: jest.fn(async () =>
      build({ status: 'done', partsDone: 12, version: 1, currentPart: undefined }),
    ),
    listPackVersions: jest.fn(async () => ({
      meetingId: MEETING_ID,
      items: [version],
      can: { build: true, supplement: true, publish: true },
    })),
    startPackSupplement: jest.fn(),
    publishPackVersion: jest.fn(),
  };
  const download = jest.fn(async () => ({ blob: new Blob(['%PDF-']), fileName: 'pack.pdf' }));
  const jobs = packJobs(api, download, () => 'request-0123456789ab');
  expect(await jobs.start(MEETING_ID)).toEqual({
    jobId: 'PKB-2027-000001',
    state: 'running',
    progress: 0.25,
    part: 'Collated returns',
  });
  expect(api.startPackBuild).toHaveBeenCalledWith({
    params: { meetingId: MEETING_ID },
    body: { clientRequestId: 'request-0123456789ab' },
  });
  const finished = await jobs.poll(MEETING_ID, 'PKB-2027-000001');
  expect(finished).toMatchObject({
    state: 'done',
    progress: 1,
    result: { label: 'Board pack, version 1 (draft, PDF, 42 pages)', version: 1 },
  });
  await jobs.file(MEETING_ID, finished);
  expect(download).toHaveBeenCalledWith(
    { meetingId: MEETING_ID, version: '1', copy: 'public' },
    `${MEETING_ID}-board-pack-v1.pdf`,
  );
  await waitFor(() =>
    expect(api.getPackBuild).toHaveBeenCalledWith({ params: { buildId: 'PKB-2027-000001' } }),
  );
});

test('a built draft is published to the invitees from the builder, which then says so and offers it no more', async () => {
  const publish = jest.fn(async (job: PackJob) => ({
    ...job,
    result: { label: 'Board pack, version 1 (published, PDF, 42 pages)', version: 1, published: true },
  }));
  renderView(
    <PackBuilder
      latest={done}
      start={jest.fn()}
      poll={jest.fn()}
      open={jest.fn()}
      publish={publish}
      supplement={jest.fn()}
    />,
  );
  // A pack exists: no "compile again" (the hub refuses a second pack), but publishing and a supplement.
  expect(screen.queryByRole('button', { name: /Compile/ })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Publish version 1 to the invitees' }));
  await screen.findByText(/Published: the invitees have been told\./);
  expect(publish).toHaveBeenCalledWith(done);
  expect(screen.queryByRole('button', { name: /Publish version/ })).toBeNull();
});

test('a late supplement needs its reason, then is built as the next version with its progress', async () => {
  const supplement = jest.fn(async () => ({ ...running, jobId: 'PKB-2027-000002' }));
  renderView(
    <PackBuilder
      latest={done}
      start={jest.fn()}
      poll={async () => ({
        ...done,
        jobId: 'PKB-2027-000002',
        result: { label: 'Board pack, version 2 (draft, PDF, 44 pages)', version: 2 },
      })}
      open={jest.fn()}
      publish={jest.fn()}
      supplement={supplement}
      pollMs={5}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Build a late supplement' }));
  expect(await screen.findByText(/Say why the pack needs a supplement/)).toBeTruthy();
  expect(supplement).not.toHaveBeenCalled();
  fireEvent.change(screen.getByRole('textbox', { name: /A late supplement/ }), {
    target: { value: 'The police paper came late' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Build a late supplement' }));
  await screen.findByRole('link', { name: 'Board pack, version 2 (draft, PDF, 44 pages)' });
  expect(supplement).toHaveBeenCalledWith('The police paper came late');
});

test('the pack jobs publish a version and build a supplement through the hub', async () => {
  const published: PackVersionView = { ...version, status: 'published', statusLabel: 'Published' };
  const api: PackApi = {
    startPackBuild: jest.fn(),
    getPackBuild: jest.fn(),
    listPackVersions: jest.fn(),
    startPackSupplement: jest.fn(async () => build({ kind: 'supplement', status: 'queued', partsDone: 0 })),
    publishPackVersion: jest.fn(async () => published),
  };
  const jobs = packJobs(api, jest.fn(), () => 'request-0123456789ab');
  expect(await jobs.publish(MEETING_ID, done)).toMatchObject({
    result: { label: 'Board pack, version 1 (published, PDF, 42 pages)', version: 1, published: true },
  });
  expect(api.publishPackVersion).toHaveBeenCalledWith({
    params: { meetingId: MEETING_ID, version: '1' },
    body: {},
  });
  expect(await jobs.supplement(MEETING_ID, 'The police paper came late')).toMatchObject({ state: 'queued' });
  expect(api.startPackSupplement).toHaveBeenCalledWith({
    params: { meetingId: MEETING_ID },
    body: { clientRequestId: 'request-0123456789ab', reason: 'The police paper came late' },
  });
});
