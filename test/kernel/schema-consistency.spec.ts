// An API that reads the same everywhere: walks the schema the server builds and fails naming each
// place that breaks one of the shared conventions — ids are ID, calendar days are LocalDate, lists
// that grow are Relay connections, decisions take one shape, no "Type" suffixes, and the main
// objects are Relay nodes.
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  buildSchema,
  getNamedType,
  GraphQLField,
  GraphQLSchema,
  GraphQLType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, TestApi } from '../helpers/api';

/**
 * Lists of objects that cannot grow without bound, so a plain list is the honest shape. Every
 * other list of object types on Query or on an object type must be a connection.
 */
export const BOUNDED_LISTS: Record<string, string> = {
  'Application.budgetLines': 'at most 50 lines (SaveApplicationInput.budgetLines)',
  'Application.sprintPlan': "at most 24 sprints, and no more than the programme's sprint count",
  'Application.reviews': 'one per reviewer of the funder (unique per application and person)',
  'Application.versions': "one per submission; a new one only follows the funder's REQUEST_INFO",
  'ApplicationReview.scores': 'one per criterion of the programme (at most 20)',
  'Query.attachments': "one parent's files: a few receipts or documents each",
  'SpendEntry.attachments': "one entry's receipts: a few files each",
  'Grant.budgetLines': 'the lines fixed at award (at most 50); reallocations move money, not lines',
  'Grant.sprints': "the programme's number of sprints",
  'Grant.tranches': 'one per sprint plus the holdback, and one per amendment the funder makes',
  'Grant.pivots': 'at most one per accepted review, so per sprint',
  'GrantBudget.lines': 'one per budget line',
  'GrantBudget.burnBySprint': 'one per sprint',
  'Learning.similar': 'at most 10 (first ≤ 10)',
  'LearningFacets.kinds': 'one per kind of learning (an enum)',
  'LearningFacets.tags': 'the 20 most frequent tags of the result',
  'LearningFacets.programmes': 'the 20 programmes with the most hits',
  'LearningFacets.funders': 'the 20 funders with the most hits',
  'LearningFacets.years': 'the 20 years with the most hits',
  'Query.learningLicences': 'one per licence (an enum)',
  'Query.similarLearnings': 'at most 10 (first ≤ 10)',
  'Programme.criteria': 'configured by the funder, at most 20',
  'Programme.reviewTemplate': 'configured by the funder, at most 30 questions',
  'Query.notificationPreferences': 'one per notification kind (an enum)',
  'ReviewContentView.answers': "one per question of the programme's review template",
  'ReviewContentView.outcomes': 'one per milestone of the sprint (at most 50)',
  'ReviewContentView.spend': 'one per budget line (at most 50)',
  'ReviewContentView.learnings': 'at most 20 per review (SaveSprintReviewInput.learnings)',
  'Sprint.milestones': 'the milestones of one sprint plan (at most 20)',
  'SprintReview.versions':
    "one per submission; a new one only follows the funder's REQUEST_CHANGES",
  'SprintReview.decisions': 'one per submitted version',
  'ProofOfUse.decisions': 'one per submitted version',
  'ProofOfUseFigures.lines': 'one per budget line (at most 50)',
  'ProofOfUseFigures.receipts':
    "the spend entries of one grant in one period: the proof of use's list of receipts, read as one document",
  'ProofOfUseFigures.tranches': 'the tranches of one grant (one per sprint plus the holdback)',
  'ProofOfUseFigures.reallocations':
    'the reallocations of one grant applied in one period, shown with the statement they explain',
  'ProofOfUseReceipt.attachments': "one spend entry's receipts: a few files each",
  'Viewer.memberships': 'the organisations one person belongs to',
};

/** Types a client can refetch with `node(id)`. */
export const NODE_TYPES = [
  'Organization',
  'Person',
  'Membership',
  'Programme',
  'Application',
  'Grant',
  'BudgetLine',
  'Sprint',
  'SprintReview',
  'Reallocation',
  'Tranche',
  'ChangeNotice',
  'Learning',
  'Report',
  'WebhookEndpoint',
  'Notification',
];

const ID_LIKE = /(^id|Id|Ids)$/;
const DATE_LIKE = /(On|Date)$/;
const isConnection = (name: string) => name.endsWith('Connection');
const named = (type: GraphQLType): string => getNamedType(type).name;

function userTypes(schema: GraphQLSchema) {
  return Object.values(schema.getTypeMap()).filter(
    (t) => !isIntrospectionType(t) && !isSpecifiedScalarType(t),
  );
}

/** Fields and arguments whose name says id or calendar day but whose type is String. */
export function stringIdsAndDates(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const check = (where: string, name: string, typeName: string) => {
    if (typeName === 'String' && (ID_LIKE.test(name) || DATE_LIKE.test(name))) problems.push(where);
  };
  for (const type of userTypes(schema)) {
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      check(`${type.name}.${field.name}`, field.name, named(field.type));
      for (const arg of 'args' in field ? field.args : []) {
        check(`${type.name}.${field.name}(${arg.name})`, arg.name, named(arg.type));
      }
    }
  }
  return problems;
}

export function typeSuffixed(schema: GraphQLSchema): string[] {
  return userTypes(schema)
    .map((t) => t.name)
    .filter((name) => /Type$/.test(name));
}

/**
 * "Growable": a field of Query or of an object type (not Mutation, not a connection's own
 * edges/nodes) whose type is a list of object types. It must be a connection unless allow-listed.
 */
export function plainGrowableLists(
  schema: GraphQLSchema,
  bounded: Record<string, string> = BOUNDED_LISTS,
): string[] {
  const problems: string[] = [];
  for (const type of userTypes(schema)) {
    if (!isObjectType(type) || type === schema.getMutationType()) continue;
    if (isConnection(type.name) || type.name.endsWith('Edge')) continue;
    for (const field of Object.values(type.getFields())) {
      const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
      const key = `${type.name}.${field.name}`;
      if (isListType(unwrapped) && isObjectType(getNamedType(field.type)) && !(key in bounded))
        problems.push(key);
    }
  }
  return problems;
}

/** Connection fields that cannot be paged forward with first/after. */
export function connectionsWithoutFirstAfter(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of userTypes(schema)) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (!isConnection(getNamedType(field.type).name)) continue;
      const args = new Map(field.args.map((a) => [a.name, getNamedType(a.type).name]));
      if (args.get('first') !== 'Int' || args.get('after') !== 'String')
        problems.push(`${type.name}.${field.name}`);
    }
  }
  return problems;
}

/** `decide…` mutations that do not take `input: { …Id: ID!, decision: ENUM!, comment: String }`. */
export function oddDecisions(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (!field.name.startsWith('decide')) continue;
    const [arg, ...more] = field.args;
    const input = arg && isNonNullType(arg.type) ? arg.type.ofType : undefined;
    if (!arg || arg.name !== 'input' || more.length || !isInputObjectType(input)) {
      problems.push(`${field.name}: one required argument "input"`);
      continue;
    }
    const fields = input.getFields();
    const decision = fields.decision;
    if (!decision || !isNonNullType(decision.type) || !isEnumType(decision.type.ofType))
      problems.push(`${field.name}: decision must be a required enum`);
    const comment = fields.comment;
    if (!comment || isNonNullType(comment.type) || getNamedType(comment.type).name !== 'String')
      problems.push(`${field.name}: comment must be an optional String`);
    const ids = Object.values(fields).filter((f) => /Id$/.test(f.name));
    if (ids.length !== 1 || String(ids[0]!.type) !== 'ID!')
      problems.push(`${field.name}: exactly one required …Id: ID!`);
  }
  return problems;
}

describe('schema consistency', () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    api = await startApi();
    schema = api.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => api.close());

  it('has no String ids or calendar days: ids are ID, days are LocalDate', () => {
    expect(stringIdsAndDates(schema)).toEqual([]);
  });

  it('has no type names with a "Type" suffix', () => {
    expect(typeSuffixed(schema)).toEqual([]);
  });

  it('serves every list that can grow as a connection with first/after', () => {
    expect(plainGrowableLists(schema)).toEqual([]);
    expect(connectionsWithoutFirstAfter(schema)).toEqual([]);
    // The allow-list names only lists that exist: a stale entry would hide nothing, but mislead.
    const lists = Object.keys(BOUNDED_LISTS).filter((key) => {
      const [type, field] = key.split('.') as [string, string];
      const t = schema.getType(type);
      return !(isObjectType(t) && t.getFields()[field]);
    });
    expect(lists).toEqual([]);
  });

  it('takes every decision in one shape: input { …Id, decision: ENUM, comment }', () => {
    expect(oddDecisions(schema)).toEqual([]);
  });

  it('lets clients refetch the main objects through node(id)', () => {
    const node = schema.getQueryType()!.getFields().node!;
    expect(String(node.type)).toBe('Node');
    expect(node.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(['id: ID!']);
    const missing = NODE_TYPES.filter((name) => {
      const type = schema.getType(name);
      return !isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node');
    });
    expect(missing).toEqual([]);
  });

  it('is the schema committed as schema.gql', () => {
    const committed = buildSchema(readFileSync(join(__dirname, '../../schema.gql'), 'utf8'));
    expect(stringIdsAndDates(committed)).toEqual([]);
    expect(plainGrowableLists(committed)).toEqual([]);
    expect(oddDecisions(committed)).toEqual([]);
    expect(Object.keys(committed.getTypeMap()).sort()).toEqual(
      Object.keys(schema.getTypeMap()).sort(),
    );
  });

  it('notices each kind of inconsistency', () => {
    const bad = buildSchema(`
      enum Verdict { YES NO }
      input DecideThingInput { thingId: ID!, approve: Boolean!, comment: String! }
      type ThingType { id: ID!, ownerId: String, startDate: String, parts: [Part!]! }
      type Part { id: ID! }
      type PartConnection { nodes: [Part!]! }
      type Query { things(ownerIds: [String!]): [ThingType!]!, parts(first: Int): PartConnection! }
      type Mutation { decideThing(input: DecideThingInput!): ThingType, decideOther(id: ID!, decision: Verdict!): ThingType }
    `);
    expect(stringIdsAndDates(bad).sort()).toEqual(
      ['Query.things(ownerIds)', 'ThingType.ownerId', 'ThingType.startDate'].sort(),
    );
    expect(typeSuffixed(bad)).toEqual(['ThingType']);
    expect(plainGrowableLists(bad, {}).sort()).toEqual(['Query.things', 'ThingType.parts'].sort());
    expect(connectionsWithoutFirstAfter(bad)).toEqual(['Query.parts']);
    expect(oddDecisions(bad)).toEqual([
      'decideThing: decision must be a required enum',
      'decideThing: comment must be an optional String',
      'decideOther: one required argument "input"',
    ]);
  });
});
