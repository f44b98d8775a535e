/** The ledger of one inspection: category → problem → measure, six-clarity columns, 红黄绿 lights, filters. */
import { DownloadOutlined, PrinterOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';

import { useMemo, useState } from 'react';
import { EscalationSettings } from '../features/ledger/EscalationSettings.tsx';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { TMeasureDetail, TMeasureView } from '@shared/api.ts';
import {
  MEASURE_STATES,
  MEASURE_STATE_LABELS,
  WARNING_COLOUR_LABELS,
  type TMeasureState,
  type TWarningColour,
} from '@shared/domain.ts';

import { api } from '../api/client.ts';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { WarningLight } from '../components/StatusBits.tsx';
import {
  allRowKeys,
  buildLedgerRows,
  countMeasures,
  EMPTY_FILTER,
  type TLedgerFilter,
  type TLedgerRow,
} from '../features/ledger/ledger-rows.ts';
import { DecisionModal } from '../components/DecisionModal.tsx';
import { ExportButton } from '../components/ExportButton.tsx';
import { ArchivedLedgerBanner, LedgerRetirementActions } from '../features/ledger/LedgerRetirement.tsx';
import { LookbackPanel } from '../features/ledger/LookbackPanel.tsx';
import { OutcomesPanel } from '../features/ledger/OutcomesPanel.tsx';
import { MeasureDrawer } from '../features/ledger/MeasureDrawer.tsx';
import {
  MeasureFormModal,
  measureFormKey,
  type TMeasureFormTarget,
} from '../features/ledger/MeasureFormModal.tsx';
import { ProgressFormModal } from '../features/ledger/ProgressFormModal.tsx';
import { ledgerColumns } from '../features/ledger/ledger-columns.tsx';
import { errorMessage, useApi } from '../api/use-api.ts';

/** The page. */
export function LedgerPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [isApprovingPlan, setApprovingPlan] = useState(false);
  const [filter, setFilter] = useState<TLedgerFilter>(EMPTY_FILTER);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [params] = useSearchParams();
  const [drawerId, setDrawerId] = useState<number | null>(
    params.get('measure') !== null ? Number(params.get('measure')) : null,
  );
  const [drawerRefresh, setDrawerRefresh] = useState(0);
  const [formTarget, setFormTarget] = useState<TMeasureFormTarget | null>(null);
  const [progressTarget, setProgressTarget] = useState<TMeasureView | null>(null);

  const {
    data: ledger,
    error,
    reload,
  } = useApi(() => api.get('/api/inspections/:id/ledger', { params: { id: id ?? '' } }), [id]);
  const monthly = useApi(
    () => api.get('/api/inspections/:id/monthly-reports', { params: { id: id ?? '' } }),
    [id],
  );
  const monthlyDue = monthly.data?.due ?? null;
  const load = () => {
    reload();
    monthly.reload();
  };

  const rows = useMemo(() => (ledger ? buildLedgerRows(ledger, filter) : []), [ledger, filter]);
  // The tree is open by default; the user's collapsed rows stay collapsed across filters and reloads.
  const allKeys = useMemo(() => allRowKeys(rows), [rows]);
  const expanded = allKeys.filter((k) => !collapsed.has(k));

  const saved = (d: TMeasureDetail, text: string) => {
    void message.success(text);
    setFormTarget(null);
    setProgressTarget(null);
    setDrawerRefresh((n) => n + 1);
    load();
    return d;
  };

  if (error)
    return (
      <Card>
        <Typography.Text type="danger">{error}</Typography.Text> <Link to="/inspections">返回列表</Link>
      </Card>
    );
  if (!ledger) return <Card loading />;
  const i = ledger.inspection;

  const columns = ledgerColumns({
    canCreateMeasure: ledger.canCreateMeasure,
    onOpen: setDrawerId,
    onForm: setFormTarget,
  });

  const colourButton = (colour: TWarningColour, count: number) => (
    <Button
      key={colour}
      type={filter.colour === colour ? 'primary' : 'default'}
      onClick={() => setFilter((f) => ({ ...f, colour: f.colour === colour ? null : colour }))}
      data-testid={`filter-colour-${colour}`}
    >
      <WarningLight colour={colour} /> {WARNING_COLOUR_LABELS[colour]} {count}
    </Button>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          // On a phone the title and the buttons wrap instead of widening the page.
          styles={{ header: { flexWrap: 'wrap', rowGap: 8 }, title: { whiteSpace: 'normal' } }}
          title={
            <Space wrap>
              <Link to="/inspections">台账列表</Link>/
              <span data-testid="ledger-title">{i.partyOrgName ?? i.unitName}</span>
              <Tag>{i.kind}</Tag>
              {ledger.canChangeSettings ? (
                <Checkbox
                  checked={ledger.requiresOfficeConfirmation}
                  onChange={(e) =>
                    void api
                      .patch('/api/inspections/:id/settings', {
                        params: { id: i.id },
                        body: {
                          requiresOfficeConfirmation: e.target.checked,
                        },
                      })
                      .then(load, (err: unknown) => void message.error(errorMessage(err, '操作失败')))
                  }
                >
                  销号须巡察办确认
                </Checkbox>
              ) : (
                ledger.requiresOfficeConfirmation && <Tag>销号须巡察办确认</Tag>
              )}
              <EscalationSettings
                inspectionId={i.id}
                escalation={ledger.escalation}
                canChange={ledger.canChangeSettings}
                onSaved={load}
              />
              {ledger.planApprovedAt ? (
                <Tag color="success" title={ledger.planApprovalOpinion ?? undefined}>
                  整改方案已批准 {ledger.planApprovedAt.slice(0, 10)}
                </Tag>
              ) : ledger.canApprovePlan ? (
                <>
                  <Button size="small" onClick={() => setApprovingPlan(true)} data-testid="approve-plan">
                    批准整改方案
                  </Button>
                  <DecisionModal
                    ask={
                      isApprovingPlan
                        ? {
                            title: '确认批准整改方案？批准后调整完成时限或整改措施须经延期/调整申请',
                            label: '审批意见（可选）',
                            isRequired: false,
                            okText: '批准',
                          }
                        : null
                    }
                    onCancel={() => setApprovingPlan(false)}
                    onSubmit={(opinion) => {
                      setApprovingPlan(false);
                      void api
                        .post('/api/inspections/:id/approve-plan', {
                          params: { id: i.id },
                          body: { opinion },
                        })
                        .then(load, (e: unknown) => void message.error(errorMessage(e, '操作失败')));
                    }}
                    testId="plan-opinion"
                  />
                </>
              ) : (
                <Tag>整改方案待批准</Tag>
              )}
            </Space>
          }
          extra={
            <Space wrap>
              <Link to={`/inspections/${i.id}/documents`} data-testid="go-documents">
                <Button>通报与报告</Button>
              </Link>
              <ExportButton
                icon={<DownloadOutlined />}
                request={{ what: 'ledger', inspectionId: i.id }}
                testId="export-xlsx"
              >
                导出 Excel
              </ExportButton>
              {me?.canImport && i.archived === null && (
                <Link to={`/import?inspectionId=${i.id}`}>
                  <Button icon={<UploadOutlined />}>按新版分解表更新</Button>
                </Link>
              )}
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-ledger">
                打印
              </Button>
              <Button icon={<ReloadOutlined />} onClick={load}>
                刷新
              </Button>
              <LedgerRetirementActions ledger={ledger} onChanged={load} />
            </Space>
          }
          items={[
            { key: 'g', label: '巡察组', children: i.groupName ?? '—' },
            {
              key: 'p',
              label: '进驻时间',
              children: i.startDate ? `${i.startDate} 至 ${i.endDate ?? ''}` : '—',
            },
            { key: 'f', label: '反馈日期', children: i.feedbackDate ?? '—' },
            {
              key: 'c',
              label: '问题 / 措施',
              children: `${i.counts.categories} 类 ${i.counts.problems} 个问题 ${i.counts.measures} 条措施，已销号 ${i.counts.closed}`,
            },
          ]}
        />
      </Card>
      <ArchivedLedgerBanner ledger={ledger} />
      {monthlyDue && ledger.inspection.archived === null && (
        <Alert
          type={monthlyDue.isOverdue ? 'error' : 'warning'}
          showIcon
          data-testid="ledger-monthly-due"
          title={`${monthlyDue.month} 月报告尚未签发（应于 ${monthlyDue.dueDate} 前签发）`}
          action={<Link to={`/inspections/${i.id}/documents`}>去签发</Link>}
        />
      )}
      {ledger.categories.some((c) => c.problems.some((p) => p.measures.some((m) => m.isDemo))) && (
        <Alert
          type="info"
          showIcon
          title="演示数据：问题与措施导入自公开通报，部室、人员和完成时限为演示用虚构数据。"
        />
      )}
      <Card size="small" className="no-print">
        <Space wrap>
          {colourButton('red', i.counts.red)}
          {colourButton('yellow', i.counts.yellow)}
          {colourButton('green', i.counts.green)}
          <Select<TMeasureState[]>
            mode="multiple"
            allowClear
            placeholder="状态"
            style={{ minWidth: 150 }}
            value={filter.states}
            onChange={(states) => setFilter((f) => ({ ...f, states }))}
            options={MEASURE_STATES.map((s) => ({ value: s, label: MEASURE_STATE_LABELS[s] }))}
            data-testid="filter-state"
          />
          <Select<number>
            allowClear
            placeholder="责任单位"
            style={{ width: 140 }}
            value={filter.departmentId ?? undefined}
            onChange={(v) => setFilter((f) => ({ ...f, departmentId: v ?? null }))}
            options={ledger.departments.map((d) => ({ value: d.id, label: d.name }))}
          />
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="责任人 / 责任领导"
            style={{ width: 160 }}
            value={filter.personId ?? undefined}
            onChange={(v) => setFilter((f) => ({ ...f, personId: v ?? null }))}
            options={ledger.people.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Input.Search
            allowClear
            placeholder="搜索措施、问题、进展"
            style={{ width: 220 }}
            onSearch={(text) => setFilter((f) => ({ ...f, text }))}
            data-testid="filter-text"
          />
          <Button onClick={() => setFilter(EMPTY_FILTER)}>清除筛选</Button>
          <Typography.Text type="secondary" data-testid="visible-count">
            显示 {countMeasures(rows)} 条措施
          </Typography.Text>
        </Space>
      </Card>
      <Table<TLedgerRow>
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1180 }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setCollapsed(new Set(allKeys.filter((k) => !keys.includes(k)))),
          indentSize: 12,
        }}
        rowClassName={(r) => `ledger-row-${r.kind}`}
        onRow={(r) =>
          r.kind === 'measure'
            ? ({
                'data-testid': `measure-row-${r.measure.id}`,
                'data-colour': r.measure.colour,
              } as React.HTMLAttributes<HTMLElement>)
            : {}
        }
      />
      <OutcomesPanel inspectionId={i.id} onError={(t) => void message.error(t)} />
      <LookbackPanel ledger={ledger} onChanged={load} onError={(t) => void message.error(t)} />
      <MeasureDrawer
        measureId={drawerId}
        refreshKey={drawerRefresh}
        onClose={() => setDrawerId(null)}
        onEdit={(m) => setFormTarget({ kind: 'edit', measure: m })}
        onProgress={(m) => setProgressTarget(m)}
        onChanged={load}
      />
      <MeasureFormModal
        key={measureFormKey(formTarget)}
        target={formTarget}
        ledger={ledger}
        onSaved={(d) => saved(d, '已保存')}
        onCancel={() => setFormTarget(null)}
      />
      <ProgressFormModal
        key={progressTarget ? `p-${progressTarget.id}-${progressTarget.version}` : 'closed'}
        measure={progressTarget}
        today={ledger.today}
        onSaved={(d) => saved(d, '已记录进展')}
        onCancel={() => setProgressTarget(null)}
      />
    </Space>
  );
}
