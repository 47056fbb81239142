/// <reference lib="dom" />
// The learning commons over HTTP, as its readers meet it: who sees a learning as its visibility
// and the team's consent change (the matrix), what a pseudonymised public learning gives away (it
// must not name the team or grant), the public page without JavaScript, the Atom feed and the JSON
// export, a funder's own learnings, and search: ranking, German compounds, snippets, facets.
import { JSDOM } from 'jsdom';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { Account, signUp } from '../helpers/identity';
import { DECIDE, submitApplication } from '../helpers/programmes';
import { submitReview } from '../helpers/sprints';

const VIS = ['GRANT', 'PROGRAMME', 'PUBLIC'] as const;
const STATES = ['requested', 'consented', 'withdrawn'] as const;
type Vis = (typeof VIS)[number];
type State = (typeof STATES)[number];
type ReaderName = 'team' | 'funder' | 'otherGrantee' | 'otherFunder' | 'anonymous';

const CHANGE = `mutation($input: ChangeLearningVisibilityInput!) { changeLearningVisibility(input: $input) { id visibility requestedVisibility } }`;
const REQUEST = `mutation($input: RequestLearningVisibilityInput!) { requestLearningVisibility(input: $input) { id visibility requestedVisibility } }`;
const DECIDE_SHARE = `mutation($input: DecideLearningShareRequestInput!) { decideLearningShareRequest(input: $input) { id visibility requestedVisibility licence attribution } }`;
const ONE = `query($id: ID!) { learning(learningId: $id) { id title visibility source { named authorName grantTitle grantReference programmeTitle funderName } } }`;
const SEARCH = `query($text: String, $tag: String, $kind: LearningKind, $scope: LearningScope) {
  searchLearnings(text: $text, tag: $tag, kind: $kind, scope: $scope, first: 50) {
    totalCount countsComplete nodes { id title }
    edges { rank snippet { text highlighted } node { id title } }
    facets { kinds { value count } tags { value count } programmes { value label count } funders { value label count } years { value count } } } }`;
const PUBLIC_SEARCH = `query($text: String) { publicLearningSearch(text: $text, first: 50) { totalCount nodes { id title } } }`;

/** Reads an error's code and reason. */
const failure = (res: { errors?: { extensions?: Record<string, any> }[] }) => ({
  code: res.errors?.[0]?.extensions?.code,
  reason: res.errors?.[0]?.extensions?.reason,
});

describe('the learning commons', () => {
  let api: TestApi;
  let g: GrantFixture;
  let otherGrantee: Account;
  let otherFunder: Account;
  let db: DataSource;
  let team: { name: string; grantTitle: string; grantReference: string };
  /** One learning per visibility and consent state, by its unique title word. */
  const cell = new Map<string, { id: string; title: string }>();
  const key = (v: Vis, s: State) => `${v}/${s}`;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    g = await createGrant(api, { sprints: 3 });
    // Another grantee of the same programme, and a funder of nothing here.
    otherGrantee = await signUp(api, 'GRANTEE');
    const appId = await submitApplication(otherGrantee, g.programmeId, [10_000_00], 2);
    const decided = await g.manager.gql(DECIDE, {
      input: { applicationId: appId, decision: 'APPROVE', comment: 'ok' },
    });
    expect(decided.errors).toBeUndefined();
    otherFunder = await signUp(api, 'FUNDER');

    const [row] = await db.query(
      `SELECT o.name, g.title, g.reference FROM "grant" g JOIN organization o ON o.id = g.grantee_organization_id WHERE g.id = $1`,
      [g.grantId],
    );
    team = { name: row.name, grantTitle: row.title, grantReference: row.reference };

    // The team's sprint review shares one learning per cell of the matrix (all at GRANT), and the
    // learnings the search tests look for.
    const learnings = [
      ...VIS.flatMap((v) =>
        STATES.map((s) => ({
          title: `Matrix zeta${v.toLowerCase()}${s}`,
          tried: 'We tried door-to-door visits.',
          happened: 'Few opened the door.',
          learned: 'Call first.',
          kind: 'FAILURE',
          tags: ['matrix'],
          visibility: 'GRANT',
        })),
      ),
      {
        title: 'Ehrenamtliche Helfer gewinnen',
        tried: 'Wir haben im Stadtteil Aushänge gemacht.',
        happened: 'Es kamen drei Leute.',
        learned: 'Persönliche Ansprache wirkt besser als Papier.',
        kind: 'INSIGHT',
        tags: ['ehrenamt'],
        visibility: 'PROGRAMME',
      },
      {
        title: 'Aushänge im Treppenhaus',
        tried: 'Wir wollten ehrenamtliche Helfer über Aushänge finden.',
        happened: 'Niemand meldete sich auf die Zettel.',
        learned: 'Zettel allein reichen nicht.',
        kind: 'FAILURE',
        tags: ['outreach'],
        visibility: 'PROGRAMME',
      },
      {
        title: 'Formulare online',
        tried: 'Ein Online-Formular für Anmeldungen.',
        happened: 'Der Datenschutz wurde zur größten Hürde: niemand wusste, wer die Daten sieht.',
        learned: 'Früh mit der Datenschutzbeauftragten sprechen.',
        kind: 'SURPRISE',
        tags: ['daten'],
        visibility: 'PROGRAMME',
      },
      {
        title: 'Das Ehrenamt stärken',
        tried: 'Schulungen für Freiwillige.',
        happened: 'Viele kamen.',
        learned: 'Wertschätzung hält Menschen.',
        kind: 'INSIGHT',
        tags: [],
        visibility: 'PROGRAMME',
      },
    ];
    await submitReview(g.grantee, g.grantId, 1, { learnings });
    const list = await g.grantee.gql(
      `query($id: ID!) { learnings(grantId: $id, first: 50) { nodes { id title } } }`,
      { id: g.grantId },
    );
    for (const v of VIS)
      for (const s of STATES) {
        const found = list.data.learnings.nodes.find((l: any) =>
          l.title.endsWith(`zeta${v.toLowerCase()}${s}`),
        );
        cell.set(key(v, s), found);
      }

    // Bring each cell into its state through the API, as the funder and team would.
    for (const v of VIS)
      for (const s of STATES) {
        const { id } = cell.get(key(v, s))!;
        if (v === 'GRANT') {
          // Nothing wider to ask for: a request for GRANT is refused, and narrowing is a no-op.
          const asked = await g.manager.gql(REQUEST, { input: { learningId: id, visibility: v } });
          expect(failure(asked)).toEqual({ code: 'BAD_USER_INPUT', reason: 'NOT_WIDER' });
          if (s !== 'requested') {
            const set = await g.grantee.gql(CHANGE, { input: { learningId: id, visibility: v } });
            expect(set.errors).toBeUndefined();
          }
          continue;
        }
        const asked = await g.manager.gql(REQUEST, { input: { learningId: id, visibility: v } });
        expect(asked.errors).toBeUndefined();
        expect(asked.data.requestLearningVisibility).toMatchObject({
          visibility: 'GRANT',
          requestedVisibility: v,
        });
        if (s === 'requested') continue;
        const consent = await g.grantee.gql(DECIDE_SHARE, {
          input: { learningId: id, decision: 'CONSENT', comment: 'gern' },
        });
        expect(consent.errors).toBeUndefined();
        expect(consent.data.decideLearningShareRequest).toMatchObject({
          visibility: v,
          requestedVisibility: null,
          licence: 'CC_BY_4_0',
          attribution: 'PSEUDONYMOUS',
        });
        if (s === 'withdrawn') {
          const back = await g.grantee.gql(CHANGE, {
            input: { learningId: id, visibility: 'GRANT' },
          });
          expect(back.errors).toBeUndefined();
        }
      }
  });
  afterAll(() => api.close());

  const effective = (v: Vis, s: State): Vis => (s === 'consented' ? v : 'GRANT');
  const mayRead = (reader: ReaderName, vis: Vis): boolean =>
    reader === 'team' || reader === 'funder'
      ? true
      : reader === 'otherGrantee'
        ? vis !== 'GRANT'
        : vis === 'PUBLIC';

  async function publicOutputs() {
    const feed = await (await fetch(`${api.url}/commons/feed.atom`)).text();
    const exported = (await (await fetch(`${api.url}/commons/export.json`)).json()) as any;
    return { feed, exported };
  }

  it('shows each learning to exactly the readers its visibility and consent allow, everywhere', async () => {
    const readers: Record<Exclude<ReaderName, 'anonymous'>, Account> = {
      team: g.grantee,
      funder: g.funder,
      otherGrantee,
      otherFunder,
    };
    const { feed, exported } = await publicOutputs();
    const exportedIds = new Set(exported.learnings.map((l: any) => l.id));
    const seen: string[] = [];
    const expected: string[] = [];
    for (const v of VIS)
      for (const s of STATES) {
        const { id, title } = cell.get(key(v, s))!;
        const vis = effective(v, s);
        const word = title.split(' ').pop()!;
        for (const [name, account] of Object.entries(readers) as [ReaderName, Account][]) {
          const one = await account.gql(ONE, { id });
          const found = await account.gql(SEARCH, { text: word });
          expect(found.errors).toBeUndefined();
          const bySearch = found.data.searchLearnings.nodes.some((n: any) => n.id === id);
          const byId = !one.errors;
          if (!byId) expect(failure(one).code).toBe('NOT_FOUND');
          if (byId) expect(one.data.learning.visibility).toBe(vis);
          expect(bySearch).toBe(byId);
          if (byId) seen.push(`${key(v, s)} ${name}`);
          if (mayRead(name, vis)) expected.push(`${key(v, s)} ${name}`);
        }
        // Anonymous: the GraphQL query, the public search, the page, the feed and the export.
        const anonymous = await api.gql(ONE, { id });
        const publicSearch = await api.gql(PUBLIC_SEARCH, { text: word });
        const page = await fetch(`${api.url}/commons/${id}`);
        const html = await page.text();
        const channels = [
          !anonymous.errors,
          publicSearch.data.publicLearningSearch.nodes.some((n: any) => n.id === id),
          page.status === 200 && html.includes(title),
          feed.includes(`urn:uuid:${id}`),
          exportedIds.has(id),
        ];
        expect(new Set(channels).size).toBe(1);
        if (channels[0]) seen.push(`${key(v, s)} anonymous`);
        if (mayRead('anonymous', vis)) expected.push(`${key(v, s)} anonymous`);
        if (!channels[0]) {
          expect(failure(anonymous).code).toBe('NOT_FOUND');
          expect(page.status).toBe(404);
          expect(html).not.toContain(title);
        }
      }
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('audits every step of the consent and tells the team through the outbox', async () => {
    const { id } = cell.get(key('PUBLIC', 'withdrawn'))!;
    const events = await db.query(
      `SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY created_at`,
      [id],
    );
    expect(events.map((e: any) => e.action)).toEqual([
      'learning.shared',
      'learning.share-requested',
      'learning.consented',
      'learning.consent-withdrawn',
    ]);
    const outbox = await db.query(
      `SELECT organization_id FROM outbox_event WHERE job_name = 'learnings.share-requested' AND payload->>'learningId' = $1`,
      [id],
    );
    expect(outbox).toEqual([{ organization_id: g.grantee.organizationId }]);
  });

  it('lets only the team widen its learning; the funder only asks, others find nothing', async () => {
    const { id } = cell.get(key('PROGRAMME', 'requested'))!;
    const byFunder = await g.manager.gql(CHANGE, {
      input: { learningId: id, visibility: 'PUBLIC' },
    });
    expect(failure(byFunder)).toEqual({ code: 'FORBIDDEN', reason: 'NOT_AUTHOR' });
    const byOther = await otherFunder.gql(REQUEST, {
      input: { learningId: id, visibility: 'PUBLIC' },
    });
    expect(failure(byOther).code).toBe('NOT_FOUND');
    const teamAsks = await g.grantee.gql(REQUEST, {
      input: { learningId: id, visibility: 'PUBLIC' },
    });
    expect(failure(teamAsks).code).toBe('FORBIDDEN');
    const [{ visibility }] = await db.query(`SELECT visibility FROM learning WHERE id = $1`, [id]);
    expect(visibility).toBe('GRANT');
  });

  describe('a public learning', () => {
    let pseudonymous: string;
    let named: string;
    beforeAll(async () => {
      pseudonymous = cell.get(key('PUBLIC', 'consented'))!.id;
      const namedCell = cell.get(key('PROGRAMME', 'consented'))!.id;
      const res = await g.grantee.gql(CHANGE, {
        input: {
          learningId: namedCell,
          visibility: 'PUBLIC',
          attribution: 'NAMED',
          licence: 'CC_BY_SA_4_0',
        },
      });
      expect(res.errors).toBeUndefined();
      named = namedCell;
    });
    afterAll(async () => {
      await g.grantee.gql(CHANGE, { input: { learningId: named, visibility: 'PROGRAMME' } });
    });

    it('pseudonymised: its page, feed entry and export entry name neither team nor grant', async () => {
      const html = await (await fetch(`${api.url}/commons/${pseudonymous}`)).text();
      const { feed, exported } = await publicOutputs();
      const entry = new JSDOM(feed, { contentType: 'application/xml' }).window.document;
      const feedEntry = [...entry.getElementsByTagName('entry')].find((e) =>
        e.getElementsByTagName('id')[0]!.textContent!.endsWith(pseudonymous),
      )!;
      const exportEntry = exported.learnings.find((l: any) => l.id === pseudonymous);
      const anonymous = await api.gql(ONE, { id: pseudonymous });
      const other = await otherGrantee.gql(ONE, { id: pseudonymous });
      for (const text of [
        html,
        feedEntry.outerHTML,
        JSON.stringify(exportEntry),
        JSON.stringify(anonymous.data),
        JSON.stringify(other.data),
      ]) {
        expect(text).toContain('Digitale Nachbarschaft');
        for (const secret of [team.name, team.grantReference, team.grantTitle])
          expect(text).not.toContain(secret);
      }
      expect(exportEntry.author).toBeNull();
      expect(exportEntry.attribution).toMatch(/^A grantee of the programme/);
      // The grant's funder and team still see who wrote it.
      const funderView = await g.funder.gql(ONE, { id: pseudonymous });
      expect(funderView.data.learning.source).toMatchObject({
        named: true,
        authorName: team.name,
        grantReference: team.grantReference,
      });
    });

    it('named: carries the team, the grant and the chosen licence', async () => {
      const { exported } = await publicOutputs();
      const entry = exported.learnings.find((l: any) => l.id === named);
      expect(entry.author).toEqual({
        kind: 'GRANTEE',
        name: team.name,
        grant: { title: team.grantTitle, reference: team.grantReference },
      });
      expect(entry.licence).toEqual({
        id: 'CC-BY-SA-4.0',
        name: 'CC BY-SA 4.0',
        url: 'https://creativecommons.org/licenses/by-sa/4.0/',
      });
    });

    it('is served at its URL as HTML with title, text and licence, without JavaScript', async () => {
      const res = await fetch(`${api.url}/commons/${pseudonymous}`, {
        headers: { 'accept-language': 'de' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const doc = new JSDOM(await res.text()).window.document;
      const { title } = cell.get(key('PUBLIC', 'consented'))!;
      expect(doc.querySelector('h1')!.textContent).toBe(title);
      expect(doc.title).toContain(title);
      expect(doc.body.textContent).toContain('Call first.');
      const licence = doc.querySelector('a[rel="license"]')!;
      expect(licence.textContent).toBe('CC BY 4.0');
      expect(licence.getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/');
      expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toMatch(
        new RegExp(`/commons/${pseudonymous}$`),
      );
      expect(doc.documentElement.lang).toBe('de');
    });

    it('escapes what people wrote', async () => {
      const res = await g.manager.gql(
        `mutation($input: WriteLearningInput!) { writeLearning(input: $input) { id } }`,
        {
          input: {
            programmeId: g.programmeId,
            title: '<script>alert(1)</script> & "quotes"',
            tried: '<img src=x onerror=alert(1)>',
            happened: 'a < b',
            learned: 'ok',
            kind: 'INSIGHT',
            visibility: 'PUBLIC',
          },
        },
      );
      expect(res.errors).toBeUndefined();
      const id = res.data.writeLearning.id;
      const html = await (await fetch(`${api.url}/commons/${id}`)).text();
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
      const feed = await (await fetch(`${api.url}/commons/feed.atom`)).text();
      const doc = new JSDOM(feed, { contentType: 'application/xml' }).window.document;
      expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
      await g.manager.gql(CHANGE, { input: { learningId: id, visibility: 'GRANT' } });
    });

    it('the Atom feed parses as XML and follows the element rules of RFC 4287', async () => {
      const res = await fetch(`${api.url}/commons/feed.atom`);
      expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const problems = atomProblems(await res.text());
      expect(problems).toEqual([]);
    });

    it('the JSON export matches the public page', async () => {
      const { exported } = await publicOutputs();
      expect(exported.count).toBe(exported.learnings.length);
      expect(exported.learnings.length).toBeGreaterThanOrEqual(2);
      for (const entry of exported.learnings) {
        const doc = new JSDOM(
          await (await fetch(entry.url.replace(/^https?:\/\/[^/]+/, api.url))).text(),
        ).window.document;
        const article = doc.querySelector('article')!;
        expect(article.querySelector('h1')!.textContent).toBe(entry.title);
        for (const text of [entry.tried, entry.happened, entry.learned])
          expect(article.textContent).toContain(text);
        expect(article.querySelector('a[rel="license"]')!.getAttribute('href')).toBe(
          entry.licence.url,
        );
        expect(article.textContent).toContain(entry.attribution);
        expect(article.textContent).toContain(entry.programme.title);
      }
    });
  });

  describe('search', () => {
    it('ranks a learning whose title holds the words above one that mentions them once', async () => {
      const res = await otherGrantee.gql(SEARCH, { text: 'ehrenamtliche Helfer' });
      expect(res.errors).toBeUndefined();
      const titles = res.data.searchLearnings.nodes.map((n: any) => n.title);
      expect(titles.indexOf('Ehrenamtliche Helfer gewinnen')).toBe(0);
      expect(titles).toContain('Aushänge im Treppenhaus');
      const ranks = res.data.searchLearnings.edges.map((e: any) => e.rank);
      expect(ranks[0]).toBeGreaterThan(ranks[titles.indexOf('Aushänge im Treppenhaus')]);
    });

    it('finds German compounds by their parts: Ehrenamtliche → Ehrenamt, Datenschutzkonzept → Datenschutz', async () => {
      const ehrenamt = await otherGrantee.gql(SEARCH, { text: 'Ehrenamtliche' });
      expect(ehrenamt.data.searchLearnings.nodes.map((n: any) => n.title)).toContain(
        'Das Ehrenamt stärken',
      );
      const konzept = await otherGrantee.gql(SEARCH, { text: 'Datenschutzkonzept' });
      expect(konzept.data.searchLearnings.nodes.map((n: any) => n.title)).toEqual([
        'Formulare online',
      ]);
      // Words the commons has never seen do not match everything.
      const nothing = await otherGrantee.gql(SEARCH, { text: 'Quantenkryptographie' });
      expect(nothing.data.searchLearnings.totalCount).toBe(0);
    });

    it('highlights the matching words in the snippet', async () => {
      const res = await otherGrantee.gql(SEARCH, { text: 'Datenschutz' });
      const edge = res.data.searchLearnings.edges[0];
      const highlighted = edge.snippet.filter((p: any) => p.highlighted).map((p: any) => p.text);
      expect(highlighted).toContain('Datenschutz');
      expect(edge.snippet.map((p: any) => p.text).join('')).toContain('wurde zur größten Hürde');
    });

    it('counts facets for the current search', async () => {
      const res = await otherGrantee.gql(SEARCH, { text: 'Aushänge' });
      const s = res.data.searchLearnings;
      expect(s.totalCount).toBe(2);
      expect(s.countsComplete).toBe(true);
      expect(s.facets.kinds).toEqual(
        expect.arrayContaining([
          { value: 'INSIGHT', count: 1 },
          { value: 'FAILURE', count: 1 },
        ]),
      );
      expect(s.facets.tags).toEqual(
        expect.arrayContaining([
          { value: 'ehrenamt', count: 1 },
          { value: 'outreach', count: 1 },
        ]),
      );
      expect(s.facets.programmes).toEqual([
        { value: g.programmeId, label: 'Digitale Nachbarschaft', count: 2 },
      ]);
      expect(s.facets.funders).toHaveLength(1);
      expect(s.facets.years).toEqual([{ value: String(new Date().getFullYear()), count: 2 }]);
      const failures = await otherGrantee.gql(SEARCH, { text: 'Aushänge', kind: 'FAILURE' });
      expect(failures.data.searchLearnings.totalCount).toBe(1);
    });

    it('suggests tags and similar learnings', async () => {
      const tags = await otherGrantee.gql(`{ learningTagSuggestions(prefix: "ehr") }`);
      expect(tags.data.learningTagSuggestions).toEqual(['ehrenamt']);
      const similar = await otherGrantee.gql(
        `query($text: String!) { similarLearnings(text: $text) { title } }`,
        { text: 'Wie finden wir ehrenamtliche Helfer?' },
      );
      const titles = similar.data.similarLearnings.map((l: any) => l.title);
      expect(titles[0]).toBe('Ehrenamtliche Helfer gewinnen');
      expect(titles).toContain('Aushänge im Treppenhaus');
      // Learnings of others: the team that wrote them is not shown its own.
      const own = await g.grantee.gql(
        `query($text: String!) { similarLearnings(text: $text) { title } }`,
        { text: 'Wie finden wir ehrenamtliche Helfer?' },
      );
      expect(own.errors).toBeUndefined();
      expect(own.data.similarLearnings.map((l: any) => l.title)).not.toContain(
        'Ehrenamtliche Helfer gewinnen',
      );
    });

    it('says when more match than it counts, and counts and pages those it ranked', async () => {
      // 1,001 public copies of one learning under a word of their own (a fixture written
      // straight into the table: the API would take a sprint review per learning).
      const [one] = await db.query(`SELECT id FROM learning WHERE grant_id = $1 LIMIT 1`, [
        g.grantId,
      ]);
      await db.query(
        `INSERT INTO learning (grant_id, programme_id, sprint_id, sprint_number, review_id, review_version,
                               position, title, tried, happened, learned, kind, tags, visibility,
                               author_organization_id, funder_organization_id, published_at)
         SELECT l.grant_id, l.programme_id, l.sprint_id, l.sprint_number, l.review_id, l.review_version,
                10000 + n, 'Quokkaschwarm ' || n, l.tried, l.happened, l.learned,
                (ARRAY['INSIGHT','FAILURE'])[1 + n % 2], l.tags, 'PUBLIC',
                l.author_organization_id, l.funder_organization_id, now()
           FROM learning l, generate_series(1, 1001) n WHERE l.id = $1`,
        [one.id],
      );
      const many = (await otherGrantee.gql(SEARCH, { text: 'Quokkaschwarm' })).data.searchLearnings;
      expect(many.countsComplete).toBe(false);
      expect(many.totalCount).toBe(1000);
      expect(many.facets.kinds.reduce((n: number, k: any) => n + k.count, 0)).toBe(1000);
      const few = (await otherGrantee.gql(SEARCH, { text: 'Quokkaschwarm 1000' })).data
        .searchLearnings;
      expect(few).toMatchObject({ countsComplete: true, totalCount: 1 });
      await db.query(`DELETE FROM learning WHERE title LIKE 'Quokkaschwarm %'`);
    });

    it('refuses a search without words, writing nothing', async () => {
      const res = await otherGrantee.gql(SEARCH, { text: '"" -' });
      expect(failure(res).code).toBe('BAD_USER_INPUT');
    });

    it('finds nothing for words too common to search for, without an error', async () => {
      const res = await otherGrantee.gql(SEARCH, { text: 'und the' });
      expect(res.errors).toBeUndefined();
      expect(res.data.searchLearnings).toMatchObject({ totalCount: 0, nodes: [] });
      // Beside a word that counts, they change nothing.
      const withWord = await otherGrantee.gql(SEARCH, { text: 'und Ehrenamtliche' });
      const alone = await otherGrantee.gql(SEARCH, { text: 'Ehrenamtliche' });
      expect(withWord.data.searchLearnings.totalCount).toBeGreaterThan(0);
      expect(withWord.data).toEqual(alone.data);
    });
  });

  describe("a funder's own learnings", () => {
    it("at PROGRAMME are read by the programme's grantees, shown as the funder's, and by no one outside", async () => {
      const written = await g.manager.gql(
        `mutation($input: WriteLearningInput!) { writeLearning(input: $input) { id source { authorKind named authorName } } }`,
        {
          input: {
            programmeId: g.programmeId,
            title: 'Unser Antragsformular war zu lang',
            tried: 'Zwölf Seiten Antrag.',
            happened: 'Kleine Vereine gaben auf.',
            learned: 'Zwei Seiten reichen für die erste Runde.',
            kind: 'FAILURE',
            tags: ['Prozess'],
            visibility: 'PROGRAMME',
          },
        },
      );
      expect(written.errors).toBeUndefined();
      const id = written.data.writeLearning.id;
      expect(written.data.writeLearning.source).toMatchObject({
        authorKind: 'FUNDER',
        named: true,
      });
      for (const reader of [g.grantee, otherGrantee]) {
        const res = await reader.gql(ONE, { id });
        expect(res.data.learning.source.authorName).toBe(
          written.data.writeLearning.source.authorName,
        );
        const found = await reader.gql(SEARCH, { text: 'Antragsformular' });
        expect(found.data.searchLearnings.nodes.map((n: any) => n.id)).toContain(id);
      }
      expect(failure(await otherFunder.gql(ONE, { id })).code).toBe('NOT_FOUND');
      expect(failure(await api.gql(ONE, { id })).code).toBe('NOT_FOUND');
      // Another funder's programme is NOT_FOUND, and grantees cannot write as a funder.
      const foreign = await otherFunder.gql(
        `mutation($input: WriteLearningInput!) { writeLearning(input: $input) { id } }`,
        {
          input: {
            programmeId: g.programmeId,
            title: 't',
            tried: 't',
            happened: 'h',
            learned: 'l',
            kind: 'INSIGHT',
            visibility: 'PROGRAMME',
          },
        },
      );
      expect(failure(foreign).code).toBe('NOT_FOUND');
    });
  });

  describe('"this helped us"', () => {
    it('counts one mark per organisation, which its author cannot give', async () => {
      const { id } = cell.get(key('PUBLIC', 'consented'))!;
      const MARK = `mutation($id: ID!) { markLearningHelpful(learningId: $id) { helpfulCount markedHelpful } }`;
      const first = await otherGrantee.gql(MARK, { id });
      expect(first.data.markLearningHelpful).toEqual({ helpfulCount: 1, markedHelpful: true });
      const again = await otherGrantee.gql(MARK, { id });
      expect(again.data.markLearningHelpful).toEqual({ helpfulCount: 1, markedHelpful: true });
      const second = await otherFunder.gql(MARK, { id });
      expect(second.data.markLearningHelpful.helpfulCount).toBe(2);
      const own = await g.grantee.gql(MARK, { id });
      expect(failure(own)).toEqual({ code: 'BAD_USER_INPUT', reason: 'OWN_LEARNING' });
      const undo = await otherFunder.gql(
        `mutation($id: ID!) { unmarkLearningHelpful(learningId: $id) { helpfulCount markedHelpful } }`,
        { id },
      );
      expect(undo.data.unmarkLearningHelpful).toEqual({ helpfulCount: 1, markedHelpful: false });
    });
  });
});

/**
 * The element rules of RFC 4287 (section 4) that every Atom document must follow, checked on the
 * parsed XML: the root is atom:feed in the Atom namespace; the feed has exactly one atom:id,
 * atom:title and atom:updated, and an atom:author unless every entry has one; at most one
 * rel="alternate" link per type and hreflang; every entry has exactly one atom:id, atom:title and
 * atom:updated, an atom:author (or the feed's), and either atom:content or an alternate link;
 * ids are IRIs, dates RFC 3339, text constructs of type text, html or xhtml.
 */
function atomProblems(xml: string): string[] {
  const ATOM = 'http://www.w3.org/2005/Atom';
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  const problems: string[] = [];
  if (doc.getElementsByTagName('parsererror').length) return ['not well-formed XML'];
  const feed = doc.documentElement;
  if (feed.localName !== 'feed' || feed.namespaceURI !== ATOM) return ['root is not atom:feed'];
  const children = (el: Element, name: string) =>
    [...el.children].filter((c) => c.localName === name && c.namespaceURI === ATOM);
  const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;
  const exactlyOne = (el: Element, where: string, name: string) => {
    const n = children(el, name).length;
    if (n !== 1) problems.push(`${where} has ${n} atom:${name}, needs exactly one`);
  };
  const checkCommon = (el: Element, where: string) => {
    for (const name of ['id', 'title', 'updated']) exactlyOne(el, where, name);
    for (const id of children(el, 'id'))
      if (!IRI.test(id.textContent ?? '')) problems.push(`${where} atom:id is not an IRI`);
    for (const name of ['updated', 'published'])
      for (const d of children(el, name))
        if (!RFC3339.test(d.textContent ?? ''))
          problems.push(`${where} atom:${name} is not RFC 3339`);
    for (const name of ['title', 'subtitle', 'summary', 'rights']) {
      const type = children(el, name)[0]?.getAttribute('type');
      if (type && !['text', 'html', 'xhtml'].includes(type))
        problems.push(`${where} atom:${name} has type ${type}`);
    }
    for (const name of ['summary', 'rights', 'subtitle'])
      if (children(el, name).length > 1) problems.push(`${where} has more than one atom:${name}`);
    const alternates = new Set<string>();
    for (const link of children(el, 'link')) {
      if (!link.getAttribute('href')) problems.push(`${where} atom:link without href`);
      const rel = link.getAttribute('rel') ?? 'alternate';
      if (rel !== 'alternate') continue;
      const k = `${link.getAttribute('type')}|${link.getAttribute('hreflang')}`;
      if (alternates.has(k)) problems.push(`${where} has two alternate links of one type`);
      alternates.add(k);
    }
    for (const author of children(el, 'author'))
      if (children(author, 'name').length !== 1)
        problems.push(`${where} atom:author needs one atom:name`);
  };
  checkCommon(feed, 'feed');
  const entries = children(feed, 'entry');
  const feedAuthor = children(feed, 'author').length > 0;
  entries.forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    checkCommon(entry, where);
    if (!feedAuthor && !children(entry, 'author').length && !children(entry, 'source').length)
      problems.push(`${where} has no atom:author`);
    const content = children(entry, 'content');
    if (content.length > 1) problems.push(`${where} has more than one atom:content`);
    const hasAlternate = children(entry, 'link').some(
      (l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate',
    );
    if (!content.length && !hasAlternate)
      problems.push(`${where} needs content or an alternate link`);
    if (content[0]?.getAttribute('src') && !children(entry, 'summary').length)
      problems.push(`${where} with out-of-line content needs a summary`);
  });
  return problems;
}
