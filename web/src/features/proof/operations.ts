// Operations of the proof-of-use pages: a grant's proofs of use, one proof of use with what it
// compiles for its period, and the steps of its workflow (start, statement, submit, decide), plus
// the signed link of a receipt and asking for the proof's PDF or XLSX.
import { graphql } from '../../lib/graphql';

export const GrantProofsQuery = graphql(`
  query GrantProofs($grantId: ID!) {
    grant(grantId: $grantId) {
      id
      reference
      title
      status
      startDate
      endDate
    }
    proofsOfUse(grantId: $grantId, first: 100) {
      nodes {
        id
        kind
        status
        periodFrom
        periodTo
        submittedVersion
        submittedAt
        updatedAt
      }
    }
  }
`);

export const ProofOfUsePageQuery = graphql(`
  query ProofOfUsePage($grantId: ID!, $proofOfUseId: ID!) {
    grant(grantId: $grantId) {
      id
      reference
      title
      currency
    }
    proofOfUse(proofOfUseId: $proofOfUseId) {
      id
      grantId
      kind
      status
      statement
      periodFrom
      periodTo
      submittedVersion
      submittedAt
      decisions {
        id
        version
        decision
        comment
        createdAt
      }
      figures {
        receiptRule
        missingReceipts
        awarded {
          amount
          currency
        }
        received {
          amount
        }
        spentInPeriod {
          amount
        }
        spentToDate {
          amount
        }
        returned {
          amount
        }
        claimed {
          amount
        }
        claimStatus
        lines {
          name
          category
          original {
            amount
          }
          reallocated {
            amount
          }
          allocated {
            amount
          }
          spentInPeriod {
            amount
          }
          spentToDate {
            amount
          }
          deviationPercent
          tolerancePercent
          beyondTolerance
          explanations
          reallocationReasons
        }
        receipts {
          spendEntryId
          spentOn
          lineName
          sprintNumber
          amount {
            amount
          }
          note
          fromSprintReview
          receiptReference
          receiptMissing
          attachments {
            id
            fileName
          }
        }
        tranches {
          id
          number
          kind
          releasedAt
          amount {
            amount
          }
        }
      }
    }
  }
`);

export const StartProofOfUseMutation = graphql(`
  mutation StartProofOfUse($input: StartProofOfUseInput!) {
    startProofOfUse(input: $input) {
      id
    }
  }
`);

export const UpdateProofOfUseMutation = graphql(`
  mutation UpdateProofOfUse($input: UpdateProofOfUseInput!) {
    updateProofOfUse(input: $input) {
      id
      statement
    }
  }
`);

export const SubmitProofOfUseMutation = graphql(`
  mutation SubmitProofOfUse($input: SubmitProofOfUseInput!) {
    submitProofOfUse(input: $input) {
      id
      status
    }
  }
`);

export const DecideProofOfUseMutation = graphql(`
  mutation DecideProofOfUse($input: DecideProofOfUseInput!) {
    decideProofOfUse(input: $input) {
      id
      status
    }
  }
`);

export const ReceiptLinkMutation = graphql(`
  mutation ReceiptLink($attachmentId: ID!) {
    createAttachmentDownloadLink(attachmentId: $attachmentId) {
      url
    }
  }
`);

export const RequestProofReportMutation = graphql(`
  mutation RequestProofReport($input: RequestReportInput!) {
    requestReport(input: $input) {
      id
    }
  }
`);
