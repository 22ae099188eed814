import { describe, expect, it } from 'vitest';
import {
  APPLICATION_EVENTS,
  APPLICATION_STATE_LABELS,
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  allowedEvents,
  isEditable,
  transitionFor,
  type ApplicationEvent,
  type ApplicationState,
} from '../src/policy/application-workflow.js';
import { TRACKS, type Track } from '../src/policy/codes.js';
import { ROLES, type Role } from '../src/roles.js';

/** The expected table: [event, from states, to, tracks]. */
const TABLE: [ApplicationEvent, ApplicationState[], ApplicationState, readonly Track[]][] = [
  ['submit', ['draft', 'returned'], 'submitted', TRACKS],
  ['withdraw', ['draft', 'submitted', 'returned'], 'withdrawn', TRACKS],
  ['formal_pass', ['submitted'], 'formal_passed', TRACKS],
  ['formal_return', ['submitted'], 'returned', TRACKS],
  ['formal_reject', ['submitted'], 'rejected', TRACKS],
  ['recheck', ['formal_passed'], 'rechecked', ['recognition']],
  ['verify', ['formal_passed'], 'verified', ['continuation']],
  // Fired for a whole plan when the selection is confirmed (issue 5).
  ['select', ['formal_passed'], 'selected', ['consortium', 'backfill']],
  ['not_select', ['formal_passed'], 'not_selected', ['consortium', 'backfill']],
];

function expected(event: ApplicationEvent, from: ApplicationState, track: Track): ApplicationState | null {
  const row = TABLE.find(([e]) => e === event);
  if (!row) return null;
  const [, froms, to, tracks] = row;
  return froms.includes(from) && tracks.includes(track) ? to : null;
}

describe('transitionFor', () => {
  it('matches the table for every event, state and track', () => {
    for (const event of APPLICATION_EVENTS)
      for (const from of APPLICATION_STATES)
        for (const track of TRACKS) {
          const t = transitionFor(event, from, track);
          expect(t?.to ?? null, `${event} from ${from} (${track})`).toBe(expected(event, from, track));
          if (t) expect(t.event).toBe(event);
        }
  });

  it('recheck only for recognition, verify only for continuation', () => {
    expect(transitionFor('recheck', 'formal_passed', 'recognition')?.to).toBe('rechecked');
    for (const track of ['consortium', 'backfill', 'continuation'] as const)
      expect(transitionFor('recheck', 'formal_passed', track)).toBeNull();
    expect(transitionFor('verify', 'formal_passed', 'continuation')?.to).toBe('verified');
    for (const track of ['consortium', 'backfill', 'recognition'] as const)
      expect(transitionFor('verify', 'formal_passed', track)).toBeNull();
  });

  it('terminal states have no way out', () => {
    for (const from of ['rejected', 'withdrawn', 'rechecked', 'verified', 'selected', 'not_selected'] as const)
      for (const event of APPLICATION_EVENTS) for (const track of TRACKS) expect(transitionFor(event, from, track)).toBeNull();
  });
});

describe('the transition table', () => {
  it('uses known states, labels every state and event, and has one row per event', () => {
    expect(APPLICATION_TRANSITIONS.map((t) => t.event).sort()).toEqual([...APPLICATION_EVENTS].sort());
    for (const t of APPLICATION_TRANSITIONS) {
      expect(APPLICATION_STATES).toContain(t.to);
      for (const s of t.from) expect(APPLICATION_STATES).toContain(s);
      expect(t.label.zh.length).toBeGreaterThan(0);
      for (const r of t.roles) expect(ROLES).toContain(r);
    }
    expect(Object.keys(APPLICATION_STATE_LABELS).sort()).toEqual([...APPLICATION_STATES].sort());
  });

  it('applicant events are fired by unit roles, staff events by officers', () => {
    for (const t of APPLICATION_TRANSITIONS) {
      if (t.side === 'applicant') expect([...t.roles].sort()).toEqual(['chain_leader', 'unit_admin', 'unit_member']);
      else expect(t.roles).toEqual(['officer']);
    }
  });
});

describe('allowedEvents', () => {
  const officer: Role[] = ['officer'];
  const unit: Role[] = ['unit_admin'];

  it('an officer sees the formal check only on a submitted application', () => {
    for (const state of APPLICATION_STATES)
      for (const track of TRACKS) {
        const events = allowedEvents(state, track, officer, false).filter((e) => e.startsWith('formal_'));
        expect(events, `${state} (${track})`).toEqual(state === 'submitted' ? ['formal_pass', 'formal_return', 'formal_reject'] : []);
      }
  });

  it('an officer sees recheck / verify after the formal check by track, and the selection for 3.1 / 3.2', () => {
    expect(allowedEvents('formal_passed', 'recognition', officer, false)).toEqual(['recheck']);
    expect(allowedEvents('formal_passed', 'continuation', officer, false)).toEqual(['verify']);
    expect(allowedEvents('formal_passed', 'consortium', officer, false)).toEqual(['select', 'not_select']);
    expect(allowedEvents('formal_passed', 'backfill', officer, false)).toEqual(['select', 'not_select']);
  });

  it('an officer never fires applicant events, even when flagged as applicant', () => {
    for (const state of APPLICATION_STATES)
      for (const track of TRACKS) {
        const events = allowedEvents(state, track, officer, true);
        expect(events).not.toContain('submit');
        expect(events).not.toContain('withdraw');
      }
  });

  it("the applying unit's users submit and withdraw", () => {
    for (const track of TRACKS) {
      expect(allowedEvents('draft', track, unit, true)).toEqual(['submit', 'withdraw']);
      expect(allowedEvents('returned', track, unit, true)).toEqual(['submit', 'withdraw']);
      expect(allowedEvents('submitted', track, unit, true)).toEqual(['withdraw']);
      for (const state of ['formal_passed', 'rejected', 'withdrawn', 'rechecked', 'verified'] as const)
        expect(allowedEvents(state, track, unit, true)).toEqual([]);
    }
    expect(allowedEvents('draft', 'consortium', ['chain_leader'], true)).toEqual(['submit', 'withdraw']);
    expect(allowedEvents('draft', 'backfill', ['unit_member'], true)).toEqual(['submit', 'withdraw']);
  });

  it('unit users of another organisation get nothing', () => {
    for (const state of APPLICATION_STATES) for (const track of TRACKS) expect(allowedEvents(state, track, unit, false)).toEqual([]);
  });

  it('roles without a part in the table get nothing', () => {
    for (const roles of [[], ['admin'], ['expert'], ['analyst']] as Role[][])
      for (const state of APPLICATION_STATES)
        for (const track of TRACKS) {
          expect(allowedEvents(state, track, roles, true)).toEqual([]);
        }
  });

  it('every allowed event has a transition', () => {
    const everyone = [...ROLES];
    for (const state of APPLICATION_STATES)
      for (const track of TRACKS)
        for (const event of allowedEvents(state, track, everyone, true)) expect(transitionFor(event, state, track)).not.toBeNull();
  });
});

describe('isEditable', () => {
  it('only drafts and returned applications', () => {
    expect(APPLICATION_STATES.filter(isEditable)).toEqual(['draft', 'returned']);
  });
});
