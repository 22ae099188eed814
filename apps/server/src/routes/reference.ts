import {
  CalendarYearParams,
  CreateChainInput,
  CreateFieldInput,
  IdParams,
  PutCalendarYearInput,
  SetChainLeadersInput,
  UpdateChainInput,
  UpdateFieldInput,
  WorkingDaysQuery,
} from '@rdplan/domain';
import { z } from 'zod';
import { createChain } from '../commands/reference/create-chain.js';
import { createField } from '../commands/reference/create-field.js';
import { putCalendarYear } from '../commands/reference/put-calendar-year.js';
import { setChainLeaders } from '../commands/reference/set-chain-leaders.js';
import { updateChain } from '../commands/reference/update-chain.js';
import { updateField } from '../commands/reference/update-field.js';
import { workingDaysAfter } from '../commands/reference/working-days.js';
import type { Deps } from '../context.js';
import { calendarYearView, fieldTree, listChains } from '../repositories/reference.js';
import type { RouteScope } from './helpers.js';

const ChainOut = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  leaders: z.array(z.object({ orgId: z.string(), name: z.string() })),
});
const FieldOut = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  parentCode: z.string().nullable(),
  active: z.boolean(),
});
const FieldNode = FieldOut.extend({ directions: z.array(FieldOut) });
const DayOut = z.object({ date: z.string(), nameZh: z.string().nullable(), nameEn: z.string().nullable() });
const CalendarYearOut = z.object({
  year: z.number(),
  covered: z.boolean(),
  source: z.enum(['builtin', 'admin']).nullable(),
  updatedAt: z.string().nullable(),
  holidays: z.array(DayOut),
  workdays: z.array(DayOut),
});

export async function referenceRoutes(app: RouteScope, deps: Deps) {
  /* ---------- chains ---------- */
  app.get(
    '/api/chains',
    {
      config: { access: 'public' },
      schema: { tags: ['reference'], summary: 'Key industry chains with their leader enterprises', response: { 200: z.array(ChainOut) } },
    },
    async () => listChains(deps.db),
  );
  app.post(
    '/api/chains',
    {
      config: { access: ['admin'] },
      schema: { tags: ['reference'], summary: 'Add an industry chain', body: CreateChainInput, response: { 201: ChainOut } },
    },
    async (req, reply) => reply.status(201).send(await createChain(deps, req.actor, req.body)),
  );
  app.patch(
    '/api/chains/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['reference'],
        summary: 'Rename or (de)activate a chain',
        params: IdParams,
        body: UpdateChainInput,
        response: { 200: ChainOut },
      },
    },
    async (req) => updateChain(deps, req.actor, req.params.id, req.body),
  );
  app.put(
    '/api/chains/:id/leaders',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['reference'],
        summary: "Replace a chain's leader enterprises",
        params: IdParams,
        body: SetChainLeadersInput,
        response: { 200: ChainOut },
      },
    },
    async (req) => setChainLeaders(deps, req.actor, req.params.id, req.body),
  );

  /* ---------- fields ---------- */
  app.get(
    '/api/fields',
    {
      config: { access: 'public' },
      schema: { tags: ['reference'], summary: 'Key S&T fields and their directions (two levels)', response: { 200: z.array(FieldNode) } },
    },
    async () => fieldTree(deps.db),
  );
  app.post(
    '/api/fields',
    {
      config: { access: ['admin'] },
      schema: { tags: ['reference'], summary: 'Add a field or a direction', body: CreateFieldInput, response: { 201: FieldOut } },
    },
    async (req, reply) => reply.status(201).send(await createField(deps, req.actor, req.body)),
  );
  app.patch(
    '/api/fields/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['reference'],
        summary: 'Change a field or direction',
        params: IdParams,
        body: UpdateFieldInput,
        response: { 200: FieldOut },
      },
    },
    async (req) => updateField(deps, req.actor, req.params.id, req.body),
  );

  /* ---------- working-day calendar ---------- */
  app.get(
    '/api/calendar/working-days',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: 'The date n working days after a date (409 calendar_gap when a year is not covered)',
        querystring: WorkingDaysQuery,
        response: { 200: z.object({ from: z.string(), n: z.number(), date: z.string(), fromIsWorkingDay: z.boolean() }) },
      },
    },
    async (req) => workingDaysAfter(deps, req.query.from, req.query.n),
  );
  app.get(
    '/api/calendar/:year',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: "A year's holidays and adjusted working days",
        params: CalendarYearParams,
        response: { 200: CalendarYearOut },
      },
    },
    async (req) => calendarYearView(deps.db, req.params.year),
  );
  app.put(
    '/api/calendar/:year',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['reference'],
        summary: "Replace a whole year's holidays and adjusted working days",
        params: CalendarYearParams,
        body: PutCalendarYearInput,
        response: { 200: CalendarYearOut },
      },
    },
    async (req) => {
      await putCalendarYear(deps, req.actor, req.params.year, req.body);
      return calendarYearView(deps.db, req.params.year);
    },
  );
}
