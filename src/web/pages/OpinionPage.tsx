/** One opinion from the public: what was said, by whom (when the reader may know), and the step the reader may take. */
import { Alert, App, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { TOpinionView } from '@shared/api.ts';
import { api } from '../api/client.ts';
import { errorMessage, useApi } from '../api/use-api.ts';
import { WarningLight } from '../components/StatusBits.tsx';
import { OpinionActions } from '../features/opinions/OpinionActions.tsx';
import { OpinionStatusTag } from '../features/opinions/OpinionStatusTag.tsx';

/** The page. */
export function OpinionPage() {
  const { id } = useParams();
  const opinionId = Number(id);
  const { message } = App.useApp();
  const loaded = useApi(() => api.get('/api/opinions/:id', { params: { id: opinionId } }), [opinionId]);
  const [changed, setChanged] = useState<TOpinionView | null>(null);
  const view = changed?.id === opinionId ? changed : loaded.data;
  const [isBusy, setBusy] = useState(false);
  const act = (work: () => Promise<TOpinionView>, done: string) => {
    setBusy(true);
    work()
      .then((o) => {
        setChanged(o);
        void message.success(done);
      })
      .catch((e: unknown) => {
        void message.error(errorMessage(e, '操作失败'));
        setChanged(null);
        loaded.reload();
      })
      .finally(() => setBusy(false));
  };
  if (loaded.error) return <Alert type="error" showIcon title={loaded.error} />;
  if (!view) return null;
  const who = view.contactHidden ? (
    <Typography.Text type="secondary">（提出人留有联系方式，您的角色无权查看）</Typography.Text>
  ) : view.name === null && view.contact === null ? (
    <Typography.Text type="secondary">匿名</Typography.Text>
  ) : (
    <span data-testid="opinion-contact">
      {view.name ?? '未留姓名'} {view.contact ?? ''}
    </span>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`群众监督意见 ${view.code}`}
        extra={
          <Space wrap>
            <OpinionStatusTag status={view.status} />
            <Link to="/opinions">返回意见列表</Link>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="单位">{view.unitName}</Descriptions.Item>
          <Descriptions.Item label="收到日期">{view.receivedAt.slice(0, 10)}</Descriptions.Item>
          <Descriptions.Item label="答复期限">
            <Space>
              <WarningLight colour={view.colour} />
              {view.answerDue}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="提出人">{who}</Descriptions.Item>
          <Descriptions.Item label="涉及问题">{view.problemTitle ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="关联措施">
            {view.measure ? (
              <Link to={`/inspections/${view.measure.inspectionId}?measure=${view.measure.id}`}>
                {view.measure.content}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="承办人">{view.handlerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="办理说明">{view.triageNote ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="意见内容" span={2}>
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
              data-testid="opinion-content"
            >
              {view.content}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {view.answer !== null && (
        <Card
          size="small"
          title={
            view.answerPublishedAt
              ? `已公开的答复（${view.answerPublishedAt.slice(0, 10)}）`
              : '答复（草稿，尚未公开）'
          }
        >
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
            data-testid="opinion-answer"
          >
            {view.answer}
          </Typography.Paragraph>
        </Card>
      )}
      <OpinionActions view={view} isBusy={isBusy} act={act} />
    </Space>
  );
}
