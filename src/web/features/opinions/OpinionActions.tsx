/** The steps on an opinion the reader may take now: 受理 or 不属于受理范围, assign, draft the answer, publish it. */
import { Button, Card, Input, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TOpinionView } from '@shared/api.ts';
import { api } from '../../api/client.ts';

type TAct = (work: () => Promise<TOpinionView>, done: string) => void;

/** The forms, each shown only when the reader may take its step. */
export function OpinionActions({ view, isBusy, act }: { view: TOpinionView; isBusy: boolean; act: TAct }) {
  const [decision, setDecision] = useState<'accept' | 'out_of_scope'>('accept');
  const [problemId, setProblemId] = useState<number | null>(view.problemId);
  const [handler, setHandler] = useState<number | null>(view.handlerPersonId);
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState(view.answer ?? '');
  const params = { id: view.id };
  const people = view.choices.people.map((p) => ({ value: p.id, label: p.name }));
  const { can } = view;
  if (!can.triage && !can.assign && !can.answer && !can.publish) return null;
  return (
    <Card size="small" title="办理">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {can.triage && (
          <div data-testid="opinion-triage">
            <Typography.Text strong>受理</Typography.Text>
            <Radio.Group
              style={{ display: 'block', margin: '8px 0' }}
              value={decision}
              onChange={(e) => setDecision(e.target.value as 'accept' | 'out_of_scope')}
              options={[
                { value: 'accept', label: '受理' },
                { value: 'out_of_scope', label: '不属于受理范围' },
              ]}
            />
            {decision === 'accept' ? (
              <Space wrap>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="涉及的问题（可选）"
                  style={{ width: 300, maxWidth: '100%' }}
                  value={problemId ?? undefined}
                  onChange={(v: number | undefined) => setProblemId(v ?? null)}
                  options={view.choices.problems.map((p) => ({ value: p.id, label: p.label }))}
                />
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="承办人（可选）"
                  style={{ width: 160 }}
                  value={handler ?? undefined}
                  onChange={(v: number | undefined) => setHandler(v ?? null)}
                  options={people}
                  data-testid="opinion-handler"
                />
              </Space>
            ) : (
              <Input.TextArea
                rows={2}
                maxLength={1000}
                placeholder="理由（将作为答复向意见提出人公开）"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
            <Button
              style={{ marginTop: 8 }}
              type="primary"
              loading={isBusy}
              data-testid="opinion-triage-submit"
              onClick={() =>
                act(
                  () =>
                    api.post('/api/opinions/:id/triage', {
                      params,
                      body: {
                        version: view.version,
                        decision,
                        problemId: decision === 'accept' ? problemId : null,
                        measureId: null,
                        handlerPersonId: decision === 'accept' ? handler : null,
                        reason: decision === 'accept' ? '' : reason,
                      },
                    }),
                  decision === 'accept' ? '已受理' : '已答复不属于受理范围',
                )
              }
            >
              {view.status === 'received' ? '确定' : '修改受理信息'}
            </Button>
          </div>
        )}
        {can.assign && !can.triage && (
          <Space wrap>
            <Select
              placeholder="承办人"
              style={{ width: 160 }}
              value={handler ?? undefined}
              onChange={(v: number) => setHandler(v)}
              options={people}
            />
            <Button
              disabled={handler === null}
              loading={isBusy}
              onClick={() =>
                act(
                  () =>
                    api.post('/api/opinions/:id/assign', {
                      params,
                      body: { version: view.version, personId: handler ?? 0 },
                    }),
                  '已指定承办人',
                )
              }
            >
              指定承办人
            </Button>
          </Space>
        )}
        {can.answer && (
          <div>
            <Typography.Text strong>答复内容</Typography.Text>
            <Input.TextArea
              rows={4}
              maxLength={4000}
              showCount
              style={{ marginTop: 8 }}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              data-testid="opinion-answer-input"
            />
            <Space style={{ marginTop: 8 }} wrap>
              <Button
                loading={isBusy}
                data-testid="opinion-answer-save"
                onClick={() =>
                  act(
                    () =>
                      api.post('/api/opinions/:id/answer', {
                        params,
                        body: { version: view.version, answer },
                      }),
                    '答复已保存（尚未公开）',
                  )
                }
              >
                保存答复
              </Button>
              {can.publish && (
                <Popconfirm
                  title="发布后，提出人凭查询码即可看到答复，且不能再修改。确定发布？"
                  okText="发布"
                  cancelText="取消"
                  onConfirm={() =>
                    act(
                      () =>
                        api.post('/api/opinions/:id/publish', { params, body: { version: view.version } }),
                      '答复已发布',
                    )
                  }
                >
                  <Button
                    type="primary"
                    loading={isBusy}
                    disabled={view.answer === null || view.answer !== answer}
                    data-testid="opinion-publish"
                  >
                    发布答复
                  </Button>
                </Popconfirm>
              )}
            </Space>
            {can.publish && view.answer !== answer && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
                请先保存答复，再发布。
              </Typography.Paragraph>
            )}
          </div>
        )}
      </Space>
    </Card>
  );
}
