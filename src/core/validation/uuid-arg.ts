import { NotFoundError } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not UUIDs cannot exist: they answer NOT_FOUND like any other unknown id. */
export function uuidArg(id: string, entity: string): string {
  if (!UUID.test(id)) throw new NotFoundError(entity, id.slice(0, 64));
  return id;
}
