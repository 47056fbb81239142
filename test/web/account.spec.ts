// The account life cycle in a real browser, as people do it: sign up and verify, log in and stay
// signed in across a reload, reset a forgotten password, join by invitation, switch organisations,
// create an API key and a webhook endpoint — every page checked by axe, every token kept out of
// Web Storage.
import '../helpers/web-env';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expectAccessible, linkTo, startWebSystem, type WebSystem } from '../helpers/browser';
import { signUp, uniqueEmail, type Account } from '../helpers/identity';
import { createProgramme, DECIDE, submitApplication } from '../helpers/programmes';

let system: WebSystem;

/** A field's label exactly, allowing for the asterisk of required fields. */
const exactly = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

beforeAll(async () => {
  system = await startWebSystem();
}, 60_000);

afterAll(async () => {
  await system?.close();
});

async function logInAs(page: Page, email: string, password: string, german = false) {
  await page.goto('/login');
  await page.getByLabel(german ? 'E-Mail' : 'Email').fill(email);
  await page.getByLabel(exactly(german ? 'Passwort' : 'Password')).fill(password);
  await page.getByRole('button', { name: german ? 'Anmelden' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Welcome|Willkommen)/ }).waitFor();
}

/** A link of the app's main navigation. */
const nav = (page: Page, name: string, landmark = 'Main navigation') =>
  page.getByRole('navigation', { name: landmark }).getByRole('link', { name, exact: true });

/** Values in Web Storage that look like a token (the browser's own scripting, as a string). */
async function storedTokens(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const values = [];
    for (const storage of [window.localStorage, window.sessionStorage])
      for (let i = 0; i < storage.length; i++) values.push(storage.getItem(storage.key(i)) ?? '');
    return values.filter((v) => /eyJ|msr_|refresh|token/i.test(v));
  })()`);
}

test('sign up, open the emailed link, arrive verified and signed in', async () => {
  const { page } = await system.person();
  const email = uniqueEmail('ada');
  await page.goto('/signup');
  await expectAccessible(page, 'sign-up page');
  await page.getByLabel(exactly('Name')).fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('New password').fill('a long enough passphrase');
  await page.getByLabel('Name of the organisation').fill('Nachbarschaftshilfe e.V.');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await expectAccessible(page, 'check-your-email page');

  await page.goto(await system.linkFor(email, '/verify-email'));
  await page.getByText('Your email address is confirmed and you are signed in.').waitFor();
  await expectAccessible(page, 'verify-email page');
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Welcome, Ada Lovelace' }).waitFor();
  expect(await page.getByText('Please confirm your email address').count()).toBe(0);
  await expectAccessible(page, 'overview');
  expect(await storedTokens(page)).toEqual([]);
});

test('log in, reload and stay signed in, log out; no token in Web Storage', async () => {
  const account = await signUp(system.api, 'GRANTEE', { name: 'Repair Café' });
  const { context, page } = await system.person();
  await page.goto('/login');
  await expectAccessible(page, 'log-in page');
  await logInAs(page, account.email, account.password);

  expect(await storedTokens(page)).toEqual([]);
  const cookie = (await context.cookies()).find((c) => c.name === 'meilenstein_refresh');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });

  await page.reload();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  await page.getByRole('button', { name: 'Your account' }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  expect((await context.cookies()).some((c) => c.name === 'meilenstein_refresh')).toBe(false);
  await page.goto('/settings/members');
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
});

test('forgot password: the emailed link resets it, the old one is refused, other sessions end', async () => {
  const account = await signUp(system.api, 'GRANTEE');
  const other = await system.person();
  await logInAs(other.page, account.email, account.password);

  const { page } = await system.person();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expectAccessible(page, 'forgot-password page');
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send link' }).click();
  await page.getByText(/a link is on its way/).waitFor();

  await page.goto(await system.linkFor(account.email, '/reset-password'));
  await expectAccessible(page, 'reset-password page');
  await page.getByLabel(exactly('New password')).fill('my brand new passphrase');
  await page.getByLabel('Repeat the new password').fill('my brand new passphrase');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await page.getByText(/Your password was changed/).waitFor();

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(exactly('Password')).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.getByLabel(exactly('Password')).fill('my brand new passphrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();

  // The other browser's session was ended by the reset: a reload lands on the log-in page.
  await other.page.reload();
  await other.page.getByRole('heading', { name: 'Log in' }).waitFor();
});

test('an owner invites a manager, who joins from the email link without an account', async () => {
  const owner = await signUp(system.api, 'FUNDER', { name: 'Stiftung Zukunft' });
  const { page } = await system.person();
  await logInAs(page, owner.email, owner.password);
  await nav(page, 'Members').click();
  await page.getByRole('heading', { name: 'Members' }).waitFor();
  await expectAccessible(page, 'members page');
  const invitee = uniqueEmail('manager');
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(invitee);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByRole('cell', { name: invitee, exact: true }).waitFor();

  const guest = await system.person();
  await guest.page.goto(await system.linkFor(invitee, '/invitations/accept'));
  await guest.page.getByRole('heading', { name: 'Join Stiftung Zukunft' }).waitFor();
  await expectAccessible(guest.page, 'accept-invitation page');
  await guest.page.getByLabel(exactly('Name')).fill('Grace Hopper');
  await guest.page.getByLabel('New password').fill('grace long passphrase');
  await guest.page.getByRole('button', { name: 'Accept invitation' }).click();
  await guest.page.getByRole('heading', { name: 'Welcome, Grace Hopper' }).waitFor();
  await guest.page.getByText('Programme manager').first().waitFor();
  await guest.page.getByText('You work for Stiftung Zukunft, a funder.').waitFor();
});

test('a person with an account accepts an invitation to a second organisation and switches', async () => {
  const person = await signUp(system.api, 'GRANTEE', { name: 'Tafel Nord' });
  const other: Account = await signUp(system.api, 'GRANTEE', { name: 'Code for Kiel' });
  const invited = await other.gql(
    `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`,
    { input: { email: person.email, role: 'MEMBER' } },
  );
  expect(invited.errors).toBeUndefined();

  const mail = await system.mailTo(person.email, /Code for Kiel/);
  const { page } = await system.person();
  await page.goto(linkTo(mail, '/invitations/accept'));
  await page.getByText(/already have an account/).waitFor();
  await page.getByLabel(exactly('Password')).fill(person.password);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await page.getByText('You work for Code for Kiel, a funded team.').waitFor();

  await page.getByRole('combobox', { name: 'Organisation you act for' }).click();
  await page.getByRole('option', { name: 'Tafel Nord' }).click();
  await page.getByText('You work for Tafel Nord, a funded team.').waitFor();
  await page.reload();
  await page.getByText('You work for Tafel Nord, a funded team.').waitFor();
});

test('an API key is shown once and works; a webhook endpoint shows its delivery log', async () => {
  const owner = await signUp(system.api, 'FUNDER', { name: 'Bürgerstiftung' });
  const { page } = await system.person();
  await logInAs(page, owner.email, owner.password);

  await nav(page, 'API keys').click();
  await expectAccessible(page, 'API keys page');
  await page.getByLabel(exactly('Name')).fill('CRM sync');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('secret-value').textContent()) ?? '';
  expect(secret).toMatch(/^msk_/);
  await expectAccessible(page, 'API key dialog');
  await page.getByRole('button', { name: 'I have stored it' }).click();
  await page.getByRole('cell', { name: 'CRM sync', exact: true }).waitFor();
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await page.getByRole('cell', { name: 'CRM sync', exact: true }).waitFor();
  expect(await page.content()).not.toContain(secret);
  const viaKey = await system.api.gql('{ currentOrganization { name } }', undefined, {
    token: secret,
  });
  expect(viaKey.data?.currentOrganization.name).toBe('Bürgerstiftung');

  const received: string[] = [];
  const receiver: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    await nav(page, 'Webhooks').click();
    await expectAccessible(page, 'webhooks page');
    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    expect((await page.getByTestId('secret-value').textContent()) ?? '').toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('link', { name: url }).click();
    await page.getByText('Nothing was sent to this endpoint yet.').waitFor();
    await expectAccessible(page, 'webhook endpoint page');

    // An application decided in the funder's programme is an event the endpoint receives.
    const programme = await createProgramme(owner);
    const grantee = await signUp(system.api, 'GRANTEE');
    const applicationId = await submitApplication(grantee, programme.id);
    const decided = await owner.gql(DECIDE, {
      input: { applicationId, decision: 'REJECT', comment: 'Not this time, thank you.' },
    });
    expect(decided.errors).toBeUndefined();
    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(received.length).toBeGreaterThan(0);
    await page.reload();
    const log = page.getByTestId('delivery-log');
    await log.getByText('Application decided').waitFor();
    await log.getByText('delivered').waitFor();
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test('German with du or Sie as the organisation chooses, English by preference', async () => {
  const owner = await signUp(system.api, 'GRANTEE', { name: 'Kiezladen', language: 'de' });
  const setDu = await owner.gql(
    `mutation { updateOrganization(input: { formOfAddress: DU }) { formOfAddress } }`,
  );
  expect(setDu.errors).toBeUndefined();
  const { page } = await system.person('de-DE');
  await logInAs(page, owner.email, owner.password, true);
  await page.getByText('Du arbeitest für Kiezladen, ein gefördertes Team.').waitFor();
  await page.getByRole('link', { name: 'Dein Profil' }).first().waitFor();
  await expectAccessible(page, 'overview in German');

  await nav(page, 'Organisation', 'Hauptnavigation').click();
  await page.getByRole('radio', { name: 'Förmlich (Sie)' }).check();
  await page.getByRole('button', { name: 'Speichern' }).click();
  await nav(page, 'Übersicht', 'Hauptnavigation').click();
  await page.getByText('Sie arbeiten für Kiezladen, ein gefördertes Team.').waitFor();

  const english = await signUp(system.api, 'GRANTEE', { name: 'Open Kitchen', language: 'en' });
  // The log-in page follows the browser (German); once signed in, the person's language counts.
  const other = await system.person('de-DE');
  await logInAs(other.page, english.email, english.password, true);
  await other.page.getByText('You work for Open Kitchen, a funded team.').waitFor();
});

test('keyboard alone: skip link, log in, invite someone, log out', async () => {
  const owner = await signUp(system.api, 'FUNDER', { name: 'Tastenstiftung' });
  const { page } = await system.person();
  await page.goto('/login');
  await page.keyboard.press('Tab'); // the product name link
  await page.keyboard.press('Tab'); // language choice
  const focused = () =>
    page.evaluate(
      'document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent',
    );
  // Walk to the email field with Tab, as a person without a mouse would.
  for (
    let i = 0;
    i < 6 &&
    !(await page.getByLabel('Email').evaluate((el) => {
      // Runs in the page; test code is compiled without DOM types.
      const node = el as unknown as { ownerDocument: { activeElement: unknown } };
      return node === node.ownerDocument.activeElement;
    }));
    i++
  )
    await page.keyboard.press('Tab');
  await page.keyboard.type(owner.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(owner.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();

  // The first Tab on a page reaches the skip link; it moves focus to the content.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Skip to content');
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement?.id')).toBe('main');

  // Through the navigation to the members page, and the invitation form, by keyboard.
  await nav(page, 'Members').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Members' }).waitFor();
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').focus();
  const invitee = uniqueEmail('keyboard');
  await page.keyboard.type(invitee);
  await page.keyboard.press('Tab'); // role
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('cell', { name: invitee, exact: true }).waitFor();

  // The account menu opens and logs out from the keyboard.
  await page.getByRole('button', { name: 'Your account' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Log out' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
});
