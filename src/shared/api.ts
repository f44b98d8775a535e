/**
 * Request and response schemas of the HTTP API, shared by server routes and the web client, one file per resource
 * under `api/`; import from here.
 */
export * from './api/auth.ts';
export * from './api/measures.ts';
export * from './api/ledger-views.ts';
export * from './api/imports.ts';
export * from './api/admin.ts';
export * from './api/audit.ts';
export * from './api/work.ts';
export * from './api/documents.ts';
export * from './api/search.ts';
export * from './api/choices.ts';
export * from './api/dashboard.ts';
export * from './api/supervision.ts';
export * from './api/opinions.ts';
