// The web app and its API explorer (GraphiQL, its editors' workers) work under the content
// security policy the API sends: no violation reported, a query runs.
import '../helpers/web-env';
import { startWebSystem, type WebSystem } from '../helpers/browser';
import { signUp } from '../helpers/identity';

let system: WebSystem;
beforeAll(async () => {
  system = await startWebSystem();
}, 120_000);
afterAll(() => system.close());

test('the app and the API explorer run under the content security policy', async () => {
  const owner = await signUp(system.api, 'FUNDER', { name: 'Prüfstiftung' });
  const { page } = await system.person();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`pageerror ${e.message}`));
  await page.goto('/login');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel(/^Password\s*\*?$/).fill(owner.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Welcome|Willkommen)/ }).waitFor();
  const csp = (await page.goto('/explorer'))!.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  await page.getByText('query Me').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /Execute query/ }).click();
  await page.getByText('"Prüfstiftung"').waitFor({ timeout: 30_000 });
  expect(violations).toEqual([]);
}, 180_000);
