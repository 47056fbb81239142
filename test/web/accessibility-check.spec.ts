// The accessibility check every browser spec relies on fails when it should: a page with an image
// without alternative text and a button without a name is refused, with both findings named.
import { expectAccessible, launchBrowser } from '../helpers/browser';
import type { Browser } from 'playwright-core';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

it('refuses a page with serious findings and names them', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.setContent(
    '<html lang="en"><head><title>Probe</title></head><body><main><h1>Probe</h1>' +
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>',
  );
  const refusal = await expectAccessible(page, 'the probe').then(
    () => '',
    (error: Error) => error.message,
  );
  expect(refusal).toMatch(/^axe on the probe:/);
  expect(refusal).toMatch(/button-name \(critical\)/);
  expect(refusal).toMatch(/image-alt \(critical\)/);
});

it('passes the same page once both are fixed', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.setContent(
    '<html lang="en"><head><title>Probe</title></head><body><main><h1>Probe</h1>' +
      '<img alt="A dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button>Save</button>' +
      '</main></body></html>',
  );
  await expectAccessible(page, 'the probe');
});
