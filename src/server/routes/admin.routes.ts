/** /api/admin: units, departments, people and accounts. System administrators only. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import {
  ZCreateDepartmentRequest,
  ZCreatePersonRequest,
  ZCreateUnitRequest,
  ZCreateUserRequest,
  ZResetPasswordRequest,
  ZUpdateUnitRequest,
  ZUpdateUserRequest,
} from '@shared/api.ts';
import type { TConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { requireActor } from '../plugins/auth.plugin.ts';
import { createDepartment } from '../use-cases/admin/create-department.ts';
import { createPerson } from '../use-cases/admin/create-person.ts';
import { createUnit } from '../use-cases/admin/create-unit.ts';
import { adminCreateUser, adminResetPassword, adminUpdateUser } from '../use-cases/admin/manage-user.ts';
import { listAdminUnits, listAdminUsers } from '../use-cases/admin/read-admin.ts';
import { updateUnit } from '../use-cases/admin/update-unit.ts';
import { idParam, validate } from './route-helpers.ts';

/** Registers the administration routes. */
export function adminRoutes(app: FastifyInstance, { db }: { db: Kysely<Database>; config: TConfig }): void {
  app.get('/api/admin/units', async (request) => listAdminUnits(db, requireActor(request)));

  app.post('/api/admin/units', async (request, reply) => {
    const id = await createUnit({
      db,
      actor: requireActor(request),
      input: validate(ZCreateUnitRequest, request.body),
    });
    void reply.code(201);
    return { id };
  });

  app.patch('/api/admin/units/:id', async (request) => {
    await updateUnit({
      db,
      actor: requireActor(request),
      unitId: idParam(request.params),
      input: validate(ZUpdateUnitRequest, request.body),
    });
    return { ok: true };
  });

  app.post('/api/admin/units/:id/departments', async (request, reply) => {
    const { name } = validate(ZCreateDepartmentRequest, request.body);
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
    const input = validate(ZCreatePersonRequest, request.body);
    const id = await createPerson({
      db,
      actor: requireActor(request),
      unitId: idParam(request.params),
      ...input,
    });
    void reply.code(201);
    return { id };
  });

  app.get('/api/admin/users', async (request) => listAdminUsers(db, requireActor(request)));

  app.post('/api/admin/users', async (request, reply) => {
    const id = await adminCreateUser({
      db,
      actor: requireActor(request),
      input: validate(ZCreateUserRequest, request.body),
    });
    void reply.code(201);
    return { id };
  });

  app.patch('/api/admin/users/:id', async (request) => {
    await adminUpdateUser({
      db,
      actor: requireActor(request),
      userId: idParam(request.params),
      input: validate(ZUpdateUserRequest, request.body),
    });
    return { ok: true };
  });

  app.post('/api/admin/users/:id/reset-password', async (request) => {
    const { password } = validate(ZResetPasswordRequest, request.body);
    await adminResetPassword({ db, actor: requireActor(request), userId: idParam(request.params), password });
    return { ok: true };
  });
}
