// After a request for information the funder keeps seeing the last submitted version until the
// grantee resubmits — never the edits in between.
import { startApi, TestApi } from '../helpers/api';
import { signUp } from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';

describe('an application under revision', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('shows the funder the submitted version while the grantee edits', async () => {
    const funder = await signUp(api, 'FUNDER');
    const grantee = await signUp(api, 'GRANTEE');
    const programme = await createProgramme(funder);
    const id = await submitApplication(grantee, programme.id, [10_000_00], 1);
    await funder.gql(DECIDE, {
      input: { applicationId: id, decision: 'REQUEST_INFO', comment: 'Wer nutzt das?' },
    });
    await grantee.gql(
      'mutation($id: ID!) { saveApplicationDraft(input: { applicationId: $id, summary: "UNSUBMITTED EDIT" }) { id } }',
      { id },
    );

    const one = `query($id: ID!) { application(applicationId: $id) { status summary } }`;
    expect((await grantee.gql(one, { id })).data.application.summary).toBe('UNSUBMITTED EDIT');
    expect((await funder.gql(one, { id })).data.application).toEqual({
      status: 'INFO_REQUESTED',
      summary: 'An app for lending tools between neighbours.',
    });
    const list = await funder.gql(
      '{ applications { nodes { summary } } programmes { nodes { applications { nodes { summary } } } } }',
    );
    expect(list.data.applications.nodes).toEqual([
      { summary: 'An app for lending tools between neighbours.' },
    ]);
    expect(list.data.programmes.nodes[0].applications.nodes).toEqual([
      { summary: 'An app for lending tools between neighbours.' },
    ]);

    await grantee.gql('mutation($id: ID!) { submitApplication(applicationId: $id) { version } }', {
      id,
    });
    expect((await funder.gql(one, { id })).data.application).toEqual({
      status: 'SUBMITTED',
      summary: 'UNSUBMITTED EDIT',
    });
  });
});
