// The content of a sprint review as stored (draft and submitted versions, JSON): what the grantee
// wrote, with money as strings of minor units so no precision is lost in JSON.
import type { LearningVisibility } from '../programmes/programme.enums';
import type { LearningKind } from '../learnings/learning.enums';
import type { Confidence, MilestoneOutcome } from './sprint.enums';

export interface StoredOutcome {
  milestoneId: string;
  /** The milestone's title when the outcome was written. */
  milestoneTitle: string;
  outcome: MilestoneOutcome;
  note: string;
}

export interface StoredSpend {
  lineId: string;
  /** The line's name when the spend was written. */
  lineName: string;
  /** Minor units, as a decimal string. */
  amountMinor: string;
  currency: string;
  explanation: string | null;
}

export interface StoredAnswer {
  key: string;
  text: string | null;
  number: number | null;
  choice: string | null;
}

export interface StoredLearning {
  title: string;
  tried: string;
  happened: string;
  learned: string;
  kind: LearningKind;
  tags: string[];
  visibility: LearningVisibility | null;
}

export interface StoredPlan {
  goal: string;
  milestones: string[];
}

export interface ReviewContent {
  summary: string;
  outcomes: StoredOutcome[];
  spend: StoredSpend[];
  answers: StoredAnswer[];
  learnings: StoredLearning[];
  confidence: Confidence | null;
  confidenceNote: string;
  nextSprint: StoredPlan | null;
}

export const EMPTY_CONTENT: ReviewContent = {
  summary: '',
  outcomes: [],
  spend: [],
  answers: [],
  learnings: [],
  confidence: null,
  confidenceNote: '',
  nextSprint: null,
};
