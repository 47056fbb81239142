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
import { until } from '../helpers/wait';

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

/**
 * What of the session's secrets sits in Web Storage: the access token of the last sign-in the
 * page received, and the refresh cookie's value, looked for in every key and value (read by the
 * page's own scripting, as a string).
 */
async function storedTokens(page: Page): Promise<string[]> {
  const stored: string[] = await page.evaluate(`(() => {
    const all = [];
    for (const storage of [window.localStorage, window.sessionStorage])
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        all.push(key, storage.getItem(key) ?? '');
      }
    return all;
  })()`);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'meilenstein_refresh');
  const secrets = [accessTokens.get(page), cookie?.value].filter((s): s is string => !!s);
  expect(secrets.length).toBeGreaterThan(0);
  return stored.filter((v) => secrets.some((s) => v.includes(s)) || /eyJ[\w-]+\.eyJ/.test(v));
}

/** The access token each page last received from a sign-in, refresh or verification. */
const accessTokens = new Map<Page, string>();
function watchTokens(page: Page): void {
  page.on('response', (response) => {
    if (!response.url().endsWith('/graphql')) return;
    void response
      .json()
      .then((body: { data?: Record<string, { accessToken?: string } | null> }) => {
        for (const value of Object.values(body.data ?? {}))
          if (value?.accessToken) accessTokens.set(page, value.accessToken);
      })
      .catch(() => undefined);
  });
}

test('sign up, open the emailed link, arrive verified and signed in', async () => {
  const { page } = await system.person();
  watchTokens(page);
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
  watchTokens(page);
  await page.goto('/login');
  await expectAccessible(page, 'log-in page');
  await logInAs(page, account.email, account.password);

  expect(await storedTokens(page)).toEqual([]);
  const cookie = (await context.cookies()).find((c) => c.name === 'meilenstein_refresh');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });

  await page.reload();
  await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  // In a short window the navigation scrolls, and a scrollbar says there is more below.
  const window = page.viewportSize()!;
  await page.setViewportSize({ width: window.width, height: 480 });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .locator('.mantine-ScrollArea-scrollbar[data-state="visible"]')
    .waitFor({ state: 'visible', timeout: 5000 });
  await page.setViewportSize(window);
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
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
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
    await until(() => received.length > 0, 'the webhook delivery', 20_000);
    // The log says "delivered" once the worker has recorded the answer: the page is looked at
    // again once the API says so.
    const endpointId = new URL(page.url()).pathname.split('/').pop();
    await until(
      async () =>
        (
          await owner.gql(
            `query($id: ID!) { webhookDeliveries(endpointId: $id, first: 10) { nodes { status } } }`,
            { id: endpointId },
          )
        ).data?.webhookDeliveries.nodes.some((d: { status: string }) => d.status === 'SUCCEEDED'),
      'the delivery recorded as succeeded',
      20_000,
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor();
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
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
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
  await page.getByLabel('Email').waitFor();
  await page.keyboard.press('Tab'); // the product name link
  await page.keyboard.press('Tab'); // language choice
  const focused = () =>
    page.evaluate(
      'document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent',
    );
  // Walk to the email field with Tab, as a person without a mouse would.
  const onEmail = () => page.evaluate('document.activeElement?.getAttribute("type") === "email"');
  for (let i = 0; i < 6 && !(await onEmail()); i++) await page.keyboard.press('Tab');
  expect(await onEmail()).toBe(true);
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

test('profile: name and language, password (other sessions end), email confirmed from the new address', async () => {
  const account = await signUp(system.api, 'GRANTEE', { name: 'Lesecafé' });
  const other = await system.person();
  await logInAs(other.page, account.email, account.password);
  const { page } = await system.person();
  await logInAs(page, account.email, account.password);

  await page.getByRole('button', { name: 'Your account' }).click();
  await page.getByRole('menuitem', { name: 'Your profile' }).click();
  await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();
  await expectAccessible(page, 'profile page');
  const details = page.getByRole('region', { name: 'Name and language' });
  await details.getByLabel(exactly('Name')).fill('Mira Sommer');
  await details.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Your profile is saved.').waitFor();
  await page.getByRole('button', { name: 'Your account' }).click();
  await page.getByRole('menu').getByText('Mira Sommer').waitFor();
  await page.keyboard.press('Escape');

  const password = page.getByRole('region', { name: 'Password' });
  await password.getByLabel(exactly('Current password')).fill('not my password at all');
  await password.getByLabel(exactly('New password')).fill('an even longer passphrase');
  await password.getByRole('button', { name: 'Change password' }).click();
  // A wrong current password is shown at its field, and nothing changes.
  await password
    .getByText(/password/i)
    .nth(2)
    .waitFor();
  await password.getByLabel(exactly('Current password')).fill(account.password);
  await password.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password was changed. Other sessions were ended.').waitFor();
  await other.page.reload();
  await other.page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor();

  const newEmail = uniqueEmail('moved');
  const email = page.getByRole('region', { name: 'Email address' });
  await email.getByLabel(exactly('New email address')).fill(newEmail);
  await email.getByLabel(exactly('Password')).fill('an even longer passphrase');
  await email.getByRole('button', { name: 'Change email address' }).click();
  await page.getByText(`We sent a confirmation link to ${newEmail}.`).waitFor();
  await page.goto(await system.linkFor(newEmail, '/confirm-email'));
  await page.getByText(/Your new email address is confirmed/).waitFor();
  await expectAccessible(page, 'confirm-email page');

  // German from now on: the whole interface follows the person's language.
  await page.goto('/profile');
  await details.getByLabel(exactly('Language')).click();
  await page.getByRole('option', { name: 'Deutsch' }).click();
  await details.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Ihr Profil', level: 1 }).waitFor();
  await page.getByText(`Derzeit: ${newEmail}`).waitFor();
});

test('the settings pages, notifications, audit trail, explorer and a wrong address pass axe', async () => {
  const owner = await signUp(system.api, 'FUNDER', { name: 'Prüfstiftung' });
  const { page } = await system.person();
  await logInAs(page, owner.email, owner.password);
  for (const [name, heading] of [
    ['Organisation', 'Organisation'],
    ['Email & notifications', 'Email & notifications'],
    ['Notifications', 'Notifications'],
    ['Audit trail', 'Audit trail'],
    ['Programmes', 'Programmes'],
    ['API explorer', 'API explorer'],
  ]) {
    await nav(page, name).click();
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
    // The notification settings a funder's owner sees pass axe in the email-links spec, where
    // every kind of email links to them.
    if (name === 'Email & notifications') continue;
    // GraphiQL's tab bar puts its close buttons inside the tab (nested-interactive); that
    // markup is GraphiQL's own. Everything else of the explorer page is checked.
    await expectAccessible(page, `${name} page`, name === 'API explorer' ? ['.graphiql-tabs'] : []);
  }
  // The explorer runs a query as the signed-in person (once its editor holds the query).
  await page.getByText('query Me').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /Execute query/ }).click();
  await page.getByText('"Prüfstiftung"').waitFor({ timeout: 30_000 });

  // The audit trail lists what happened, e.g. the sign-up.
  await nav(page, 'Audit trail').click();
  await page
    .getByRole('cell', { name: /organization\.created|person\.signed_up|membership/ })
    .first()
    .waitFor();

  await page.goto('/no/such/page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await expectAccessible(page, 'not-found page');
});
