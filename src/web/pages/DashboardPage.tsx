/**
 * 整改总览: the inspection office's home — completion, 红黄绿, overdue and relapses across its units, units ranked
 * and banded by completion rate, categories. Every figure is a link to 措施查询 with the matching filters.
 */
import { FileWordOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  COMPLETION_BAND_LABELS,
  COMPLETION_BANDS,
  type TCompletionBand,
  type TDashboardUnit,
  type TUnitRankingSort,
  UNIT_RANKING_SORTS,
} from '@shared/api.ts';
import { INSPECTION_KINDS } from '@shared/domain.ts';
import { DashboardTotals } from '../features/dashboard/DashboardTotals.tsx';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { ChoiceSelect } from '../components/ChoiceSelect.tsx';
import { EChart } from '../components/EChart.tsx';
import { ExportButton } from '../components/ExportButton.tsx';

const BAND_COLOURS: Record<TCompletionBand, string> = { full: 'success', high: 'processing', low: 'error' };
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
/** The dashboard's own filters (sent to both its requests and carried into every search link). */
const FILTERS = ['unit', 'inspection', 'round', 'kind'] as const;
/** The ranking's table state in the URL, beside the filters. */
const RANKING = {
  sort: 'unitsSort',
  page: 'unitsPage',
  pageSize: 'unitsPageSize',
  band: 'unitsBand',
} as const;
/** Columns the ranking can be sorted by: the order a click asks for, descending (most first) unless stated. */
const SORT_OF_COLUMN: Partial<Record<keyof TDashboardUnit, TUnitRankingSort>> = {
  measures: 'measures',
  red: 'red',
  yellow: 'yellow',
  relapsed: 'relapsed',
  unclear: 'unclear',
  openOrders: 'openOrders',
};
const isRankingSort = (v: string | null): v is TUnitRankingSort =>
  (UNIT_RANKING_SORTS as readonly string[]).includes(v ?? '');

/** The page. */
export function DashboardPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const v = params.get(name);
    if (v) filters.set(name, v);
  }
  const key = filters.toString();
  const { data, error } = useApi(() => api.get('/api/dashboard', { query: new URLSearchParams(key) }), [key]);
  // The ranking: one page from the server, in the order and band chosen (kept in the URL).
  const rankingSort = isRankingSort(params.get(RANKING.sort))
    ? (params.get(RANKING.sort) as TUnitRankingSort)
    : 'rank';
  const rankingPage = Number(params.get(RANKING.page) ?? '1') || 1;
  const rankingPageSize = Number(params.get(RANKING.pageSize) ?? '20') || 20;
  const rankingBand = params.get(RANKING.band) ?? '';
  const rankingQuery = new URLSearchParams(filters);
  rankingQuery.set('sort', rankingSort);
  rankingQuery.set('page', String(rankingPage));
  rankingQuery.set('pageSize', String(rankingPageSize));
  if (rankingBand) rankingQuery.set('band', rankingBand);
  const rankingKey = rankingQuery.toString();
  const ranking = useApi(
    () => api.get('/api/dashboard/units', { query: new URLSearchParams(rankingKey) }),
    [rankingKey],
  );
  /** Changes the ranking's state in the URL; a new order or band goes back to the first page. */
  const setRanking = (change: Partial<Record<keyof typeof RANKING, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [name, v] of Object.entries(change) as Array<[keyof typeof RANKING, string | undefined]>) {
      if (v === undefined || v === '' || (name === 'sort' && v === 'rank')) next.delete(RANKING[name]);
      else next.set(RANKING[name], v);
    }
    if (change.page === undefined) next.delete(RANKING.page);
    setParams(next);
  };
  const sortOrderOf = (column: keyof TDashboardUnit): 'ascend' | 'descend' | null => {
    if (column === 'completionRate')
      return rankingSort === 'completion' ? 'ascend' : rankingSort === '-completion' ? 'descend' : null;
    return SORT_OF_COLUMN[column] === rankingSort ? 'descend' : null;
  };
  /** The search with the dashboard's own filters and `extra`. */
  const searchLink = useCallback(
    (extra: Record<string, string>) => {
      const p = new URLSearchParams();
      for (const name of FILTERS) {
        const v = params.get(name);
        if (v) p.set(name, v);
      }
      for (const [name, v] of Object.entries(extra)) p.set(name, v);
      return `/measures?${p.toString()}`;
    },
    [params],
  );
  /** Changes one of the dashboard's filters; the ranking goes back to its first page. */
  const set = (name: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(name, v);
    else next.delete(name);
    next.delete(RANKING.page);
    setParams(next);
  };
  const t = data?.totals;
  const coloursOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: [
            { name: '逾期', value: t?.red ?? 0, itemStyle: { color: '#d9363e' } },
            { name: '临期', value: t?.yellow ?? 0, itemStyle: { color: '#faad14' } },
            { name: '正常', value: t?.green ?? 0, itemStyle: { color: '#52c41a' } },
            { name: '已销号', value: t?.closed ?? 0, itemStyle: { color: '#8c8c8c' } },
          ],
        },
      ],
    }),
    [t],
  );
  const top = useMemo(() => (data?.byUnit ?? []).filter((u) => u.overdue > 0).slice(0, 15), [data]);
  const unitsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: top.map((u) => u.unitName) },
      series: [
        { type: 'bar', name: '超期措施', data: top.map((u) => u.overdue), itemStyle: { color: '#d9363e' } },
      ],
    }),
    [top],
  );
  const trendOption = useMemo(() => {
    const points = data?.trend ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 48, top: 16, bottom: 48 },
      xAxis: {
        type: 'category',
        data: points.map((p) => (p.day === null ? `${p.month}（实时）` : p.month)),
      },
      yAxis: [
        { type: 'value', name: '措施', minInterval: 1 },
        { type: 'value', name: '销号率', max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        {
          type: 'line',
          name: '销号率',
          yAxisIndex: 1,
          data: points.map((p) => (p.measures === 0 ? 0 : Math.round((p.closed / p.measures) * 1000) / 10)),
          itemStyle: { color: '#1677ff' },
        },
        { type: 'line', name: '逾期', data: points.map((p) => p.red), itemStyle: { color: '#d9363e' } },
        { type: 'line', name: '临期', data: points.map((p) => p.yellow), itemStyle: { color: '#faad14' } },
        { type: 'line', name: '反弹', data: points.map((p) => p.relapsed), itemStyle: { color: '#722ed1' } },
      ],
    };
  }, [data]);
  const onUnitBar = useCallback(
    (item: { dataIndex: number }) => {
      const unit = top[item.dataIndex];
      if (unit) void navigate(searchLink({ unit: String(unit.unitId), overdue: 'true', sort: 'overdue' }));
    },
    [top, navigate, searchLink],
  );
  const stat = (
    title: string,
    value: number | string,
    to: string | null,
    testId: string,
    colour?: string,
  ) => (
    <Card size="small">
      <Statistic
        title={title}
        value={value}
        valueStyle={colour ? { color: colour } : undefined}
        valueRender={(node) =>
          to ? (
            <Link to={to} data-testid={testId}>
              {node}
            </Link>
          ) : (
            <span data-testid={testId}>{node}</span>
          )
        }
      />
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="整改总览"
        extra={
          <Space>
            <ChoiceSelect
              what="rounds"
              placeholder="全部轮次"
              width={220}
              value={params.get('round') ?? undefined}
              onChange={(v) => set('round', v)}
              testId="dash-round"
            />
            <Select
              allowClear
              placeholder="全部类型"
              style={{ width: 110 }}
              value={params.get('kind') ?? undefined}
              onChange={(v?: string) => set('kind', v)}
              options={INSPECTION_KINDS.map((k) => ({ value: k, label: k }))}
            />
            {params.get('round') && (
              <ExportButton
                testId="round-summary"
                icon={<FileWordOutlined />}
                request={{
                  what: 'round_summary',
                  round: params.get('round') ?? '',
                  ...(params.get('unit') ? { unit: Number(params.get('unit')) } : {}),
                  format: 'docx',
                }}
              >
                本轮整改情况汇总
              </ExportButton>
            )}
            <Link to="/inspections">巡察台账列表</Link>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} />}
        {t && (
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6} lg={3}>
              {stat('单位', t.units, null, 'dash-units')}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat('整改措施', t.measures, searchLink({}), 'dash-measures')}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat(
                `已销号（${t.measures === 0 ? '—' : percent(t.closed / t.measures)}）`,
                t.closed,
                searchLink({ state: 'closed' }),
                'dash-closed',
              )}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat(`问题全部完成（共 ${t.problems} 个）`, t.problemsClosed, null, 'dash-problems')}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat(
                '逾期（红灯）',
                t.red,
                searchLink({ colour: 'red', sort: 'overdue' }),
                'dash-red',
                '#d9363e',
              )}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat('临期（黄灯）', t.yellow, searchLink({ colour: 'yellow' }), 'dash-yellow', '#d48806')}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat('反弹', t.relapsed, searchLink({ state: 'relapsed' }), 'dash-relapsed')}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat('六个明确未齐全', t.unclear, null, 'dash-unclear')}
            </Col>
            <Col xs={12} md={6} lg={3}>
              {stat('未办结督办单', t.openOrders, '/supervision', 'dash-orders')}
            </Col>
          </Row>
        )}
      </Card>
      {data && (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={8}>
            <Card size="small" title="红黄绿灯">
              <EChart option={coloursOption} height={260} testId="chart-colours" />
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card size="small" title="超期措施最多的单位（点击查看）">
              {top.length === 0 ? (
                <Typography.Text type="secondary">没有超期措施</Typography.Text>
              ) : (
                <EChart option={unitsOption} height={260} onClick={onUnitBar} testId="chart-units" />
              )}
            </Card>
          </Col>
        </Row>
      )}
      {data && (
        <Card size="small" title="月度趋势（每月末快照，本月为实时数据）">
          <EChart option={trendOption} height={260} testId="chart-trend" />
        </Card>
      )}
      {data && (
        <Card
          size="small"
          title="各单位整改情况"
          extra={
            <Space size={4}>
              {COMPLETION_BANDS.map((b) => (
                <Tag.CheckableTag
                  key={b}
                  checked={rankingBand === b}
                  onChange={(checked) => setRanking({ band: checked ? b : undefined })}
                  data-testid={`dash-band-${b}`}
                >
                  <Tag color={BAND_COLOURS[b]} style={{ marginInlineEnd: 0 }}>
                    {COMPLETION_BAND_LABELS[b]}：{data.bands[b]} 个单位
                  </Tag>
                </Tag.CheckableTag>
              ))}
            </Space>
          }
        >
          {ranking.error && <Alert type="error" showIcon title={ranking.error} />}
          <Table<TDashboardUnit>
            size="small"
            rowKey="unitId"
            data-testid="dash-units-table"
            loading={ranking.data === null && ranking.error === null}
            dataSource={ranking.data?.items ?? []}
            pagination={{
              current: rankingPage,
              pageSize: rankingPageSize,
              total: ranking.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (n) => `共 ${n} 个单位`,
            }}
            onChange={(pagination, _filters, sorter, extra) => {
              if (extra.action === 'paginate') {
                const size = pagination.pageSize ?? rankingPageSize;
                setRanking({
                  page: String(size === rankingPageSize ? (pagination.current ?? 1) : 1),
                  pageSize: String(size),
                });
                return;
              }
              if (extra.action !== 'sort' || Array.isArray(sorter)) return;
              const column = sorter.field as keyof TDashboardUnit | undefined;
              const sort: TUnitRankingSort =
                sorter.order === undefined || sorter.order === null || column === undefined
                  ? 'rank'
                  : column === 'completionRate'
                    ? sorter.order === 'ascend'
                      ? 'completion'
                      : '-completion'
                    : (SORT_OF_COLUMN[column] ?? 'rank');
              setRanking({ sort });
            }}
            columns={[
              {
                title: rankingSort === 'rank' ? '排名' : '序号',
                width: 60,
                render: (_, __, i) => (rankingPage - 1) * rankingPageSize + i + 1,
              },
              {
                title: '单位',
                dataIndex: 'unitName',
                render: (_, u) => <Link to={searchLink({ unit: String(u.unitId) })}>{u.unitName}</Link>,
              },
              {
                title: '措施',
                dataIndex: 'measures',
                width: 80,
                sorter: true,
                sortDirections: ['descend'],
                sortOrder: sortOrderOf('measures'),
              },
              { title: '已销号', dataIndex: 'closed', width: 70 },
              {
                title: '完成率',
                dataIndex: 'completionRate',
                width: 100,
                sorter: true,
                sortDirections: ['ascend', 'descend'],
                sortOrder: sortOrderOf('completionRate'),
                render: (rate: number) => percent(rate),
              },
              {
                title: '逾期',
                dataIndex: 'red',
                width: 80,
                sorter: true,
                sortDirections: ['descend'],
                sortOrder: sortOrderOf('red'),
                render: (n: number, u) =>
                  n === 0 ? (
                    0
                  ) : (
                    <Link
                      to={searchLink({ unit: String(u.unitId), colour: 'red', sort: 'overdue' })}
                      data-testid={`dash-unit-red-${u.unitId}`}
                    >
                      <Typography.Text type="danger">{n}</Typography.Text>
                    </Link>
                  ),
              },
              {
                title: '临期',
                dataIndex: 'yellow',
                width: 80,
                sorter: true,
                sortDirections: ['descend'],
                sortOrder: sortOrderOf('yellow'),
                render: (n: number, u) =>
                  n === 0 ? (
                    0
                  ) : (
                    <Link to={searchLink({ unit: String(u.unitId), colour: 'yellow' })}>{n}</Link>
                  ),
              },
              {
                title: '反弹',
                dataIndex: 'relapsed',
                width: 80,
                sorter: true,
                sortDirections: ['descend'],
                sortOrder: sortOrderOf('relapsed'),
                render: (n: number, u) =>
                  n === 0 ? (
                    0
                  ) : (
                    <Link to={searchLink({ unit: String(u.unitId), state: 'relapsed' })}>{n}</Link>
                  ),
              },
              {
                title: '六个明确缺项',
                dataIndex: 'unclear',
                width: 120,
                sorter: true,
                sortDirections: ['descend'],
                sortOrder: sortOrderOf('unclear'),
              },
              {
                title: '未办结督办单',
                dataIndex: 'openOrders',
                width: 120,
                sorter: true,
                sortDirections: ['descend'],
                sortOrder: sortOrderOf('openOrders'),
                render: (n: number, u) =>
                  n === 0 ? (
                    0
                  ) : (
                    <Link to={`/supervision?unit=${u.unitId}`} data-testid={`orders-${u.unitId}`}>
                      {n}
                    </Link>
                  ),
              },
              {
                title: '分档',
                dataIndex: 'band',
                width: 130,
                render: (b: TCompletionBand | null) =>
                  b ? <Tag color={BAND_COLOURS[b]}>{COMPLETION_BAND_LABELS[b]}</Tag> : '—',
              },
            ]}
          />
        </Card>
      )}
      {data && <DashboardTotals data={data} />}
      {data && data.byDepartment.length > 0 && (
        <Card size="small" title="按责任部门（逾期措施最多的前 30 个）">
          <Table
            size="small"
            rowKey="departmentId"
            pagination={false}
            dataSource={data.byDepartment}
            data-testid="dash-departments-table"
            columns={[
              { title: '责任部门', dataIndex: 'departmentName' },
              { title: '单位', dataIndex: 'unitName', width: 200 },
              {
                title: '措施',
                dataIndex: 'measures',
                width: 80,
                render: (n: number, d) => (
                  <Link to={searchLink({ department: String(d.departmentId) })}>{n}</Link>
                ),
              },
              { title: '已销号', dataIndex: 'closed', width: 80 },
              {
                title: '逾期',
                dataIndex: 'red',
                width: 80,
                render: (n: number, d) =>
                  n === 0 ? (
                    0
                  ) : (
                    <Link
                      to={searchLink({ department: String(d.departmentId), colour: 'red', sort: 'overdue' })}
                    >
                      {n}
                    </Link>
                  ),
              },
              { title: '临期', dataIndex: 'yellow', width: 80 },
              { title: '反弹', dataIndex: 'relapsed', width: 80 },
            ]}
          />
        </Card>
      )}
      {data && data.byCategory.length > 0 && (
        <Card size="small" title="按问题类别">
          <Table
            size="small"
            rowKey="title"
            pagination={false}
            dataSource={data.byCategory}
            columns={[
              {
                title: '问题类别',
                dataIndex: 'title',
                render: (title: string) => <Link to={searchLink({ category: title })}>{title}</Link>,
              },
              { title: '措施', dataIndex: 'measures', width: 80 },
              { title: '已销号', dataIndex: 'closed', width: 80 },
              { title: '逾期', dataIndex: 'red', width: 80 },
              { title: '反弹', dataIndex: 'relapsed', width: 80 },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
