// Demo data: a funder with an open programme and three grantees at different points of the cycle
// (early, further along with a pivot, stopped early with learnings) — made through the real
// services, so ledger, audit events and tranche schedule are what real use would leave behind.
//   node dist/scripts/seed.js             load the demo; refuses (exit 1) if any organisation exists
//   node dist/scripts/seed.js --if-empty  load it only into an empty database (else do nothing, exit 0)
// With NODE_ENV=production it refuses (exit 1) unless --allow-production is given: demo people
// with a published password do not belong in a live system.
import 'reflect-metadata';
import { INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationsModule } from '../applications/applications.module';
import { ApplicationService } from '../applications/application.service';
import { BudgetCategory, DecisionKind } from '../applications/application.enums';
import {
  DecideApplicationInput,
  SaveApplicationInput,
  ScoreApplicationInput,
} from '../applications/dto/application.inputs';
import { BudgetModule } from '../budget/budget.module';
import { BudgetService } from '../budget/budget.service';
import { RequestReallocationInput } from '../budget/dto/budget.inputs';
import { Clock } from '../core/calendar/clock';
import { RequestContext } from '../core/context/request-context';
import { CoreModule } from '../core/core.module';
import { Database } from '../core/database/database.service';
import { AppError, BadUserInputError } from '../core/errors/app-error';
import { createValidationPipe } from '../core/errors/validation.pipe';
import { Money } from '../core/money/money';
import { BudgetLine, Grant, Milestone, Sprint } from '../grants/grant.entity';
import { GrantsModule } from '../grants/grants.module';
import {
  AcceptInvitationInput,
  InviteMemberInput,
  SignUpInput,
} from '../identity/dto/identity.inputs';
import { Organization } from '../identity/entities/organization.entity';
import { IdentityModule } from '../identity/identity.module';
import { InvitationService } from '../identity/invitation.service';
import { FormOfAddress, Language, OrganizationKind, Role } from '../identity/roles';
import { AccountService } from '../identity/account.service';
import { AccountTokenService } from '../identity/account-token.service';
import { AccountToken, AccountTokenPurpose } from '../identity/entities/account-token.entity';
import { SessionService } from '../identity/session.service';
import { ChangeLearningVisibilityInput } from '../learnings/dto/learning.inputs';
import { Learning } from '../learnings/learning.entity';
import { LearningAttribution, LearningKind, LearningLicence } from '../learnings/learning.enums';
import { LearningService } from '../learnings/learning.service';
import { LearningsModule } from '../learnings/learnings.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ProgrammeInput } from '../programmes/dto/programme.inputs';
import { LearningVisibility, ProgrammeStatus, QuestionType } from '../programmes/programme.enums';
import { ProgrammeService } from '../programmes/programme.service';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ChangeNoticeService } from '../sprints/change-notice.service';
import { DecideChangeNoticeInput, FileChangeNoticeInput } from '../sprints/dto/notice.inputs';
import {
  CommentOnSprintReviewInput,
  DecideSprintReviewInput,
  SaveSprintReviewInput,
  SubmitSprintReviewInput,
} from '../sprints/dto/review.inputs';
import { SprintReview } from '../sprints/sprint-review.entity';
import { SprintReviewService } from '../sprints/sprint-review.service';
import {
  ChangeNoticeKind,
  Confidence,
  MilestoneOutcome,
  NoticeDecisionKind,
  ReviewDecisionKind,
} from '../sprints/sprint.enums';
import { SprintsModule } from '../sprints/sprints.module';

/**
 * What the seed needs: the kernel both entry points stand on and the contexts whose services it
 * drives. Nothing is enqueued: mutations write outbox rows, which the worker relays later.
 */
@Module({
  imports: [
    CoreModule,
    NotificationsModule,
    WebhooksModule,
    IdentityModule,
    ProgrammesModule,
    GrantsModule,
    ApplicationsModule,
    BudgetModule,
    SprintsModule,
    LearningsModule,
  ],
})
export class SeedModule {}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'demo-password-123';

export interface SeedOptions {
  /** Do nothing (and report `skipped`) when any organisation exists, instead of refusing. */
  ifEmpty?: boolean;
}

export interface SeedLogin {
  email: string;
  organization: string;
  role: Role;
}

export interface SeedGrant {
  id: string;
  reference: string;
  title: string;
  grantee: string;
  status: string;
  /** Where the grant stands, in a few words. */
  stage: string;
}

export interface SeedSummary {
  password: string;
  logins: SeedLogin[];
  programme: { id: string; title: string; status: string; budget: string; sprints: string };
  grants: SeedGrant[];
}

export type SeedOutcome =
  | { status: 'seeded'; summary: SeedSummary }
  | { status: 'skipped' | 'refused'; organizations: number };

// ---------------------------------------------------------------------------------------------
// The demo's content.

interface Person {
  name: string;
  email: string;
}

interface ProjectSpec {
  organization: string;
  slug: string;
  owner: Person;
  title: string;
  summary: string;
  problem: string;
  approach: string;
  lines: { category: BudgetCategory; name: string; amount: number }[];
  sprints: { goal: string; milestones: string[] }[];
  /** Days before `today` the grant started. */
  startedDaysAgo: number;
  scores: { impact: number; feasibility: number; learning: number };
  feedback: string;
}

const FUNDER = {
  name: 'Stiftung Digitale Teilhabe',
  slug: 'stiftung-digitale-teilhabe',
  owner: { name: 'Dr. Katrin Vogel', email: 'owner@stiftung.example' },
  manager: { name: 'Jonas Albrecht', email: 'manager@stiftung.example' },
};

const PROGRAMME = {
  title: 'Digitale Nachbarschaften 2026',
  description:
    'Die Stiftung Digitale Teilhabe fördert gemeinnützige Teams, die mit digitalen Werkzeugen ' +
    'Nachbarschaften stärken: Hilfe im Alltag, digitale Teilhabe im Alter, offene Daten für ' +
    'den Stadtteil. Gefördert wird agil – in Sprints von vier Wochen, mit kurzen Reviews statt ' +
    'langer Berichte. Kurswechsel sind ausdrücklich erwünscht, wenn das Team etwas gelernt hat.',
  totalBudget: 600_000_00,
  sprintLengthDays: 28,
  maxSprints: 4,
};

const EARLY: ProjectSpec = {
  organization: 'Nachbarschaftshilfe Leipzig-Ost e.V.',
  slug: 'nachbarschaftshilfe-leipzig-ost',
  owner: { name: 'Aylin Demir', email: 'owner@nachbarschaft-leipzig.example' },
  title: 'Nachbarn helfen Nachbarn – die Hilfe-App für Leipzig-Ost',
  summary:
    'Eine einfache App und eine Telefon-Hotline, über die Nachbar:innen im Leipziger Osten ' +
    'kleine Hilfen anbieten und finden: Einkaufen, Begleitung zum Amt, eine Glühbirne wechseln.',
  problem:
    'Viele ältere und alleinlebende Menschen in Volkmarsdorf brauchen gelegentlich Hilfe, ' +
    'kennen aber ihre Nachbar:innen nicht. Gleichzeitig möchten viele Jüngere helfen, finden ' +
    'aber keinen niedrigschwelligen Weg.',
  approach:
    'Wir starten klein in einem Kiez, testen mit echten Nachbar:innen und bauen nur, was ' +
    'genutzt wird. Wer kein Smartphone hat, ruft die Hotline an; Kiezlotsen vermitteln.',
  lines: [
    {
      category: BudgetCategory.PERSONNEL,
      name: 'Entwicklung und Projektkoordination',
      amount: 48_000_00,
    },
    { category: BudgetCategory.MATERIAL, name: 'Hosting, Telefonie und Geräte', amount: 14_000_00 },
    { category: BudgetCategory.OTHER, name: 'Öffentlichkeitsarbeit im Kiez', amount: 8_000_00 },
  ],
  sprints: [
    {
      goal: 'Prototyp erproben: Hilfegesuche und -angebote in Volkmarsdorf per App und Hotline vermitteln',
      milestones: [
        'Klickbarer Prototyp mit 12 Nachbar:innen getestet',
        'Telefon-Hotline für Menschen ohne Smartphone eingerichtet',
        'Erste 20 Hilfen vermittelt',
      ],
    },
    {
      goal: 'Pilotbetrieb im ganzen Stadtteil mit Kiezlotsen',
      milestones: ['App veröffentlicht', '10 Kiezlotsen geschult', '100 vermittelte Hilfen'],
    },
    {
      goal: 'Verstetigung: Trägerschaft und Finanzierung nach der Förderung klären',
      milestones: [
        'Kooperation mit dem Quartiersmanagement vereinbart',
        'Wirkungsbericht veröffentlicht',
      ],
    },
  ],
  startedDaysAgo: 10,
  scores: { impact: 4, feasibility: 5, learning: 4 },
  feedback:
    'Wir freuen uns, Ihr Projekt zu fördern. Besonders überzeugt uns die Hotline für Menschen ohne Smartphone.',
};

const PIVOT: ProjectSpec = {
  organization: 'Digital mobil im Alter gGmbH',
  slug: 'digital-mobil-im-alter',
  owner: { name: 'Thomas Berger', email: 'owner@digital-mobil.example' },
  title: 'Digital mobil im Alter – Smartphone-Hilfe für Senior:innen in Bochum',
  summary:
    'Senior:innen lernen, Smartphone und Tablet sicher zu nutzen: Videotelefonie mit den ' +
    'Enkeln, Online-Termine beim Bürgerbüro, das Deutschlandticket in der App.',
  problem:
    'Rund ein Drittel der über 70-Jährigen ist offline. Wer nicht online ist, wird von immer ' +
    'mehr Alltagsdiensten ausgeschlossen – vom Arzttermin bis zur Fahrkarte.',
  approach:
    'Kurse in Stadtteilbibliotheken mit Leihtablets, später geleitet von ehrenamtlichen ' +
    'Kursleitungen; am Ende übernehmen die Bibliotheken das Format.',
  lines: [
    {
      category: BudgetCategory.PERSONNEL,
      name: 'Projektleitung und Medienpädagogik',
      amount: 70_000_00,
    },
    { category: BudgetCategory.MATERIAL, name: 'Leihtablets und Datentarife', amount: 25_000_00 },
    { category: BudgetCategory.TRAVEL, name: 'Fahrten zu den Treffpunkten', amount: 5_000_00 },
    { category: BudgetCategory.OTHER, name: 'Honorare Peer-Tutor:innen', amount: 20_000_00 },
  ],
  sprints: [
    {
      goal: 'Kursformat in zwei Stadtteilbibliotheken erproben',
      milestones: [
        'Kurskonzept und Lernmaterial in Leichter Sprache',
        'Zwei Pilotkurse mit je 12 Teilnehmenden',
        '30 Leihtablets eingerichtet',
      ],
    },
    {
      goal: 'Kursreihe auf sechs Stadtteilbibliotheken ausweiten',
      milestones: [
        'Vier weitere Bibliotheken als Partner gewonnen',
        'Sechs Kurse gestartet',
        '80 Teilnehmende',
      ],
    },
    {
      goal: 'Ehrenamtliche Kursleitungen ausbilden',
      milestones: ['Train-the-Trainer-Modul entwickelt', '15 ehrenamtliche Kursleitungen'],
    },
    {
      goal: 'Übergabe an die Partner und Wirkungsmessung',
      milestones: ['Handbuch veröffentlicht', 'Wirkungsbefragung ausgewertet'],
    },
  ],
  startedDaysAgo: 40,
  scores: { impact: 5, feasibility: 3, learning: 4 },
  feedback:
    'Bewilligt. Bitte beobachten Sie genau, ob die Kurse die Menschen erreichen, die bisher offline sind.',
};

/** The plan for sprint 2 that the team proposes after sprint 1: the pivot. */
const PIVOT_PLAN = {
  goal: 'Offene Smartphone-Sprechstunden in Seniorentreffs statt Kursreihe in Bibliotheken',
  milestones: [
    'Sprechstunde in vier Seniorentreffs etabliert',
    'Acht Peer-Tutor:innen (selbst 65+) geschult',
    '80 Teilnehmende',
  ],
};

const STOPPED: ProjectSpec = {
  organization: 'Klimadaten Kiel e.V.',
  slug: 'klimadaten-kiel',
  owner: { name: 'Lena Hoffmann', email: 'owner@klimadaten-kiel.example' },
  title: 'Offene Stadtklimadaten Kiel – Schüler:innen messen Hitzeinseln',
  summary:
    'Ein offenes Messnetz aus selbstgebauten Temperatursensoren an Schulen und Vereinsheimen; ' +
    'die Daten stehen als Open Data bereit und zeigen, wo es im Sommer zu heiß wird.',
  problem:
    'Hitzeinseln treffen ältere Menschen und Kinder am stärksten, aber es fehlen kleinräumige ' +
    'Messdaten – die nächste amtliche Station steht am Stadtrand.',
  approach:
    'Schulen bauen Sensoren mit uns, betreuen sie als Pat:innen und arbeiten im Unterricht mit ' +
    'den Daten. Eine Hitzekarte macht sie für alle sichtbar.',
  lines: [
    {
      category: BudgetCategory.PERSONNEL,
      name: 'Projektkoordination und Datenentwicklung',
      amount: 52_000_00,
    },
    { category: BudgetCategory.MATERIAL, name: 'Sensoren und Hardware', amount: 28_000_00 },
    { category: BudgetCategory.OTHER, name: 'Workshops an Schulen', amount: 10_000_00 },
  ],
  sprints: [
    {
      goal: 'Messnetz aufbauen: 25 Temperatursensoren an Schulen und Vereinsheimen',
      milestones: [
        'Sensor-Bausatz mit zwei Schulen entwickelt',
        '25 Sensoren installiert',
        'Datenschnittstelle (Open Data, CC BY 4.0) online',
      ],
    },
    {
      goal: 'Hitzekarte veröffentlichen und mit dem Umweltamt abstimmen',
      milestones: [
        'Hitzekarte als Web-Anwendung (Beta)',
        'Abstimmungstermin mit dem Umweltamt',
        '50 Sensoren in Betrieb',
      ],
    },
    {
      goal: 'Übergabe und Verstetigung',
      milestones: ['Betriebskonzept mit den Schulen', 'Abschlussveranstaltung im Stadtteil'],
    },
  ],
  startedDaysAgo: 45,
  scores: { impact: 4, feasibility: 4, learning: 5 },
  feedback: 'Bewilligt – eine schöne Verbindung von Bildung, Klima und offenen Daten.',
};

// ---------------------------------------------------------------------------------------------

const pipe = createValidationPipe();

/** Validates and transforms a plain object into an input class, as the API's global pipe does. */
async function input<T extends object>(type: Type<T>, plain: object): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype: type })) as T;
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface Actor {
  personId: string;
  organizationId: string;
  kind: OrganizationKind;
  role: Role;
}

interface SprintView {
  id: string;
  number: number;
  status: string;
  goal: string;
  milestones: { id: string; title: string }[];
}

/** Drives the services as the demo's people would through the API. */
class Demo {
  private readonly sessions: SessionService;
  private readonly accounts: AccountService;
  private readonly accountTokens: AccountTokenService;
  private readonly invitations: InvitationService;
  private readonly programmes: ProgrammeService;
  private readonly applications: ApplicationService;
  private readonly budget: BudgetService;
  private readonly reviews: SprintReviewService;
  private readonly notices: ChangeNoticeService;
  private readonly learnings: LearningService;
  private readonly db: Database;

  constructor(
    app: INestApplicationContext,
    private readonly today: string,
  ) {
    this.sessions = app.get(SessionService);
    this.accounts = app.get(AccountService);
    this.accountTokens = app.get(AccountTokenService);
    this.invitations = app.get(InvitationService);
    this.programmes = app.get(ProgrammeService);
    this.applications = app.get(ApplicationService);
    this.budget = app.get(BudgetService);
    this.reviews = app.get(SprintReviewService);
    this.notices = app.get(ChangeNoticeService);
    this.learnings = app.get(LearningService);
    this.db = app.get(Database);
  }

  /** A fresh context per call, like a request: its own request id in the audit trail. */
  as(actor: Actor): RequestContext {
    return RequestContext.create({
      actor: {
        kind: 'user',
        userId: actor.personId,
        organizationId: actor.organizationId,
        organizationKind: actor.kind,
        roles: [actor.role],
      },
      language: 'de',
      userAgent: 'meilenstein-seed',
    });
  }

  private anonymous(): RequestContext {
    return RequestContext.create({ language: 'de', userAgent: 'meilenstein-seed' });
  }

  async signUp(
    person: Person,
    organization: { name: string; slug: string; kind: OrganizationKind },
  ): Promise<Actor> {
    // The operator seeds the demo funder too, whatever SIGNUP_FUNDERS says.
    await this.sessions.signUp(
      this.anonymous(),
      await input(SignUpInput, {
        email: person.email,
        password: DEMO_PASSWORD,
        displayName: person.name,
        language: Language.DE,
        organization: {
          name: organization.name,
          slug: organization.slug,
          kind: organization.kind,
          country: 'DE',
          language: Language.DE,
          formOfAddress: FormOfAddress.SIE,
        },
      }),
      { skipFunderPolicy: true },
    );
    // The demo's people are verified, as if they had opened the emailed link.
    const token = await this.db
      .repo(this.anonymous(), AccountToken)
      .createQueryBuilder('t')
      .innerJoin('t.person', 'p')
      .where('p.email = :email AND t.purpose = :purpose', {
        email: person.email,
        purpose: AccountTokenPurpose.VERIFY_EMAIL,
      })
      .getOneOrFail();
    const payload = await this.accounts.verifyEmail(
      this.anonymous(),
      this.accountTokens.tokenFor(token),
    );
    return {
      personId: payload.person.id,
      organizationId: payload.organization!.id,
      kind: organization.kind,
      role: Role.OWNER,
    };
  }

  /** The owner invites a new person with `role`; the invitee accepts and sets a password. */
  async addMember(owner: Actor, person: Person, role: Role): Promise<Actor> {
    const invitation = await this.invitations.invite(
      this.as(owner),
      await input(InviteMemberInput, { email: person.email, role }),
    );
    const membership = await this.invitations.accept(
      this.anonymous(),
      await input(AcceptInvitationInput, {
        token: this.invitations.tokenFor(invitation.id),
        displayName: person.name,
        password: DEMO_PASSWORD,
        language: Language.DE,
      }),
    );
    return {
      personId: membership.person.id,
      organizationId: owner.organizationId,
      kind: owner.kind,
      role,
    };
  }

  async openProgramme(manager: Actor): Promise<string> {
    const programme = await this.programmes.create(
      this.as(manager),
      await input(ProgrammeInput, {
        title: PROGRAMME.title,
        description: PROGRAMME.description,
        currency: 'EUR',
        totalBudget: PROGRAMME.totalBudget,
        callOpensAt: `${addDays(this.today, -150)}T08:00:00.000Z`,
        callClosesAt: `${addDays(this.today, 45)}T22:59:59.000Z`,
        sprintLengthDays: PROGRAMME.sprintLengthDays,
        maxSprints: PROGRAMME.maxSprints,
        criteria: [
          { key: 'impact', name: 'Wirkung im Stadtteil', weight: 3 },
          { key: 'feasibility', name: 'Machbarkeit', weight: 2 },
          { key: 'learning', name: 'Lernbereitschaft', weight: 1 },
        ],
        reviewTemplate: [
          {
            key: 'people_reached',
            labelDe: 'Wie viele Menschen hat das Projekt in diesem Sprint erreicht?',
            labelEn: 'How many people did the project reach in this sprint?',
            type: QuestionType.NUMBER,
            required: true,
            min: 0,
          },
          {
            key: 'team_mood',
            labelDe: 'Wie geht es dem Team (1–5)?',
            labelEn: 'How is the team doing (1–5)?',
            type: QuestionType.SCALE,
            required: false,
          },
          {
            key: 'help_needed',
            labelDe: 'Wobei kann die Stiftung Sie unterstützen?',
            labelEn: 'How can the foundation support you?',
            type: QuestionType.TEXT,
            required: false,
          },
        ],
      }),
    );
    await this.programmes.changeStatus(this.as(manager), programme.id, ProgrammeStatus.OPEN);
    return programme.id;
  }

  async apply(grantee: Actor, programmeId: string, spec: ProjectSpec): Promise<string> {
    const total = spec.lines.reduce((sum, line) => sum + line.amount, 0);
    const draft = await this.applications.save(
      this.as(grantee),
      await input(SaveApplicationInput, {
        programmeId,
        title: spec.title,
        summary: spec.summary,
        problem: spec.problem,
        approach: spec.approach,
        requestedAmount: eur(total),
        budgetLines: spec.lines.map((l) => ({
          category: l.category,
          name: l.name,
          amount: eur(l.amount),
        })),
        sprintPlan: spec.sprints,
        contactName: spec.owner.name,
        contactEmail: spec.owner.email,
      }),
    );
    await this.applications.submit(this.as(grantee), draft.id);
    return draft.id;
  }

  /** The manager scores the application and approves it, starting `startedDaysAgo` days ago. */
  async award(manager: Actor, applicationId: string, spec: ProjectSpec): Promise<Grant> {
    await this.applications.score(
      this.as(manager),
      await input(ScoreApplicationInput, {
        applicationId,
        scores: [
          {
            criterionKey: 'impact',
            score: spec.scores.impact,
            comment: 'Klarer Nutzen im Stadtteil.',
          },
          {
            criterionKey: 'feasibility',
            score: spec.scores.feasibility,
            comment: 'Realistischer Plan mit erfahrenem Team.',
          },
          {
            criterionKey: 'learning',
            score: spec.scores.learning,
            comment: 'Das Team will früh testen und daraus lernen.',
          },
        ],
      }),
    );
    await this.applications.decide(
      this.as(manager),
      await input(DecideApplicationInput, {
        applicationId,
        decision: DecisionKind.APPROVE,
        comment: spec.feedback,
        startDate: addDays(this.today, -spec.startedDaysAgo),
      }),
    );
    return this.db.repo(this.as(manager), Grant).findOneByOrFail({ applicationId });
  }

  async lines(ctx: RequestContext, grantId: string): Promise<BudgetLine[]> {
    return this.db.repo(ctx, BudgetLine).find({ where: { grantId }, order: { position: 'ASC' } });
  }

  async sprints(ctx: RequestContext, grantId: string): Promise<SprintView[]> {
    const sprints = await this.db
      .repo(ctx, Sprint)
      .find({ where: { grantId }, order: { number: 'ASC' } });
    const views: SprintView[] = [];
    for (const s of sprints) {
      const milestones = await this.db
        .repo(ctx, Milestone)
        .find({ where: { sprintId: s.id }, order: { position: 'ASC' } });
      views.push({
        id: s.id,
        number: s.number,
        status: s.status,
        goal: s.goal,
        milestones: milestones.map((m) => ({ id: m.id, title: m.title })),
      });
    }
    return views;
  }

  async saveReview(grantee: Actor, plain: object) {
    return this.reviews.save(this.as(grantee), await input(SaveSprintReviewInput, plain));
  }

  async submitReview(grantee: Actor, plain: object) {
    return this.reviews.submit(this.as(grantee), await input(SubmitSprintReviewInput, plain));
  }

  async decideReview(
    manager: Actor,
    reviewId: string,
    decision: ReviewDecisionKind,
    comment: string,
  ) {
    return this.reviews.decide(
      this.as(manager),
      await input(DecideSprintReviewInput, { reviewId, decision, comment }),
    );
  }

  async comment(actor: Actor, reviewId: string, body: string) {
    return this.reviews.comment(
      this.as(actor),
      await input(CommentOnSprintReviewInput, { reviewId, body }),
    );
  }

  async reallocate(grantee: Actor, plain: object) {
    return this.budget.requestReallocation(
      this.as(grantee),
      await input(RequestReallocationInput, plain),
    );
  }

  async fileNotice(grantee: Actor, plain: object) {
    return this.notices.file(this.as(grantee), await input(FileChangeNoticeInput, plain));
  }

  async decideNotice(manager: Actor, plain: object) {
    return this.notices.decide(this.as(manager), await input(DecideChangeNoticeInput, plain));
  }

  /** The team makes one of its learnings public (its consent), under CC BY 4.0 and named. */
  async publishLearning(grantee: Actor, grantId: string, title: string) {
    const ctx = this.as(grantee);
    const learning = await this.db.repo(ctx, Learning).findOneByOrFail({ grantId, title });
    return this.learnings.changeVisibility(
      ctx,
      await input(ChangeLearningVisibilityInput, {
        learningId: learning.id,
        visibility: LearningVisibility.PUBLIC,
        licence: LearningLicence.CC_BY_4_0,
        attribution: LearningAttribution.NAMED,
      }),
    );
  }

  async reviewIdOf(ctx: RequestContext, sprintId: string): Promise<string> {
    return (await this.db.repo(ctx, SprintReview).findOneByOrFail({ sprintId })).id;
  }

  async grant(ctx: RequestContext, id: string): Promise<Grant> {
    return this.db.repo(ctx, Grant).findOneByOrFail({ id });
  }

  async organizationCount(): Promise<number> {
    return this.db.repo(RequestContext.system('seed'), Organization).count();
  }
}

/** Outcome entries for a sprint's milestones, in order. */
function outcomes(sprint: SprintView, list: [MilestoneOutcome, string][]) {
  return sprint.milestones.map((m, i) => ({
    milestoneId: m.id,
    outcome: list[i]?.[0] ?? MilestoneOutcome.DONE,
    note: list[i]?.[1] ?? '',
  }));
}

/** Spend per budget line, by the lines' positions (amounts in cents; zero lines left out). */
function spend(lines: BudgetLine[], amounts: number[]) {
  return amounts
    .map((amount, i) => ({ lineId: lines[i].id, amount: eur(amount) }))
    .filter((s) => s.amount.amount > 0);
}

// ---------------------------------------------------------------------------------------------

/** Grant 1: sprint 1 is running; the team has started its review draft. */
async function runEarly(demo: Demo, grantee: Actor, grant: Grant): Promise<string> {
  const ctx = demo.as(grantee);
  const [sprint1] = await demo.sprints(ctx, grant.id);
  await demo.saveReview(grantee, {
    sprintId: sprint1.id,
    summary:
      'Zwischenstand: Der Prototyp ist mit den ersten acht Nachbar:innen getestet, die Hotline ' +
      'läuft seit Montag. Die meisten Anrufe kommen vormittags.',
    outcomes: [
      {
        milestoneId: sprint1.milestones[0].id,
        outcome: MilestoneOutcome.PARTLY,
        note: 'Acht von zwölf Tests gemacht; vier Termine folgen nächste Woche.',
      },
      {
        milestoneId: sprint1.milestones[1].id,
        outcome: MilestoneOutcome.DONE,
        note: 'Hotline werktags 9–12 Uhr, besetzt von zwei Ehrenamtlichen.',
      },
    ],
    answers: [{ key: 'people_reached', number: 23 }],
    confidence: Confidence.GREEN,
  });
  return 'Sprint 1 läuft, Review-Entwurf gespeichert';
}

/** Grant 2: sprint 1 reviewed twice and accepted with a changed plan for sprint 2, money moved. */
async function runPivot(demo: Demo, grantee: Actor, manager: Actor, grant: Grant): Promise<string> {
  const ctx = demo.as(grantee);
  const lines = await demo.lines(ctx, grant.id);
  const [sprint1] = await demo.sprints(ctx, grant.id);
  const review1 = {
    sprintId: sprint1.id,
    summary:
      'Die Pilotkurse in den Bibliotheken Langendreer und Wattenscheid sind gelaufen. Das ' +
      'Material in Leichter Sprache kommt sehr gut an – aber die Kurse erreichen kaum Menschen, ' +
      'die wirklich offline sind. Wir schlagen vor, in Sprint 2 dorthin zu gehen, wo ältere ' +
      'Menschen ohnehin sind: in die Seniorentreffs.',
    outcomes: outcomes(sprint1, [
      [MilestoneOutcome.DONE, '24 Seiten Lernmaterial, mit einer Seniorengruppe gegengelesen.'],
      [
        MilestoneOutcome.PARTLY,
        'Zwei Kurse gestartet, aber nur 9 bzw. 7 Teilnehmende blieben bis zum Ende.',
      ],
      [MilestoneOutcome.DONE, '30 Tablets mit vereinfachter Oberfläche eingerichtet.'],
    ]),
    spend: spend(lines, [16_500_00, 11_800_00, 600_00, 1_800_00]),
    answers: [
      { key: 'people_reached', number: 41 },
      { key: 'team_mood', number: 3 },
      {
        key: 'help_needed',
        text: 'Kontakte zu den Seniorentreffs der Wohlfahrtsverbände in Bochum.',
      },
    ],
    learnings: [
      {
        title: 'Feste Kurstermine in der Bibliothek erreichen die Falschen',
        tried: 'Sechswöchige Kurse, dienstags um 10 Uhr, in zwei Stadtteilbibliotheken.',
        happened:
          'Nach drei Terminen kam nur noch die Hälfte. Wer kam, war schon halbwegs digital fit.',
        learned:
          'Wer digital abgehängt ist, geht nicht in eine Bibliothek. Wir müssen dahin, wo ältere ' +
          'Menschen ohnehin sind: Seniorentreffs, Mittagstische, Kirchencafés.',
        kind: LearningKind.FAILURE,
        tags: ['senior-innen', 'outreach', 'lernformate'],
      },
      {
        title: 'Die meisten bringen ihr eigenes Smartphone mit',
        tried: '30 Leihtablets für die Kurse angeschafft und eingerichtet.',
        happened:
          'Zwei Drittel wollten lieber das eigene Smartphone verstehen – oft ein Geschenk der ' +
          'Enkel, das in der Schublade lag.',
        learned: 'Weniger Leihgeräte, mehr Hilfe am eigenen Gerät.',
        kind: LearningKind.SURPRISE,
        tags: ['smartphone', 'geraete'],
      },
    ],
    confidence: Confidence.AMBER,
    confidenceNote: 'Das Kursformat trägt nicht – aber wir wissen jetzt, was funktionieren kann.',
    nextSprint: PIVOT_PLAN,
  };
  const v1 = await demo.submitReview(grantee, review1);
  await demo.decideReview(
    manager,
    v1.id,
    ReviewDecisionKind.REQUEST_CHANGES,
    'Danke für den offenen Bericht – der Kurswechsel überzeugt uns. Bitte ergänzen Sie in der ' +
      'Zusammenfassung noch, wie die Peer-Tutor:innen vergütet werden sollen; das betrifft die ' +
      'Budgetzeile Honorare.',
  );
  await demo.comment(
    grantee,
    v1.id,
    'Gerne: Peer-Tutor:innen erhalten eine Ehrenamtspauschale von 40 € je Sprechstunde. Dafür ' +
      'schichten wir Mittel aus den Leihtablets um.',
  );
  await demo.submitReview(grantee, {
    sprintId: sprint1.id,
    summary:
      `${review1.summary} Die Peer-Tutor:innen erhalten eine Ehrenamtspauschale von 40 € je ` +
      'Sprechstunde aus der Budgetzeile Honorare.',
  });
  await demo.decideReview(
    manager,
    v1.id,
    ReviewDecisionKind.ACCEPT,
    'Angenommen. Wir freuen uns auf die Sprechstunden in den Seniorentreffs – und auf die ' +
      'Zahlen im nächsten Review.',
  );
  await demo.reallocate(grantee, {
    grantId: grant.id,
    fromLineId: lines[1].id,
    toLineId: lines[3].id,
    amount: eur(4_000_00),
    reason:
      'Zwei Drittel der Teilnehmenden nutzen ihr eigenes Smartphone: Wir brauchen weniger ' +
      'Leihgeräte und mehr Peer-Tutor:innen für die Sprechstunden.',
  });
  const sprint2 = (await demo.sprints(ctx, grant.id))[1];
  await demo.saveReview(grantee, {
    sprintId: sprint2.id,
    summary:
      'Die ersten Sprechstunden im Seniorentreff Hamme und im Mittagstisch der Caritas laufen; ' +
      'pro Termin kommen 10 bis 15 Menschen, fast alle mit eigenem Gerät.',
    answers: [{ key: 'people_reached', number: 37 }],
  });
  return 'Sprint 1 mit Kurswechsel angenommen, Umschichtung, Sprint 2 läuft';
}

/** Grant 3: sprint 1 accepted; in sprint 2 the team stops with a final review full of learnings. */
async function runStopped(
  demo: Demo,
  grantee: Actor,
  manager: Actor,
  grant: Grant,
): Promise<string> {
  const ctx = demo.as(grantee);
  const lines = await demo.lines(ctx, grant.id);
  const [sprint1, sprint2] = await demo.sprints(ctx, grant.id);
  const r1 = await demo.submitReview(grantee, {
    sprintId: sprint1.id,
    summary:
      'Zusammen mit der Max-Planck-Schule und der Toni-Jensen-Gemeinschaftsschule haben wir ' +
      'einen Sensor-Bausatz entwickelt; 27 Sensoren messen seit drei Wochen.',
    outcomes: outcomes(sprint1, [
      [MilestoneOutcome.DONE, 'Bausatz für 38 € pro Sensor, in einer Doppelstunde aufgebaut.'],
      [MilestoneOutcome.DONE, '27 Sensoren an 14 Schulen und 13 Vereinsheimen.'],
      [MilestoneOutcome.PARTLY, 'Die Schnittstelle läuft; die Dokumentation fehlt noch.'],
    ]),
    spend: spend(lines, [15_000_00, 16_400_00, 2_100_00]),
    answers: [
      { key: 'people_reached', number: 180 },
      { key: 'team_mood', number: 5 },
      { key: 'help_needed', text: 'Einen Kontakt zum Umweltamt der Stadt.' },
    ],
    learnings: [
      {
        title: 'Schüler:innen sind die besten Sensor-Pat:innen',
        tried: 'Jede Klasse übernimmt die Patenschaft für einen Sensor auf dem Schulgelände.',
        happened: 'Ausfälle wurden innerhalb eines Tages gemeldet – schneller als von uns.',
        learned: 'Verantwortung vor Ort hält ein Messnetz am Leben.',
        kind: LearningKind.INSIGHT,
        tags: ['schulen', 'open-data'],
      },
    ],
    confidence: Confidence.GREEN,
    confidenceNote: 'Das Netz läuft, die Schulen sind begeistert.',
    nextSprint: { goal: sprint2.goal, milestones: sprint2.milestones.map((m) => m.title) },
  });
  await demo.decideReview(
    manager,
    r1.id,
    ReviewDecisionKind.ACCEPT,
    'Starker Start – die Schulen als Standorte und Pat:innen sind eine sehr gute Idee.',
  );
  // The final review is saved complete first; the STOP notice submits it.
  await demo.saveReview(grantee, {
    sprintId: sprint2.id,
    summary:
      'Im Abstimmungsgespräch hat uns das Umweltamt mitgeteilt, dass die Stadt ab Januar ein ' +
      'eigenes Stadtklima-Messnetz mit 120 Stationen aufbaut und alle Daten als Open Data ' +
      'veröffentlicht. Ein zweites Netz wäre doppelte Arbeit mit öffentlichem Geld. Wir beenden ' +
      'das Projekt nach Sprint 2 und übergeben Sensoren, Standortdaten und den Bausatz an das ' +
      'Umweltamt und die Schulen.',
    outcomes: outcomes(sprint2, [
      [MilestoneOutcome.DROPPED, 'Die Stadt veröffentlicht ab März eine eigene Hitzekarte.'],
      [MilestoneOutcome.DONE, 'Gespräch am Umweltamt mit Klimaschutzleitstelle und IT.'],
      [
        MilestoneOutcome.DROPPED,
        'Nicht mehr sinnvoll; unsere 27 Sensoren gehen in das städtische Netz über.',
      ],
    ]),
    spend: spend(lines, [8_200_00, 600_00, 1_400_00]),
    answers: [
      { key: 'people_reached', number: 95 },
      { key: 'team_mood', number: 4 },
      {
        key: 'help_needed',
        text: 'Eine kurze Bestätigung, dass die restlichen Mittel nicht abgerufen werden.',
      },
    ],
    learnings: [
      {
        title: 'Vor dem Bauen mit der Verwaltung sprechen',
        tried: 'Wir haben das Messnetz aufgebaut und wollten die Stadt danach einbinden.',
        happened:
          'Die Stadt plante längst ein eigenes Netz; wir haben es erst im zweiten Sprint erfahren.',
        learned:
          'Ein Anruf beim Umweltamt in der ersten Woche hätte uns einen Sprint gespart. Wir ' +
          'fragen künftig vor dem Start, wer an derselben Frage arbeitet.',
        kind: LearningKind.SURPRISE,
        tags: ['verwaltung', 'open-data'],
      },
      {
        title: 'Eigenbau-Sensoren brauchen mehr Pflege als gedacht',
        tried: 'Günstige Sensoren im selbstgedruckten Wetterschutzgehäuse.',
        happened: 'Nach dem ersten Starkregen fielen 6 von 27 Sensoren aus.',
        learned:
          'Das Gehäuse ist wichtiger als der Sensor. Unsere Bauanleitung enthält jetzt ein ' +
          'geprüftes Gehäuse – das übernimmt die Stadt für ihre Schulstationen.',
        kind: LearningKind.FAILURE,
        tags: ['hardware', 'sensoren'],
      },
    ],
    confidence: Confidence.AMBER,
    confidenceNote:
      'Das Projekt endet früher als geplant, aber Daten, Bausatz und Erfahrungen leben im ' +
      'städtischen Messnetz weiter.',
  });
  const notice = await demo.fileNotice(grantee, {
    grantId: grant.id,
    kind: ChangeNoticeKind.STOP,
    description:
      'Die Landeshauptstadt Kiel baut ab Januar ein eigenes Stadtklima-Messnetz mit 120 ' +
      'Stationen auf und veröffentlicht die Daten offen. Unser Netz würde das doppeln. Wir ' +
      'beenden die Förderung nach Sprint 2 und übergeben Sensoren und Erkenntnisse an ' +
      'Umweltamt und Schulen.',
  });
  await demo.decideNotice(manager, {
    noticeId: notice.id,
    decision: NoticeDecisionKind.ACKNOWLEDGE,
    comment:
      'Danke für die ehrliche und frühe Entscheidung – genau so soll es sein. Die nicht ' +
      'abgerufenen Mittel fließen zurück ins Programm.',
  });
  await demo.decideReview(
    manager,
    await demo.reviewIdOf(ctx, sprint2.id),
    ReviewDecisionKind.ACCEPT,
    'Abschlussbericht angenommen. Ihre Learnings teilen wir mit allen Teams im Programm.',
  );
  // The team shares its failure with the whole sector: the public library is not empty.
  await demo.publishLearning(
    grantee,
    grant.id,
    'Eigenbau-Sensoren brauchen mehr Pflege als gedacht',
  );
  return 'Nach Sprint 2 beendet, Abschluss-Review mit Learnings angenommen; ein Learning öffentlich';
}

// ---------------------------------------------------------------------------------------------

/** A failure after the first demo record was written: what was written before it stays. */
export class PartialSeedError extends Error {
  constructor(override readonly cause: unknown) {
    super(`seed stopped half-way: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Loads the demo into the database of `app` (a context of SeedModule or of the API). Refuses when
 * any organisation exists — or, with `ifEmpty`, does nothing then. Each step is a transaction of
 * its own, as through the API (so the timeline tells the steps apart); a failing step leaves the
 * earlier ones in place and throws PartialSeedError.
 */
export async function seed(
  app: INestApplicationContext,
  options: SeedOptions = {},
): Promise<SeedOutcome> {
  // Dates are relative to today (the Clock's, in the demo programme's Europe/Berlin): grants
  // started days or weeks ago, the call is still open.
  const demo = new Demo(app, app.get(Clock).today('Europe/Berlin'));
  const organizations = await demo.organizationCount();
  if (organizations > 0) return { status: options.ifEmpty ? 'skipped' : 'refused', organizations };
  try {
    return { status: 'seeded', summary: await load(demo) };
  } catch (error) {
    throw new PartialSeedError(error);
  }
}

async function load(demo: Demo): Promise<SeedSummary> {
  const owner = await demo.signUp(FUNDER.owner, {
    name: FUNDER.name,
    slug: FUNDER.slug,
    kind: OrganizationKind.FUNDER,
  });
  const manager = await demo.addMember(owner, FUNDER.manager, Role.MANAGER);
  const programmeId = await demo.openProgramme(manager);

  const projects = [EARLY, PIVOT, STOPPED];
  const grantees: Actor[] = [];
  for (const spec of projects)
    grantees.push(
      await demo.signUp(spec.owner, {
        name: spec.organization,
        slug: spec.slug,
        kind: OrganizationKind.GRANTEE,
      }),
    );
  const applicationIds: string[] = [];
  for (const [i, spec] of projects.entries())
    applicationIds.push(await demo.apply(grantees[i], programmeId, spec));
  const grants: Grant[] = [];
  for (const [i, spec] of projects.entries())
    grants.push(await demo.award(manager, applicationIds[i], spec));

  const stages = [
    await runEarly(demo, grantees[0], grants[0]),
    await runPivot(demo, grantees[1], manager, grants[1]),
    await runStopped(demo, grantees[2], manager, grants[2]),
  ];

  const ctx = demo.as(manager);
  const summary: SeedSummary = {
    password: DEMO_PASSWORD,
    logins: [
      { email: FUNDER.owner.email, organization: FUNDER.name, role: Role.OWNER },
      { email: FUNDER.manager.email, organization: FUNDER.name, role: Role.MANAGER },
      ...projects.map((p) => ({
        email: p.owner.email,
        organization: p.organization,
        role: Role.OWNER,
      })),
    ],
    programme: {
      id: programmeId,
      title: PROGRAMME.title,
      status: ProgrammeStatus.OPEN,
      budget: Money.of(PROGRAMME.totalBudget, 'EUR').format('de'),
      sprints: `bis zu ${PROGRAMME.maxSprints} Sprints à ${PROGRAMME.sprintLengthDays} Tage`,
    },
    grants: [],
  };
  for (const [i, g] of grants.entries()) {
    const grant = await demo.grant(ctx, g.id);
    summary.grants.push({
      id: grant.id,
      reference: grant.reference,
      title: grant.title,
      grantee: projects[i].organization,
      status: grant.status,
      stage: stages[i],
    });
  }
  return summary;
}

export function formatSummary(summary: SeedSummary): string {
  const width = Math.max(...summary.logins.map((l) => l.email.length));
  return [
    'Meilenstein: Demo-Daten angelegt.',
    '',
    `Logins (Passwort für alle: ${summary.password}):`,
    ...summary.logins.map((l) => `  ${l.email.padEnd(width)}  ${l.organization} (${l.role})`),
    '',
    `Programm: ${summary.programme.title} — ${summary.programme.status}, ${summary.programme.budget}, ${summary.programme.sprints}`,
    '',
    'Förderungen:',
    ...summary.grants.map(
      (g) => `  ${g.reference}  ${g.status.padEnd(7)}  ${g.grantee}: ${g.stage}`,
    ),
  ].join('\n');
}

function describeError(error: unknown): string {
  if (error instanceof BadUserInputError && error.fields.length)
    return `${error.message}\n${error.fields.map((f) => `  - ${f.field}: ${f.message}`).join('\n')}`;
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

const USAGE = 'usage: seed [--if-empty] [--allow-production]';
const FLAGS = ['--if-empty', '--allow-production'];

/** The command line: returns the exit code. */
export async function seedCli(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => !FLAGS.includes(a));
  if (unknown.length) {
    console.error(`unknown argument ${unknown.join(' ')}\n${USAGE}`);
    return 1;
  }
  if (process.env.NODE_ENV === 'production' && !argv.includes('--allow-production')) {
    console.error(
      'seed: refused — NODE_ENV is production, and demo data (people with a published password) ' +
        'does not belong in a live system. Set SEED_DEMO_DATA=false, or pass --allow-production.',
    );
    return 1;
  }
  const ifEmpty = argv.includes('--if-empty');
  const app = await NestFactory.createApplicationContext(SeedModule, {
    logger: ['error'],
    abortOnError: false,
  });
  try {
    const outcome = await seed(app, { ifEmpty });
    if (outcome.status === 'seeded') {
      console.log(formatSummary(outcome.summary));
      return 0;
    }
    if (outcome.status === 'skipped') {
      console.log(
        `seed: the database already holds ${outcome.organizations} organisation(s); no demo data loaded (--if-empty).`,
      );
      return 0;
    }
    console.error(
      `seed: refused — the database already holds ${outcome.organizations} organisation(s). ` +
        'Demo data is only loaded into an empty database (use --if-empty to skip quietly).',
    );
    return 1;
  } catch (error) {
    if (error instanceof PartialSeedError)
      console.error(
        `seed failed: ${describeError(error.cause)}\n` +
          'The steps done before the failure stay in the database; reset it before seeding again.',
      );
    else
      console.error(
        `seed failed: ${describeError(error)}\nIs the database reachable and migrated?`,
      );
    return 1;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  seedCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`seed failed: ${describeError(error)}`);
      process.exitCode = 1;
    },
  );
}
