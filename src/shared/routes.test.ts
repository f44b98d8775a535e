import { describe, expect, it } from 'vitest';
import { ROUTES, routeKey, routePath, type TBodyOf, type TParamsOf, type TResponseOf } from './routes.ts';
import type { TMeasureDetail } from './api.ts';

describe('the route table', () => {
  it('fills path parameters, encoded, and refuses a missing one', () => {
    expect(routePath('GET /api/measures/:id', { id: 12 })).toBe('/api/measures/12');
    expect(routePath('POST /api/announcements/:id/:step', { id: 3, step: 'approve' })).toBe(
      '/api/announcements/3/approve',
    );
    expect(routePath('GET /api/exports/:token', { token: 'a/b' })).toBe('/api/exports/a%2Fb');
    expect(() => routePath('GET /api/measures/:id', {})).toThrow(/id/);
  });

  it('finds keys by method and registered path', () => {
    expect(routeKey('get', '/api/measures/:id')).toBe('GET /api/measures/:id');
    expect(routeKey('DELETE', '/api/measures/:id')).toBeUndefined();
  });

  it('checks bodies with the same schema the server uses', () => {
    const schema = ROUTES['POST /api/measures/:id/progress'].body;
    expect(schema.safeParse({ version: 1, entryDate: '2026-01-05', text: '推进' }).success).toBe(true);
    expect(schema.safeParse({ version: 1, entryDate: '2026-13-40', text: '' }).success).toBe(false);
  });

  it('types paths, parameters, bodies and answers', () => {
    const params: TParamsOf<'POST /api/announcements/:id/:step'> = { id: 1, step: 'submit' };
    const body: TBodyOf<'POST /api/measures/:id/comments'> = { text: '意见' };
    const none: TBodyOf<'GET /api/measures/:id'> = undefined;
    const answer = null as unknown as TResponseOf<'GET /api/measures/:id'>;
    const detail: TMeasureDetail | null = answer;
    // @ts-expect-error a parameter the path does not have
    const wrong: TParamsOf<'GET /api/measures/:id'> = { id: 1, step: 'x' };
    expect([params, body, none, detail, wrong]).toHaveLength(5);
  });
});
