/**
 * The application's life cycle up to the formal check (and, for 3.3 and 3.4, the officer's
 * verification and re-check). One table: states, events, guards and who may fire them; the server
 * enforces it and the UI shows the allowed actions from it.
 */
import type { Text } from '../i18n.js';
import type { Role } from '../roles.js';
import type { Track } from './codes.js';

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'returned',
  'formal_passed',
  'rejected',
  'withdrawn',
  'rechecked',
  'verified',
  'selected',
  'not_selected',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_STATE_LABELS: Record<ApplicationState, Text> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交，待形式审查', en: 'Submitted, awaiting the formal check' },
  returned: { zh: '退回修改', en: 'Returned for revision' },
  formal_passed: { zh: '形式审查通过', en: 'Passed the formal check' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  rechecked: { zh: '已复核', en: 'Re-checked' },
  verified: { zh: '已核实落地实施情况', en: 'Implementation verified' },
  selected: { zh: '拟立项', en: 'Selected for funding' },
  not_selected: { zh: '未入选', en: 'Not selected' },
};

export const APPLICATION_EVENTS = [
  'submit',
  'withdraw',
  'formal_pass',
  'formal_return',
  'formal_reject',
  'recheck',
  'verify',
  'select',
  'not_select',
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

export interface Transition {
  event: ApplicationEvent;
  from: readonly ApplicationState[];
  to: ApplicationState;
  /** Applicant-side events are fired by the applying unit's own users; staff events by officers. */
  side: 'applicant' | 'staff';
  roles: readonly Role[];
  tracks: readonly Track[];
  label: Text;
}

const ALL: readonly Track[] = ['consortium', 'backfill', 'continuation', 'recognition'];
const UNIT: readonly Role[] = ['unit_admin', 'unit_member', 'chain_leader'];

export const APPLICATION_TRANSITIONS: readonly Transition[] = [
  {
    event: 'submit',
    from: ['draft', 'returned'],
    to: 'submitted',
    side: 'applicant',
    roles: UNIT,
    tracks: ALL,
    label: { zh: '提交', en: 'Submit' },
  },
  {
    event: 'withdraw',
    from: ['draft', 'submitted', 'returned'],
    to: 'withdrawn',
    side: 'applicant',
    roles: UNIT,
    tracks: ALL,
    label: { zh: '撤回', en: 'Withdraw' },
  },
  {
    event: 'formal_pass',
    from: ['submitted'],
    to: 'formal_passed',
    side: 'staff',
    roles: ['officer'],
    tracks: ALL,
    label: { zh: '形式审查通过', en: 'Pass the formal check' },
  },
  {
    event: 'formal_return',
    from: ['submitted'],
    to: 'returned',
    side: 'staff',
    roles: ['officer'],
    tracks: ALL,
    label: { zh: '退回修改', en: 'Return for revision' },
  },
  {
    event: 'formal_reject',
    from: ['submitted'],
    to: 'rejected',
    side: 'staff',
    roles: ['officer'],
    tracks: ALL,
    label: { zh: '不予受理', en: 'Reject' },
  },
  {
    event: 'recheck',
    from: ['formal_passed'],
    to: 'rechecked',
    side: 'staff',
    roles: ['officer'],
    tracks: ['recognition'],
    label: { zh: '复核', en: 'Re-check' },
  },
  {
    event: 'verify',
    from: ['formal_passed'],
    to: 'verified',
    side: 'staff',
    roles: ['officer'],
    tracks: ['continuation'],
    label: { zh: '核实落地实施情况', en: 'Verify implementation' },
  },
  // Fired together for a whole plan when the officer confirms the selection (issue 5), never one by one.
  {
    event: 'select',
    from: ['formal_passed'],
    to: 'selected',
    side: 'staff',
    roles: ['officer'],
    tracks: ['consortium', 'backfill'],
    label: { zh: '确定拟立项', en: 'Select for funding' },
  },
  {
    event: 'not_select',
    from: ['formal_passed'],
    to: 'not_selected',
    side: 'staff',
    roles: ['officer'],
    tracks: ['consortium', 'backfill'],
    label: { zh: '确定未入选', en: 'Mark not selected' },
  },
];

export function transitionFor(event: ApplicationEvent, from: ApplicationState, track: Track): Transition | null {
  return APPLICATION_TRANSITIONS.find((t) => t.event === event && t.from.includes(from) && t.tracks.includes(track)) ?? null;
}

/** The events the given roles may fire now; applicant-side ones only for the applying unit's users. */
export function allowedEvents(state: ApplicationState, track: Track, roles: readonly Role[], isApplicant: boolean): ApplicationEvent[] {
  return APPLICATION_TRANSITIONS.filter(
    (t) =>
      t.from.includes(state) && t.tracks.includes(track) && t.roles.some((r) => roles.includes(r)) && (t.side === 'staff' || isApplicant),
  ).map((t) => t.event);
}

/** States in which the applicant may edit the form. */
export function isEditable(state: ApplicationState): boolean {
  return state === 'draft' || state === 'returned';
}
