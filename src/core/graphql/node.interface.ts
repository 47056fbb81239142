// Relay object identification: the types a client may refetch by id through `node(id)`.
// Ids stay the objects' UUIDs (no "Type:uuid" global ids): every id the API ever gave out stays
// valid, and a UUID names one row across all tables, so the server finds the type by itself.
import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** Set by `node(id)` on the object it answers, so the interface resolves to the right type. */
export const NODE_TYPE = Symbol('nodeType');

@InterfaceType('Node', {
  description:
    'An object with a stable id that `node(id)` fetches again (Relay object identification). The id is the object’s UUID, the same as in every other field.',
  resolveType: (value: { [NODE_TYPE]?: string; constructor?: { name: string } }) =>
    value[NODE_TYPE] ?? value.constructor?.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Unique id (a UUID), the same across the whole API.' })
  id!: string;
}
