/**
 * 措施查询: every measure the user may see, across units and inspections, filtered, sorted and paged by the server.
 * The filters live in the address (a link shows the same results to anyone allowed to see them); the filtered rows
 * export to .xlsx.
 */
import { AlertOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Input,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { MEASURE_SORTS, type TMeasureSearchItem, type TMeasureSort } from '@shared/api.ts';
import {
  INSPECTION_KINDS,
  MEASURE_STATE_LABELS,
  MEASURE_STATES,
  WARNING_COLOUR_LABELS,
  WARNING_COLOURS,
} from '@shared/domain.ts';
import { api, apiDownload } from '../api/client.ts';
import { errorMessage, useApi } from '../api/use-api.ts';
import { ChoiceSelect } from '../components/ChoiceSelect.tsx';
import { StateTag, WarningLight } from '../components/StatusBits.tsx';
import { useUrlList } from '../components/use-url-list.ts';
import { MeasureDrawer } from '../features/ledger/MeasureDrawer.tsx';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { IssueSupervisionModal } from '../features/supervision/IssueSupervisionModal.tsx';
import { BatchActions, pickedSelection, type TPicked } from '../features/search/BatchActions.tsx';

/** The filters the address may carry, in the order the server names them. */
export const SEARCH_FILTERS = [
  'q',
  'unit',
  'inspection',
  'round',
  'kind',
  'category',
  'state',
  'colour',
  'overdue',
  'department',
  'person',
  'deadlineFrom',
  'deadlineTo',
] as const;

const SORT_LABELS: Record<TMeasureSort, string> = {
  deadline: '按完成时限（最早在前）',
  '-deadline': '按完成时限（最晚在前）',
  overdue: '超期的在前',
  updated: '最近更新在前',
};

/** The page. */
export function MeasureSearchPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { params, key, setParams, set: setMany, pagination } = useUrlList(50);
  const [drawerId, setDrawerId] = useState<number | null>(null);
  const [drawerRefresh, setDrawerRefresh] = useState(0);
  const [isExporting, setExporting] = useState(false);
  const { me } = useAuth();
  // Measures chosen for a supervision order or a batch action, kept across pages.
  const [picked, setPicked] = useState<Map<number, TPicked>>(new Map());
  const canPick = me !== null && (me.canIssueSupervision || me.canRemind || me.canReassign);
  const [isIssuing, setIssuing] = useState(false);
  const result = useApi(() => api.get('/api/measures', { query: new URLSearchParams(key) }), [key]);
  const value = (name: (typeof SEARCH_FILTERS)[number]) => params.get(name) ?? undefined;
  /** Changes filters (undefined or '' removes one) and goes back to the first page. */
  const set = (change: Partial<Record<(typeof SEARCH_FILTERS)[number] | 'sort', string | undefined>>) =>
    setMany(change);
  const exportRows = () => {
    const body: Record<string, string> = {};
    for (const name of [...SEARCH_FILTERS, 'sort'] as const) {
      const v = params.get(name);
      if (v) body[name] = v;
    }
    setExporting(true);
    apiDownload('POST /api/measures/export', body)
      .catch((e: unknown) => void message.error(errorMessage(e, '导出失败')))
      .finally(() => setExporting(false));
  };
  return (
    <Card
      title="措施查询"
      extra={
        <Space>
          <BatchActions
            picked={picked}
            canRemind={me?.canRemind ?? false}
            canReassign={me?.canReassign ?? false}
            onDone={() => {
              setPicked(new Map());
              result.reload();
            }}
          />
          {me?.canIssueSupervision && (
            <Button
              icon={<AlertOutlined />}
              disabled={picked.size === 0}
              onClick={() => setIssuing(true)}
              data-testid="search-issue"
            >
              下发督办单{picked.size > 0 ? `（已选 ${picked.size} 条）` : ''}
            </Button>
          )}
          <Button onClick={() => setParams(new URLSearchParams())} data-testid="search-reset">
            清空条件
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={isExporting}
            onClick={exportRows}
            disabled={(result.data?.total ?? 0) === 0}
            data-testid="search-export"
          >
            导出 Excel（{result.data?.total ?? 0} 条）
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          key={`q-${value('q') ?? ''}`}
          placeholder="关键词（措施、问题、进展）"
          allowClear
          defaultValue={value('q')}
          style={{ width: 240 }}
          onSearch={(q) => set({ q: q.trim() })}
          data-testid="search-q"
        />
        <ChoiceSelect
          what="units"
          placeholder="单位"
          width={200}
          value={value('unit')}
          onChange={(unit) => set({ unit, inspection: undefined })}
          testId="search-unit"
        />
        <ChoiceSelect
          what="inspections"
          placeholder="巡察"
          width={240}
          unit={value('unit')}
          value={value('inspection')}
          onChange={(inspection) => set({ inspection })}
          testId="search-inspection"
        />
        <ChoiceSelect
          what="rounds"
          placeholder="轮次"
          width={200}
          value={value('round')}
          onChange={(round) => set({ round })}
          testId="search-round"
        />
        <Select
          allowClear
          placeholder="类型"
          style={{ width: 100 }}
          value={value('kind')}
          onChange={(kind?: string) => set({ kind })}
          options={INSPECTION_KINDS.map((k) => ({ value: k, label: k }))}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={value('state')}
          onChange={(state?: string) => set({ state })}
          options={MEASURE_STATES.map((s) => ({ value: s, label: MEASURE_STATE_LABELS[s] }))}
          data-testid="search-state"
        />
        <Select
          allowClear
          placeholder="预警"
          style={{ width: 110 }}
          value={value('colour')}
          onChange={(colour?: string) => set({ colour })}
          options={WARNING_COLOURS.map((c) => ({ value: c, label: WARNING_COLOUR_LABELS[c] }))}
          data-testid="search-colour"
        />
        <Checkbox
          checked={value('overdue') === 'true'}
          onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
        >
          仅看超期
        </Checkbox>
        <Input.Search
          key={`category-${value('category') ?? ''}`}
          placeholder="问题类别"
          allowClear
          defaultValue={value('category')}
          style={{ width: 150 }}
          onSearch={(category) => set({ category: category.trim() })}
        />
        <Input.Search
          key={`department-${value('department') ?? ''}`}
          placeholder="责任部门"
          allowClear
          defaultValue={value('department')}
          style={{ width: 140 }}
          onSearch={(department) => set({ department: department.trim() })}
        />
        <Input.Search
          key={`person-${value('person') ?? ''}`}
          placeholder="责任人或责任领导"
          allowClear
          defaultValue={value('person')}
          style={{ width: 160 }}
          onSearch={(person) => set({ person: person.trim() })}
        />
        <DatePicker.RangePicker
          placeholder={['时限从', '时限至']}
          value={[
            value('deadlineFrom') ? dayjs(value('deadlineFrom')) : null,
            value('deadlineTo') ? dayjs(value('deadlineTo')) : null,
          ]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            set({
              deadlineFrom: range?.[0]?.format('YYYY-MM-DD'),
              deadlineTo: range?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
        <Select
          style={{ width: 190 }}
          value={(params.get('sort') as TMeasureSort | null) ?? 'deadline'}
          onChange={(sort: TMeasureSort) => set({ sort })}
          options={MEASURE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
        />
      </Space>
      {result.error && <Alert type="error" showIcon title={result.error} style={{ marginBottom: 12 }} />}
      <Table<TMeasureSearchItem>
        size="small"
        rowKey="id"
        data-testid="search-table"
        rowSelection={canPick ? pickedSelection(picked, setPicked) : undefined}
        loading={result.data === null && result.error === null}
        dataSource={result.data?.items ?? []}
        onRow={(m) => ({ onClick: () => setDrawerId(m.id), style: { cursor: 'pointer' } })}
        pagination={pagination(result.data?.total ?? 0, {
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
        })}
        columns={[
          {
            title: '预警',
            dataIndex: 'colour',
            width: 56,
            render: (_, m) => <WarningLight colour={m.colour} />,
          },
          {
            title: '单位',
            dataIndex: 'unitName',
            width: 160,
            render: (_, m) => (
              <Link
                to={`/inspections/${m.inspectionId}`}
                onClick={(e) => e.stopPropagation()}
                data-testid="search-unit"
              >
                {m.unitName}
              </Link>
            ),
          },
          {
            title: '问题',
            width: 200,
            render: (_, m) => (
              <Typography.Text ellipsis={{ tooltip: m.problemTitle }} style={{ maxWidth: 190 }}>
                {m.problemNumber}．{m.problemTitle}
              </Typography.Text>
            ),
          },
          {
            title: '整改措施',
            dataIndex: 'content',
            render: (content: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: content }} style={{ marginBottom: 0 }}>
                {content}
              </Typography.Paragraph>
            ),
          },
          {
            title: '责任部门',
            dataIndex: 'departmentName',
            width: 110,
            render: (v: string | null) => v ?? '—',
          },
          { title: '责任领导', dataIndex: 'leaderName', width: 90, render: (v: string | null) => v ?? '—' },
          { title: '责任人', dataIndex: 'personName', width: 90, render: (v: string | null) => v ?? '—' },
          {
            title: '完成时限',
            dataIndex: 'deadline',
            width: 110,
            render: (_, m) => (m.isStanding ? '长期坚持' : (m.deadline ?? '—')),
          },
          { title: '状态', dataIndex: 'state', width: 90, render: (_, m) => <StateTag state={m.state} /> },
          {
            title: '超期天数',
            dataIndex: 'overdueDays',
            width: 80,
            render: (d: number | null) =>
              d === null ? '' : <Typography.Text type="danger">{d}</Typography.Text>,
          },
        ]}
      />
      <IssueSupervisionModal
        measureIds={isIssuing ? [...picked.keys()] : null}
        units={new Set([...picked.values()].map((p) => p.unitId)).size}
        onClose={() => setIssuing(false)}
        onIssued={(ids) => {
          setIssuing(false);
          setPicked(new Map());
          if (ids.length === 1) void navigate(`/supervision/${ids[0]}`);
          else void navigate('/supervision');
        }}
      />
      <MeasureDrawer
        measureId={drawerId}
        refreshKey={drawerRefresh}
        onClose={() => setDrawerId(null)}
        // Editing needs the ledger's departments and people: it opens in the measure's own ledger.
        onEdit={(m) => {
          const item = result.data?.items.find((i) => i.id === m.id);
          if (item) void navigate(`/inspections/${item.inspectionId}?measure=${m.id}`);
        }}
        onProgress={(m) => {
          const item = result.data?.items.find((i) => i.id === m.id);
          if (item) void navigate(`/inspections/${item.inspectionId}?measure=${m.id}`);
        }}
        onChanged={() => {
          setDrawerRefresh((n) => n + 1);
          result.reload();
        }}
      />
    </Card>
  );
}
