import { AppError, shanghaiDate, type Lang } from '@rdplan/domain';
import type { Actor, Deps } from '../../context.js';
import { directControl, findOrganisation, presentOrganisationItem, reachable, summarise } from '../../repositories/organisations.js';
import { assertMayReadOrganisation } from './access.js';

/** One organisation as its page shows it: registry fields, labels, name history, direct control. */
export async function getOrganisation(deps: Deps, actor: Actor, id: string, lang: Lang) {
  assertMayReadOrganisation(actor, id);
  const org = await findOrganisation(deps.db, id);
  if (!org) throw new AppError('not_found');
  const today = shanghaiDate(deps.clock.now());
  const { parents, children } = await directControl(deps.db, id);
  return { ...presentOrganisationItem(org, today, lang), parents, subsidiaries: children, createdAt: org.created_at.toISOString() };
}

/** The corporate group around an organisation: controllers above, subsidiaries below (transitively). */
export async function getOrganisationGroup(deps: Deps, actor: Actor, id: string) {
  assertMayReadOrganisation(actor, id);
  const org = await findOrganisation(deps.db, id);
  if (!org) throw new AppError('not_found');
  const [{ parents, children }, ancestors, descendants] = await Promise.all([
    directControl(deps.db, id),
    reachable(deps.db, id, 'up'),
    reachable(deps.db, id, 'down'),
  ]);
  return { organisation: summarise(org), parents, ancestors, children, descendants };
}
