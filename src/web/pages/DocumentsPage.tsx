/** 通报与报告: the announcement (write sections 一 and 三, preview, submit, approve, publish), monthly reports, the plan. */
import { Alert, App, Button, Card, Checkbox, DatePicker, Input, List, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { TAnnouncementView, TMonthlyReportsView } from '@shared/api.ts';
import { api } from '../api/client.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { DecisionModal, type TDecisionAsk } from '../components/DecisionModal.tsx';
import { errorMessage } from '../api/use-api.ts';

const STATUS: Record<TAnnouncementView['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '待审批', color: 'processing' },
  approved: { label: '已批准', color: 'cyan' },
  published: { label: '已发布', color: 'success' },
  withdrawn: { label: '已撤回', color: 'warning' },
};
const STEP_LABEL = {
  submit: '提交审批',
  approve: '批准',
  return: '退回修改',
  publish: '发布',
  withdraw: '撤回',
} as const;
/** Steps decided in a dialog with an opinion (required to return a version). */
const DECISIONS: Partial<Record<keyof typeof STEP_LABEL, TDecisionAsk>> = {
  approve: { title: '确认批准本版通报？', label: '审批意见（可选）', isRequired: false },
  return: { title: '退回通报修改', label: '退回理由（必填）', isRequired: true },
};

type TDraft = {
  section1Heading: string;
  section1Text: string;
  section3Heading: string;
  section3Text: string;
  includeStatistics: boolean;
};

/** The page. */
export function DocumentsPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const [versions, setVersions] = useState<TAnnouncementView[] | null>(null);
  const [monthly, setMonthly] = useState<TMonthlyReportsView | null>(null);
  const [draft, setDraft] = useState<TDraft | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [previewKey, setPreviewKey] = useState(0);
  // The month before the server's date (Beijing), once the reports are loaded; not the browser's clock.
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [summary, setSummary] = useState('');
  const [deciding, setDeciding] = useState<keyof typeof STEP_LABEL | null>(null);
  const base = `/api/inspections/${id ?? ''}`;
  const inspectionId = Number(id ?? 0);
  useEffect(() => {
    let isCurrent = true;
    void Promise.all([
      api.get('/api/inspections/:id/announcements', { params: { id: inspectionId } }),
      api.get('/api/inspections/:id/monthly-reports', { params: { id: inspectionId } }),
    ]).then(([v, m]) => {
      if (!isCurrent) return;
      setVersions(v);
      setMonthly(m);
      setMonth((chosen) => chosen ?? dayjs(`${m.previousMonth}-01`));
      const open = v[0];
      setDraft(
        open && open.status !== 'published' && open.status !== 'withdrawn'
          ? {
              section1Heading: open.section1Heading,
              section1Text: open.section1Text,
              section3Heading: open.section3Heading,
              section3Text: open.section3Text,
              includeStatistics: open.includeStatistics,
            }
          : {
              section1Heading: open?.section1Heading ?? '提高站位,切实把整改落实作为重大政治任务抓紧抓好',
              section1Text: open?.section1Text ?? '',
              section3Heading: open?.section3Heading ?? '持续巩固和深化整改成果',
              section3Text: open?.section3Text ?? '',
              includeStatistics: open?.includeStatistics ?? false,
            },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [inspectionId, reloadKey]);
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      setReloadKey((n) => n + 1);
      setPreviewKey((n) => n + 1);
    } catch (e) {
      void message.error(errorMessage(e, '操作失败'));
    }
  };
  const current = versions?.[0];
  const canEdit = current === undefined || current.allowed.includes('edit');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space>
          <Link to={`/inspections/${id ?? ''}`}>返回台账</Link>
          <Typography.Text strong>通报与报告</Typography.Text>
        </Space>
      </Card>
      {monthly?.due && (
        <Alert
          type={monthly.due.isOverdue ? 'error' : 'warning'}
          showIcon
          title={`${monthly.due.month} 月报告尚未签发（应于 ${monthly.due.dueDate} 前签发）`}
          data-testid="monthly-due"
        />
      )}
      <Card title="巡察整改进展情况通报" size="small" data-testid="announcement-card">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            {versions?.map((v) => (
              <Space key={v.id} size={4}>
                <Tag color={STATUS[v.status].color} data-testid={`version-${v.versionNo}`}>
                  第 {v.versionNo} 版 · {STATUS[v.status].label}
                </Tag>
                {v.publishedAt && (
                  <ExportButton
                    type="link"
                    request={{
                      what: 'document',
                      inspectionId,
                      kind: 'announcement',
                      format: 'docx',
                      version: v.id,
                    }}
                    testId={`published-${v.versionNo}-docx`}
                  >
                    docx
                  </ExportButton>
                )}
                {v.publishedAt && (
                  <ExportButton
                    type="link"
                    request={{
                      what: 'document',
                      inspectionId,
                      kind: 'announcement',
                      format: 'pdf',
                      version: v.id,
                    }}
                    testId={`published-${v.versionNo}-pdf`}
                  >
                    pdf
                  </ExportButton>
                )}
                {v.publishedAt &&
                  (['html', 'txt'] as const).map((f) => (
                    <a
                      key={f}
                      href={`${base}/documents/announcement.${f}?version=${v.id}`}
                      target="_blank"
                      rel="noopener noreferrer"
                      data-testid={`published-${v.versionNo}-${f}`}
                    >
                      {f}
                    </a>
                  ))}
              </Space>
            ))}
          </Space>
          {current && (current.submittedByName || current.approvedByName || current.approvalOpinion) && (
            <Typography.Text type="secondary" data-testid="announcement-decision">
              {current.submittedByName ? `提交人：${current.submittedByName}` : ''}
              {current.approvedByName ? `，批准人：${current.approvedByName}` : ''}
              {current.approvalOpinion
                ? `，${current.status === 'draft' ? '退回理由' : '审批意见'}：${current.approvalOpinion}`
                : ''}
            </Typography.Text>
          )}
          {draft && canEdit && (
            <>
              <Typography.Text strong>一、</Typography.Text>
              <Input
                value={draft.section1Heading}
                onChange={(e) => setDraft({ ...draft, section1Heading: e.target.value })}
                data-testid="section1-heading"
              />
              <Input.TextArea
                value={draft.section1Text}
                onChange={(e) => setDraft({ ...draft, section1Text: e.target.value })}
                autoSize={{ minRows: 4, maxRows: 14 }}
                placeholder="整改工作组织开展情况；每段一行，(一)(二)…开头的段落按小标题排版"
                data-testid="section1-text"
              />
              <Typography.Text type="secondary">
                二、反馈意见整改落实情况（由台账自动生成：问题类别、问题及各措施的最新进展）
              </Typography.Text>
              <Checkbox
                checked={draft.includeStatistics}
                onChange={(e) => setDraft({ ...draft, includeStatistics: e.target.checked })}
              >
                加入整改统计（问题数、已完成、完成率）
              </Checkbox>
              <Typography.Text strong>三、</Typography.Text>
              <Input
                value={draft.section3Heading}
                onChange={(e) => setDraft({ ...draft, section3Heading: e.target.value })}
                data-testid="section3-heading"
              />
              <Input.TextArea
                value={draft.section3Text}
                onChange={(e) => setDraft({ ...draft, section3Text: e.target.value })}
                autoSize={{ minRows: 3, maxRows: 10 }}
                placeholder="下一步工作打算"
                data-testid="section3-text"
              />
              <Button
                onClick={() =>
                  void run(
                    () =>
                      api.put('/api/inspections/:id/announcements/draft', {
                        params: { id: inspectionId },
                        body: { ...draft, version: current?.version ?? 0 },
                      }),
                    '草稿已保存',
                  )
                }
                data-testid="save-draft"
              >
                保存草稿
              </Button>
            </>
          )}
          <Space wrap>
            {current?.allowed
              .filter((a): a is keyof typeof STEP_LABEL => a !== 'edit')
              .map((a) => (
                <Button
                  key={a}
                  type={a === 'publish' || a === 'approve' ? 'primary' : 'default'}
                  danger={a === 'withdraw'}
                  onClick={() =>
                    DECISIONS[a]
                      ? setDeciding(a)
                      : void run(
                          () =>
                            api.post('/api/announcements/:id/:step', { params: { id: current.id, step: a } }),
                          `已${STEP_LABEL[a]}`,
                        )
                  }
                  data-testid={`announcement-${a}`}
                >
                  {STEP_LABEL[a]}
                </Button>
              ))}
            <ExportButton
              type="link"
              request={{ what: 'document', inspectionId, kind: 'announcement', format: 'docx' }}
              testId="draft-docx"
            >
              下载当前稿（Word）
            </ExportButton>
          </Space>
          {(current?.warnings.length ?? 0) > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="announcement-warnings"
              title="请注意：以下措施经“回头看”认定反弹，通报中不作为已完成整改"
              description={current?.warnings.map((w) => (
                <div key={w}>{w}</div>
              ))}
            />
          )}
          <iframe
            key={previewKey}
            title="通报预览"
            src={`${base}/documents/announcement.html`}
            style={{ width: '100%', height: 520, border: '1px solid #eee' }}
            data-testid="announcement-preview"
          />
        </Space>
      </Card>
      <Card title="整改工作月报告" size="small">
        <List
          size="small"
          dataSource={monthly?.reports ?? []}
          locale={{ emptyText: '尚未签发月报告' }}
          renderItem={(r) => (
            <List.Item>
              <Space>
                {r.month}
                <Typography.Text type="secondary">签发于 {r.issuedAt.slice(0, 10)}</Typography.Text>
                <ExportButton
                  type="link"
                  request={{
                    what: 'document',
                    inspectionId,
                    kind: 'monthly',
                    format: 'docx',
                    month: r.month,
                  }}
                >
                  docx
                </ExportButton>
                <ExportButton
                  type="link"
                  request={{ what: 'document', inspectionId, kind: 'monthly', format: 'pdf', month: r.month }}
                >
                  pdf
                </ExportButton>
                {(['html', 'txt'] as const).map((f) => (
                  <a
                    key={f}
                    href={`${base}/documents/monthly.${f}?month=${r.month}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {f}
                  </a>
                ))}
              </Space>
            </List.Item>
          )}
        />
        {monthly?.canIssue && (
          <Space wrap style={{ marginTop: 8 }}>
            <DatePicker picker="month" value={month} onChange={setMonth} />
            <Input.TextArea
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              placeholder="本月小结（可选）"
              autoSize={{ minRows: 1, maxRows: 4 }}
              style={{ width: 360 }}
            />
            <a
              href={`${base}/documents/monthly.html?month=${month?.format('YYYY-MM') ?? ''}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              预览
            </a>
            <Button
              type="primary"
              onClick={() =>
                void run(
                  () =>
                    api.post('/api/inspections/:id/monthly-reports', {
                      params: { id: inspectionId },
                      body: { month: month?.format('YYYY-MM') ?? '', summary },
                    }),
                  '月报告已签发',
                )
              }
            >
              签发月报告
            </Button>
          </Space>
        )}
      </Card>
      <Card title="整改方案与责任分解表" size="small">
        <Space>
          <ExportButton
            type="link"
            request={{ what: 'document', inspectionId, kind: 'plan', format: 'docx' }}
          >
            整改方案（docx）
          </ExportButton>
          {(['html', 'txt'] as const).map((f) => (
            <a key={f} href={`${base}/documents/plan.${f}`} target="_blank" rel="noopener noreferrer">
              整改方案（{f}）
            </a>
          ))}
          <ExportButton type="link" request={{ what: 'ledger', inspectionId }}>
            责任分解表（Excel）
          </ExportButton>
        </Space>
      </Card>
      <DecisionModal
        ask={deciding ? (DECISIONS[deciding] ?? null) : null}
        onCancel={() => setDeciding(null)}
        onSubmit={(opinion) => {
          const step = deciding;
          if (!step || !current) return;
          setDeciding(null);
          void run(
            () =>
              api.post('/api/announcements/:id/:step', {
                params: { id: current.id, step },
                body: { opinion },
              }),
            `已${STEP_LABEL[step]}`,
          );
        }}
        testId="announcement-opinion"
      />
    </Space>
  );
}
