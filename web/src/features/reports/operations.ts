// Operations of the reports list: the organisation's reports, what a report can be about, and
// asking for one.
import { graphql } from '../../lib/graphql';

export const ReportsPageQuery = graphql(`
  query ReportsPage {
    reports(first: 50) {
      nodes {
        id
        kind
        format
        status
        createdAt
        grantId
        programmeId
      }
    }
    grants(first: 100) {
      nodes {
        id
        reference
        title
      }
    }
    programmes(first: 100) {
      nodes {
        id
        title
      }
    }
  }
`);

export const RequestReportMutation = graphql(`
  mutation RequestReport($input: RequestReportInput!) {
    requestReport(input: $input) {
      id
      status
    }
  }
`);
