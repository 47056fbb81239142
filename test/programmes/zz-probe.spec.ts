import { SelectQueryBuilder } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { Account, addMember, signUp } from '../helpers/identity';
import { applicationInput, createProgramme, DECIDE, submitApplication } from '../helpers/programmes';

describe('probe', () => {
  let api: TestApi; let funder: Account; let a: Account; let b: Account; let grantee: Account;
  beforeAll(async () => {
    api = await startApi();
    funder = await signUp(api, 'FUNDER');
    a = await addMember(api, funder, 'MANAGER', 'a');
    b = await addMember(api, funder, 'MANAGER', 'b');
    grantee = await signUp(api, 'GRANTEE');
  });
  afterAll(() => api.close());
  it('lines currency lost', async () => {
    const p = await createProgramme(a);
    const input = applicationInput(p.id, [100_00]);
    const { budgetLines, ...rest } = input;
    const s1 = await grantee.gql(`mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id } }`, { input: rest });
    const id = s1.data.saveApplicationDraft.id;
    const s2 = await grantee.gql(`mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id budgetLines { name amount { amount currency } } requestedAmount { amount currency } } }`, { input: { applicationId: id, budgetLines: budgetLines.map(l => ({...l, amount: { amount: 100_00, currency: 'USD' }})) } });
    console.log(JSON.stringify(s2));
    const sub = await grantee.gql(`mutation($id: ID!) { submitApplication(applicationId: $id) { status } }`, { id });
    console.log(JSON.stringify(sub));
    // save USD request draft
    const s3 = await grantee.gql(`mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id currency } }`, { input: { ...input, requestedAmount: { amount: 100_00, currency: 'USD' }, budgetLines: budgetLines.map(l => ({...l, amount: { amount: 100_00, currency: 'USD' }})) } });
    console.log(JSON.stringify(s3));
    // zero budget line at save
    const s4 = await grantee.gql(`mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id } }`, { input: { ...input, requestedAmount: { amount: 0, currency: 'EUR' } , budgetLines: []} });
    console.log(JSON.stringify(s4));
    const fr = await grantee.gql(`mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id } }`, { input: { ...input, requestedAmount: { amount: 10.5, currency: 'EUR' } } });
    console.log(JSON.stringify(fr.errors));
  });
  it('race without lock', async () => {
    const orig = SelectQueryBuilder.prototype.setLock;
    (SelectQueryBuilder.prototype as any).setLock = function () { return this; };
    let overspent = 0;
    for (let i = 0; i < 3; i++) {
      const p = await createProgramme(a, { totalBudget: 50_000_00 });
      const one = await submitApplication(grantee, p.id, [40_000_00]);
      const two = await submitApplication(grantee, p.id, [40_000_00]);
      const r = await Promise.all([one, two].map((id, k) => (k ? b : a).gql(DECIDE, { input: { applicationId: id, decision: 'APPROVE', feedback: 'x' } })));
      if (r.every((x) => !x.errors)) overspent++;
    }
    (SelectQueryBuilder.prototype as any).setLock = orig;
    console.log('overspent rounds without lock', overspent);
  });
});
