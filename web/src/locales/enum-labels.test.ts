// Every value of an API enum that the app names in words has its words: a value added to the
// schema (a new budget category, status or kind) fails here until each label map that shows it
// has a text, instead of reaching a person as a raw code.
import { buildSchema, GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../schema.gql?raw';
import type { Tree } from './catalogues';
import de from './catalogue.de';
import deInformal from './catalogue.de-informal';
import en from './catalogue.en';

const catalogues = { en, de, 'de-informal': deInformal };

/** Label maps (catalogue path) that name every value of an enum (schema name). */
const LABEL_MAPS: [string, string][] = [
  ['role', 'Role'],
  ['apiKeys.scope', 'ApiKeyScope'],
  ['webhooks.endpointStatus', 'WebhookEndpointStatus'],
  ['webhooks.deliveryStatus', 'WebhookDeliveryStatus'],
  ['notificationKind', 'NotificationKind'],
  ['report.kind', 'ReportKind'],
  ['report.format', 'ReportFormat'],
  ['report.status', 'ReportStatus'],
  ['applications.status', 'ApplicationStatus'],
  ['applications.trancheKind', 'TrancheKind'],
  ['applications.trancheStatus', 'TrancheStatus'],
  ['draft.category', 'BudgetCategory'],
  ['grant.status', 'GrantStatus'],
  ['grant.sprintStatus', 'SprintStatus'],
  ['grant.category', 'BudgetCategory'],
  ['grant.tranches.kind', 'TrancheKind'],
  ['grant.tranches.statusLabel', 'TrancheStatus'],
  ['grant.noticeKind', 'ChangeNoticeKind'],
  ['grant.learningKind', 'LearningKind'],
  ['grant.visibility', 'LearningVisibility'],
  ['sprintReview.outcome', 'MilestoneOutcome'],
  ['sprintReview.confidenceLevel', 'Confidence'],
  ['commons.kind', 'LearningKind'],
  ['grantMoney.status', 'GrantStatus'],
  ['reallocation.status', 'ReallocationStatus'],
  ['closeOut.claimStatus', 'RefundClaimStatus'],
  ['tranches.kind', 'TrancheKind'],
  ['tranches.status', 'TrancheStatus'],
  ['notices.kind', 'ChangeNoticeKind'],
  ['notices.status', 'ChangeNoticeStatus'],
  ['programmes.status', 'ProgrammeStatus'],
  ['programmeEditor.questionType', 'QuestionKind'],
  ['programmeEditor.visibility', 'LearningVisibility'],
  ['inbox.status', 'ApplicationStatus'],
  ['decision.category', 'BudgetCategory'],
];

const schema = buildSchema(schemaText);

function at(tree: Tree, path: string): Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const key of path.split('.')) node = typeof node === 'object' ? node[key] : undefined;
  return typeof node === 'object' ? node : undefined;
}

describe('labels of API enums', () => {
  it.each(LABEL_MAPS)('%s names every value of %s', (path, enumName) => {
    const type = schema.getType(enumName);
    expect(type, enumName).toBeInstanceOf(GraphQLEnumType);
    const values = (type as GraphQLEnumType).getValues().map((v) => v.name);
    for (const name of ['en', 'de'] as const) {
      const labels = at(catalogues[name], path);
      expect(labels, `${name}: ${path}`).toBeDefined();
      expect(values.filter((v) => typeof labels![v] !== 'string')).toEqual([]);
    }
  });
});
