/** /api/admin: units, departments, people and accounts. System administrators only. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { createDepartment } from '../use-cases/admin/create-department.ts';
import { createPerson } from '../use-cases/admin/create-person.ts';
import { createUnit } from '../use-cases/admin/create-unit.ts';
import { handOver } from '../use-cases/admin/hand-over.ts';
import {
  mergeDepartment,
  mergePerson,
  updateDepartment,
  updatePerson,
} from '../use-cases/admin/edit-directory.ts';
import { adminCreateUser, adminResetPassword, adminUpdateUser } from '../use-cases/admin/manage-user.ts';
import { listAdminUnits, listAdminUsers } from '../use-cases/admin/read-admin.ts';
import { updateUnit } from '../use-cases/admin/update-unit.ts';
import {
  listChannels,
  readMyChannels,
  saveChannel,
  saveMyChannels,
} from '../use-cases/channels/channel-settings.ts';
import { AppError } from '../errors.ts';
import { idParam, bodyOf, queryOf } from './route-helpers.ts';
import { ZChannel } from '@shared/channels.ts';
import { listFailedDeliveries, requeueDelivery, testChannel } from '../use-cases/channels/channel-admin.ts';

/** Registers the administration routes. */
export function adminRoutes(app: FastifyInstance, { db }: { db: Kysely<Database>; config: TConfig }): void {
  app.get('/api/admin/units', async (request) => listAdminUnits(db, requireActor(request)));

  app.get('/api/admin/channels', async (request) => listChannels(db, requireActor(request)));

  app.put('/api/admin/channels/:channel', async (request) => {
    const input = bodyOf(request, 'PUT /api/admin/channels/:channel');
    if ((request.params as { channel?: string }).channel !== input.channel)
      throw new AppError('BAD_REQUEST', '地址中的渠道与提交的渠道不一致');
    await saveChannel(db, requireActor(request), input);
    return listChannels(db, requireActor(request));
  });

  app.post('/api/admin/channels/:channel/test', async (request) => {
    const parsed = ZChannel.safeParse((request.params as { channel?: string }).channel);
    if (!parsed.success) throw new AppError('NOT_FOUND', '没有这个消息渠道');
    const { to } = bodyOf(request, 'POST /api/admin/channels/:channel/test');
    return testChannel(db, requireActor(request), parsed.data, to);
  });

  app.get('/api/admin/deliveries', async (request) =>
    listFailedDeliveries(db, requireActor(request), queryOf(request, 'GET /api/admin/deliveries')),
  );

  app.post('/api/admin/deliveries/:id/retry', async (request) => {
    await requeueDelivery(db, requireActor(request), idParam(request.params));
    return { ok: true as const };
  });

  app.get('/api/me/channels', async (request) => readMyChannels(db, requireActor(request)));

  app.put('/api/me/channels', async (request) =>
    saveMyChannels(db, requireActor(request), bodyOf(request, 'PUT /api/me/channels')),
  );

  app.post('/api/admin/units', async (request, reply) => {
    const id = await createUnit({
      db,
      actor: requireActor(request),
      input: bodyOf(request, 'POST /api/admin/units'),
    });
    void reply.code(201);
    return { id };
  });

  app.patch('/api/admin/units/:id', async (request) => {
    await updateUnit({
      db,
      actor: requireActor(request),
      unitId: idParam(request.params),
      input: bodyOf(request, 'PATCH /api/admin/units/:id'),
    });
    return { ok: true };
  });

  app.post('/api/admin/units/:id/departments', async (request, reply) => {
    const { name } = bodyOf(request, 'POST /api/admin/units/:id/departments');
    const id = await createDepartment({
      db,
      actor: requireActor(request),
      unitId: idParam(request.params),
      name,
    });
    void reply.code(201);
    return { id };
  });

  app.post('/api/admin/units/:id/people', async (request, reply) => {
    const input = bodyOf(request, 'POST /api/admin/units/:id/people');
    const id = await createPerson({
      db,
      actor: requireActor(request),
      unitId: idParam(request.params),
      ...input,
    });
    void reply.code(201);
    return { id };
  });

  app.post('/api/admin/people/:id/handover', async (request) =>
    handOver({
      db,
      actor: requireActor(request),
      personId: idParam(request.params),
      successorId: bodyOf(request, 'POST /api/admin/people/:id/handover').successorId,
    }),
  );

  app.patch('/api/admin/people/:id', async (request) => {
    await updatePerson({
      db,
      actor: requireActor(request),
      personId: idParam(request.params),
      input: bodyOf(request, 'PATCH /api/admin/people/:id'),
    });
    return { ok: true };
  });

  app.post('/api/admin/people/:id/merge', async (request) =>
    mergePerson({
      db,
      actor: requireActor(request),
      personId: idParam(request.params),
      input: bodyOf(request, 'POST /api/admin/people/:id/merge'),
    }),
  );

  app.patch('/api/admin/departments/:id', async (request) => {
    await updateDepartment({
      db,
      actor: requireActor(request),
      departmentId: idParam(request.params),
      input: bodyOf(request, 'PATCH /api/admin/departments/:id'),
    });
    return { ok: true };
  });

  app.post('/api/admin/departments/:id/merge', async (request) =>
    mergeDepartment({
      db,
      actor: requireActor(request),
      departmentId: idParam(request.params),
      input: bodyOf(request, 'POST /api/admin/departments/:id/merge'),
    }),
  );

  app.get('/api/admin/users', async (request) => listAdminUsers(db, requireActor(request)));

  app.post('/api/admin/users', async (request, reply) => {
    const id = await adminCreateUser({
      db,
      actor: requireActor(request),
      input: bodyOf(request, 'POST /api/admin/users'),
    });
    void reply.code(201);
    return { id };
  });

  app.patch('/api/admin/users/:id', async (request) => {
    await adminUpdateUser({
      db,
      actor: requireActor(request),
      userId: idParam(request.params),
      input: bodyOf(request, 'PATCH /api/admin/users/:id'),
    });
    return { ok: true };
  });

  app.post('/api/admin/users/:id/reset-password', async (request) => {
    const { password } = bodyOf(request, 'POST /api/admin/users/:id/reset-password');
    await adminResetPassword({ db, actor: requireActor(request), userId: idParam(request.params), password });
    return { ok: true };
  });
}
