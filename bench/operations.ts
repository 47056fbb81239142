// The GraphQL operations the bench sends, word for word the same to the API and to the baseline
// (the baseline recognises them by their text).

/** One grant by id: the single read. */
export const SINGLE = `query Grant($id: ID!) { grant(grantId: $id) { id reference title status currency startDate endDate awardedAmount { amount currency } } }`;

/** A page of grants with their lines, tranches, sprints and milestones: the nested list. */
export const LIST = `query Grants($first: Int!) { grants(first: $first) { nodes { id reference title status startDate endDate awardedAmount { amount currency } budgetLines { id position category name originalAmount { amount currency } } tranches { id number kind status amount { amount currency } releasedAt } sprints { id number goal status startDate endDate milestones { id position title } } } pageInfo { hasNextPage endCursor } } }`;

/** A move of money between two lines of one grant, within tolerance (applied at once). */
export const MOVE = `mutation Move($i: RequestReallocationInput!) { requestReallocation(input: $i) { id status } }`;
