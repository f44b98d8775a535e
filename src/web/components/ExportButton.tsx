/**
 * A download that is an export: asks the server to make it (a POST, audited), then fetches the file from the
 * short-lived link it answers with. Merely opening a page never exports anything.
 */
import { App, Button } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { TExportRequest } from '@shared/api.ts';
import { api } from '../api/client.ts';
import { errorMessage } from '../api/use-api.ts';

/** The button; `type="link"` for a link-looking one among links. */
export function ExportButton(props: {
  request: TExportRequest;
  children: ReactNode;
  icon?: ReactNode;
  type?: 'link' | 'default';
  testId?: string;
}) {
  const { message } = App.useApp();
  const [isBusy, setBusy] = useState(false);
  return (
    <Button
      type={props.type ?? 'default'}
      size={props.type === 'link' ? 'small' : 'middle'}
      icon={props.icon}
      loading={isBusy}
      data-testid={props.testId}
      onClick={() => {
        setBusy(true);
        api
          .post('/api/exports', { body: props.request })
          .then((ticket) => window.location.assign(ticket.url))
          .catch((e: unknown) => void message.error(errorMessage(e, '导出失败')))
          .finally(() => setBusy(false));
      }}
    >
      {props.children}
    </Button>
  );
}
