import type { ReactNode } from 'react';
import type { Role } from '@rdplan/domain';
import type { MessageKey } from '../i18n/messages';

/**
 * One page of the signed-in area's menu. A file of its own: the pages' nav files declare their items
 * with it and the menu (layout/menu.tsx) gathers them, so neither imports the other.
 */
export interface NavItem {
  path: string;
  label: MessageKey;
  /** Short description for dashboard shortcuts. */
  hint?: MessageKey;
  icon: ReactNode;
  roles?: readonly Role[];
}
