/**
 * 我的工作: what waits for the current user today, each a click from where it is done — the measure opens in its
 * ledger with its actions (record progress, request 销号, review, approve), a look-back in its ledger. Laid out as
 * plain lists so it reads on a phone as on a desk.
 */
import { Alert, Card, Empty, List, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { TMyMeasure, TMyWork } from '@shared/api.ts';
import { CLOSE_OUT_STAGE_LABELS } from '@shared/measure-state.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/use-api.ts';
import { WarningLight } from '../components/StatusBits.tsx';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { OrdersWaiting } from '../features/supervision/OrdersWaiting.tsx';

const measureLink = (inspectionId: number, measureId: number) =>
  `/inspections/${inspectionId}?measure=${measureId}`;
const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** When a measure is due, in words. */
function dueText(m: TMyMeasure): string {
  if (m.isStanding)
    return m.colour === 'red' ? '长期坚持：已过检查周期，请报送进展' : '长期坚持：临近检查周期';
  if (m.overdueDays !== null) return `超期 ${m.overdueDays} 天（时限 ${m.deadline ?? ''}）`;
  return `完成时限 ${m.deadline ?? '—'}`;
}

/** One colour's measures, with a link to all of them in 措施查询 when more than are listed. */
function MeasureList(props: { title: string; list: TMyWork['red']; allHref: string | null; testId: string }) {
  const { title, list, allHref, testId } = props;
  return (
    <Card
      size="small"
      title={`${title}（${list.total}）`}
      extra={
        allHref && list.total > list.items.length ? <Link to={allHref}>全部 {list.total} 条</Link> : null
      }
      data-testid={testId}
    >
      <List
        size="small"
        dataSource={list.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有" /> }}
        renderItem={(m) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Link to={measureLink(m.inspectionId, m.id)} style={{ wordBreak: 'break-all' }}>
                <WarningLight colour={m.colour} /> {short(m.content)}
              </Link>
              <Typography.Text type={m.colour === 'red' ? 'danger' : 'secondary'}>
                {dueText(m)}
                {m.isLed ? ' · 我分管' : ''} · {m.unitName}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** A card that shows only when it has something. */
function Waiting<T>(props: { title: string; items: T[]; testId: string; render: (item: T) => ReactNode }) {
  if (props.items.length === 0) return null;
  return (
    <Card size="small" title={`${props.title}（${props.items.length}）`} data-testid={props.testId}>
      <List
        size="small"
        dataSource={props.items}
        renderItem={(item) => <List.Item style={{ paddingInline: 0 }}>{props.render(item)}</List.Item>}
      />
    </Card>
  );
}

/** One waiting item: its measure, a click away, and what it waits for. */
function WaitingLine(props: { href: string; content: string; testId: string; children: ReactNode }) {
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      <Link to={props.href} data-testid={props.testId} style={{ wordBreak: 'break-all' }}>
        {short(props.content)}
      </Link>
      <Typography.Text type="secondary">{props.children}</Typography.Text>
    </Space>
  );
}

/** The page. */
export function MyWorkPage() {
  const { me } = useAuth();
  const work = useApi(() => api.get('/api/my-work'), []);
  const w = work.data;
  const mine = me?.personId ? `person=${me.personId}&` : null;
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 960 }} data-testid="my-work">
      <Typography.Title level={3} style={{ margin: 0 }}>
        我的工作
      </Typography.Title>
      {work.error && <Alert type="error" showIcon title={work.error} />}
      {w && (
        <>
          <Space wrap size="large">
            <Statistic title="红灯" value={w.red.total} valueStyle={{ color: '#cf1322' }} />
            <Statistic title="黄灯" value={w.yellow.total} valueStyle={{ color: '#d48806' }} />
            <Statistic title="待审核销号" value={w.closeOuts.length} />
            {w.scopeRed !== null && (
              <Link to="/measures?colour=red&sort=deadline" data-testid="my-work-scope-red">
                <Statistic title="范围内红灯措施" value={w.scopeRed} />
              </Link>
            )}
            <Link to="/queue">
              <Statistic title="未读消息" value={w.unread} />
            </Link>
          </Space>
          <OrdersWaiting />
          <Waiting
            title="待我审核的销号申请"
            items={w.closeOuts}
            testId="my-work-close-outs"
            render={(q) => (
              <WaitingLine
                href={measureLink(q.inspectionId, q.measureId)}
                content={q.content}
                testId={`my-work-close-out-${q.measureId}`}
              >
                <Tag>{CLOSE_OUT_STAGE_LABELS[q.stage]}</Tag>
                {q.requesterName} {q.requestedAt.slice(0, 10)} 申请：{short(q.summary, 40)}
              </WaitingLine>
            )}
          />
          <Waiting
            title="待我审批的延期/调整申请"
            items={w.extensions}
            testId="my-work-extensions"
            render={(e) => (
              <WaitingLine
                href={measureLink(e.inspectionId, e.measureId)}
                content={e.content}
                testId={`my-work-extension-${e.measureId}`}
              >
                {e.requesterName} {e.requestedAt.slice(0, 10)} 申请
                {e.newDeadline ? `延期至 ${e.newDeadline}` : '调整'}：{short(e.reason, 40)}
              </WaitingLine>
            )}
          />
          <Waiting
            title={`待办理的群众监督意见${w.opinions.total > w.opinions.items.length ? `（共 ${w.opinions.total} 条，显示最急的 ${w.opinions.items.length} 条）` : ''}`}
            items={w.opinions.items}
            testId="my-work-opinions"
            render={(o) => (
              <WaitingLine href={`/opinions/${o.id}`} content={o.excerpt} testId={`my-work-opinion-${o.id}`}>
                <WarningLight colour={o.colour} /> {o.statusLabel}，{o.answerDue} 前答复 · 查询码 {o.code}
              </WaitingLine>
            )}
          />
          <MeasureList
            title="红灯措施（我负责或分管）"
            list={w.red}
            allHref={mine && `/measures?${mine}colour=red&sort=deadline`}
            testId="my-work-red"
          />
          <MeasureList
            title="黄灯措施（临近时限）"
            list={w.yellow}
            allHref={mine && `/measures?${mine}colour=yellow&sort=deadline`}
            testId="my-work-yellow"
          />
          <Waiting
            title="待回头看检查"
            items={w.lookbacks}
            testId="my-work-lookbacks"
            render={(l) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/inspections/${l.inspectionId}`}>
                  {l.unitName} · {short(l.inspectionTitle, 40)}
                </Link>
                <Typography.Text type="secondary">
                  计划 {l.scheduledDate} 检查，尚有 {l.unchecked} 项未检查
                </Typography.Text>
              </Space>
            )}
          />
        </>
      )}
    </Space>
  );
}
