/** The audit log: who did what and when, filtered, paged, exportable as CSV. */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TAuditEntryView } from '@shared/api.ts';
import { AUDIT_KINDS, AUDIT_OBJECT_LABELS, beijingTime } from '@shared/audit.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';

type TFilters = {
  actor: string;
  kind: string | null;
  objectType: string | null;
  range: [Dayjs | null, Dayjs | null] | null;
};

function query(f: TFilters, page: number): URLSearchParams {
  const p = new URLSearchParams();
  if (f.actor.trim()) p.set('actor', f.actor.trim());
  if (f.kind) p.set('kind', f.kind);
  if (f.objectType) p.set('objectType', f.objectType);
  if (f.range?.[0]) p.set('from', f.range[0].format('YYYY-MM-DD'));
  if (f.range?.[1]) p.set('to', f.range[1].format('YYYY-MM-DD'));
  p.set('page', String(page));
  return p;
}

/** The page. */
export function AuditPage() {
  const [filters, setFilters] = useState<TFilters>({ actor: '', kind: null, objectType: null, range: null });
  const [page, setPage] = useState(1);
  const { data, error } = useApi(
    () => api.get('/api/audit', { query: query(filters, page) }),
    [filters, page],
  );
  const set = (change: Partial<TFilters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  return (
    <Card
      title="操作日志"
      extra={
        <ExportButton
          icon={<DownloadOutlined />}
          request={{ what: 'audit', query: Object.fromEntries(query(filters, 1)) }}
        >
          导出 CSV
        </ExportButton>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="操作人"
          allowClear
          style={{ width: 160 }}
          onSearch={(actor) => set({ actor })}
        />
        <Select
          allowClear
          placeholder="操作"
          style={{ width: 240 }}
          value={filters.kind}
          onChange={(kind: string | null) => set({ kind: kind ?? null })}
          options={Object.entries(AUDIT_KINDS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="对象类型"
          style={{ width: 140 }}
          value={filters.objectType}
          onChange={(objectType: string | null) => set({ objectType: objectType ?? null })}
          options={Object.entries(AUDIT_OBJECT_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <DatePicker.RangePicker onChange={(range) => set({ range: range ? [range[0], range[1]] : null })} />
      </Space>
      <Table<TAuditEntryView>
        size="small"
        rowKey="seq"
        loading={data === null && error === null}
        dataSource={data?.entries ?? []}
        pagination={{
          current: page,
          pageSize: 50,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        expandable={{
          expandedRowRender: (e) => (
            <Space orientation="vertical">
              <Typography.Text type="secondary">修改前：{e.before ?? '—'}</Typography.Text>
              <Typography.Text>修改后：{e.after ?? '—'}</Typography.Text>
            </Space>
          ),
          rowExpandable: (e) => e.before !== null || e.after !== null,
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          {
            title: '时间（北京时间）',
            dataIndex: 'at',
            width: 170,
            render: (at: string) => beijingTime(at),
          },
          {
            title: '操作人',
            width: 140,
            render: (_, e) =>
              e.actorName !== null && e.actorName !== e.actorLabel
                ? `${e.actorName}（${e.actorLabel}）`
                : e.actorLabel,
          },
          { title: 'IP', dataIndex: 'ip', width: 120 },
          { title: '操作', dataIndex: 'kindLabel' },
          {
            title: '对象',
            width: 260,
            render: (_, e) =>
              `${e.objectTypeLabel}${e.objectName !== null ? `：${e.objectName}` : e.objectId !== null ? ` #${e.objectId}` : ''}`,
          },
        ]}
      />
    </Card>
  );
}
